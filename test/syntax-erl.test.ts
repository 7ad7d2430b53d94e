/**
 * Differential check against Erlang itself: 1500 generated files (valid terms of every
 * kind, some mutated) with `file:consult`'s verdict and, when ok, the terms Erlang read
 * (test/fixtures/erl-terms). Our parser must agree on the verdict, the number of terms
 * and every value: escapes, numbers, binaries, atoms, improper lists, maps.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { decodeAclBytes, parseDocument, type Term } from "../packages/syntax/src/index";
import { repoRoot } from "./support/shared";

type J = unknown;
interface Case {
  src: string;
  consult: "ok" | "error";
  terms?: J[];
}

const cases: Case[] = readFileSync(join(repoRoot, "test", "fixtures", "erl-terms", "cases.jsonl"), "utf8")
  .split("\n")
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l));

/** Floats compared as numbers, maps as sets (Erlang prints them in term order). */
function canon(x: J): J {
  if (Array.isArray(x)) return x.map(canon);
  if (x && typeof x === "object") {
    const o = x as Record<string, J>;
    if ("f" in o) return { f: Number(o.f) };
    if ("m" in o)
      return { m: (o.m as J[]).map(canon).sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1)) };
    return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, canon(v)]));
  }
  return x;
}

/** Our term in the dump format; `[a | [b]]` flattens and duplicate map keys keep the last, as in Erlang. */
function dump(t: Term): J {
  switch (t.kind) {
    case "integer":
      return { i: t.value.toString() };
    case "float":
      return { f: t.value };
    case "atom":
      return { a: [...t.value].map((c) => c.codePointAt(0)) };
    case "string":
      return { l: t.codes.map((c) => ({ i: String(c) })), t: null };
    case "binary":
      return { b: [...t.bytes].map((c) => c.charCodeAt(0)), bits: t.bits ?? t.bytes.length * 8 };
    case "tuple":
      return { u: t.elements.map(dump) };
    case "map": {
      const m = new Map<string, J>();
      for (const e of t.entries) m.set(JSON.stringify(canon(dump(e.key))), [dump(e.key), dump(e.value)]);
      return { m: [...m.values()] };
    }
    case "list": {
      let els = t.elements.map(dump);
      let tail = t.tail ? (dump(t.tail) as { l?: J[]; t?: J }) : null;
      if (tail && tail.l) {
        els = els.concat(tail.l);
        tail = tail.t as typeof tail;
      }
      return { l: els, t: tail };
    }
  }
}

describe("agrees with Erlang's file:consult on generated terms", () => {
  test("the fixture covers both outcomes", () => {
    expect(cases.filter((c) => c.consult === "ok").length).toBeGreaterThan(500);
    expect(cases.filter((c) => c.consult === "error").length).toBeGreaterThan(500);
  });
  test("verdicts, term counts and values", () => {
    const wrong: string[] = [];
    for (const c of cases) {
      const decoded = decodeAclBytes(new TextEncoder().encode(c.src));
      const r = parseDocument(decoded.text);
      const errors = [...decoded.diagnostics, ...r.diagnostics];
      if (c.consult === "error") {
        if (!errors.length) wrong.push(`${JSON.stringify(c.src)}: erl error, we accept`);
        continue;
      }
      if (errors.length) wrong.push(`${JSON.stringify(c.src)}: erl ok, we say ${errors[0].message}`);
      else {
        const mine = JSON.stringify(canon(r.forms.map((f) => dump(f.term!))));
        if (mine !== JSON.stringify(canon(c.terms))) wrong.push(`${JSON.stringify(c.src)}: values differ`);
      }
    }
    expect(wrong.slice(0, 10)).toEqual([]);
  });
});
