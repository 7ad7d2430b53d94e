/**
 * grammar/acl-conf.ebnf is the readable grammar; this test keeps it honest: every parser
 * rule and token type has a production of the same name (and vice versa), the reserved
 * words match the scanner's, and random sentences generated from the syntax productions
 * parse. The TextMate grammar and language configuration are checked for shape.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { parseDocument } from "../packages/syntax/src/index";
import { termParser } from "../packages/syntax/src/parser";
import { allTokenTypes, RESERVED_WORDS } from "../packages/syntax/src/tokens";
import { prng } from "../bench/acl-gen";
import { repoRoot } from "./support/shared";

type Expr =
  | { t: "ref"; name: string }
  | { t: "lit"; text: string }
  | { t: "seq"; items: Expr[] }
  | { t: "alt"; items: Expr[] }
  | { t: "rep"; min: 0 | 1; max: 1 | "*"; item: Expr };

const ebnf = readFileSync(join(repoRoot, "grammar", "acl-conf.ebnf"), "utf8");

/** Productions of one section of the EBNF (sections start with a `(* ---- name *)` marker). */
function section(name: string): Map<string, string> {
  const parts = ebnf.split(/\(\* -+ ([a-z ]+) \*\)/);
  const at = parts.indexOf(name);
  expect(at, `section ${name}`).toBeGreaterThan(0);
  const text = parts[at + 1].replace(/\(\*[\s\S]*?\*\)/g, " ").split("(* =====")[0];
  const out = new Map<string, string>();
  for (const m of text.matchAll(
    /^([A-Za-z_][A-Za-z0-9_]*)\s*::=([\s\S]*?)(?=^[A-Za-z_][A-Za-z0-9_]*\s*::=|(?![\s\S]))/gm,
  )) {
    out.set(m[1], m[2].trim());
  }
  return out;
}

const syntaxSection = section("syntax");
const tokenSection = section("tokens");
const fragments = section("lexical fragments");
const bodies = new Map([...syntaxSection, ...tokenSection, ...fragments]);

/** Parses a syntax production body: refs, 'literals', |, ( ), ?, *, +. */
function parseExpr(src: string): Expr {
  const toks = src.match(/'[^']*'|"[^"]*"|[A-Za-z_][A-Za-z0-9_]*|[|()?*+]/g) ?? [];
  let i = 0;
  const alt = (): Expr => {
    const items = [seq()];
    while (toks[i] === "|") {
      i++;
      items.push(seq());
    }
    return items.length === 1 ? items[0] : { t: "alt", items };
  };
  const seq = (): Expr => {
    const items: Expr[] = [];
    while (i < toks.length && toks[i] !== "|" && toks[i] !== ")") items.push(postfix());
    return items.length === 1 ? items[0] : { t: "seq", items };
  };
  const postfix = (): Expr => {
    let e = atom();
    while (toks[i] === "?" || toks[i] === "*" || toks[i] === "+") {
      const op = toks[i++];
      e = { t: "rep", min: op === "+" ? 1 : 0, max: op === "?" ? 1 : "*", item: e };
    }
    return e;
  };
  const atom = (): Expr => {
    const tok = toks[i++];
    if (tok === "(") {
      const e = alt();
      expect(toks[i++]).toBe(")");
      return e;
    }
    if (/^['"]/.test(tok)) return { t: "lit", text: tok.slice(1, -1) };
    return { t: "ref", name: tok };
  };
  const e = alt();
  expect(i, `unparsed rest of "${src}"`).toBe(toks.length);
  return e;
}

const rules = new Map([...syntaxSection].map(([n, b]) => [n, parseExpr(b)]));
const tokensInEbnf = [...tokenSection.keys()];

describe("EBNF matches the parser", () => {
  test("naming convention: rules camelCase, tokens PascalCase, fragments snake_case", () => {
    for (const n of syntaxSection.keys()) expect(n).toMatch(/^[a-z][a-zA-Z]*$/);
    for (const n of tokenSection.keys()) expect(n).toMatch(/^[A-Z][a-zA-Z]*$/);
    for (const n of fragments.keys()) expect(n).toMatch(/^[a-z]+(_[a-z]+)*$/);
  });
  test("every parser rule has a production of the same name, and back", () => {
    const parserRules = Object.keys(termParser().getGAstProductions()).sort();
    expect([...rules.keys()].sort()).toEqual(parserRules);
  });
  test("every token type has a production of the same name, and back", () => {
    expect([...tokensInEbnf].sort()).toEqual(allTokenTypes.map((t) => t.name).sort());
  });
  test("every name used in a syntax production is defined", () => {
    const refs = (e: Expr): string[] =>
      e.t === "ref" ? [e.name] : e.t === "lit" ? [] : e.t === "rep" ? refs(e.item) : e.items.flatMap(refs);
    for (const [name, e] of rules) for (const r of refs(e)) expect(bodies.has(r), `${name} uses ${r}`).toBe(true);
  });
  test("reserved words match the scanner", () => {
    const words = [...(bodies.get("reserved_word") ?? "").matchAll(/'([a-z]+)'/g)].map((m) => m[1]).sort();
    expect(words).toEqual([...RESERVED_WORDS].sort());
  });
});

/** Sample source text per token. */
const SAMPLES: Record<string, string[]> = {
  Atom: ["allow", "deny", "all", "user", "publish", "a@b_C1", "café", "maybe"],
  QuotedAtom: ["'and'", "'tcp:default'", "'it\\'s'", "''"],
  String: ['"t/#"', '"a\\x41\\s\\^a\\101"', '"${username}"', '"ü€"', '""', '"a\\x{263A}"'],
  Integer: ["0", "8", "1_000", "16#ff", "2#1010", "36#zz"],
  Float: ["1.5", "2.0e-3", "1_0.5E+2"],
  Char: ["$a", "$\\n", "$\\x41", "$\\^@"],
  Dot: [".\n", ". ", ".%c\n"],
  LCurly: ["{"],
  RCurly: ["}"],
  LBracket: ["["],
  RBracket: ["]"],
  LParen: ["("],
  RParen: [")"],
  LBin: ["<<"],
  RBin: [">>"],
  Comma: [","],
  Bar: ["|"],
  Hash: ["#"],
  Arrow: ["=>"],
  Colon: [":"],
  Slash: ["/"],
  Minus: ["-"],
  Plus: ["+"],
};

/** Minimum derivation height of each rule, so generation can always stop. */
function heights(): Map<string, number> {
  const h = new Map<string, number>([...rules.keys()].map((k) => [k, Infinity]));
  const of = (e: Expr): number =>
    e.t === "ref"
      ? rules.has(e.name)
        ? h.get(e.name)!
        : 0
      : e.t === "lit"
        ? 0
        : e.t === "rep"
          ? e.min === 0
            ? 0
            : of(e.item)
          : e.t === "seq"
            ? Math.max(0, ...e.items.map(of))
            : Math.min(...e.items.map(of));
  for (let round = 0; round < 20; round++) for (const [k, e] of rules) h.set(k, 1 + of(e));
  return h;
}

function generate(start: string, rand: () => number): string {
  const h = heights();
  const height = (e: Expr): number =>
    e.t === "ref"
      ? rules.has(e.name)
        ? h.get(e.name)!
        : 0
      : e.t === "lit"
        ? 0
        : e.t === "rep"
          ? e.min === 0
            ? 0
            : height(e.item)
          : e.t === "seq"
            ? Math.max(0, ...e.items.map(height))
            : Math.min(...e.items.map(height));
  const out: string[] = [];
  const gen = (e: Expr, depth: number): void => {
    const deep = depth > 5;
    switch (e.t) {
      case "lit":
        out.push(e.text);
        return;
      case "ref": {
        if (rules.has(e.name)) return gen(rules.get(e.name)!, depth + 1);
        const samples = SAMPLES[e.name];
        expect(samples, `no samples for token ${e.name}`).toBeDefined();
        out.push(samples[Math.floor(rand() * samples.length)]);
        return;
      }
      case "seq":
        for (const item of e.items) gen(item, depth);
        return;
      case "alt": {
        const min = Math.min(...e.items.map(height));
        const choices = deep ? e.items.filter((x) => height(x) === min) : e.items;
        return gen(choices[Math.floor(rand() * choices.length)], depth);
      }
      case "rep": {
        const n = deep ? e.min : e.min + Math.floor(rand() * (e.max === 1 ? 2 : 3));
        for (let k = 0; k < Math.min(n, e.max === 1 ? 1 : 3); k++) gen(e.item, depth);
        return;
      }
    }
  };
  gen(rules.get(start)!, 0);
  return out.join(" ");
}

describe("sentences generated from the EBNF parse", () => {
  test("500 random forms", () => {
    const rand = prng(2024);
    for (let i = 0; i < 500; i++) {
      const src = generate("form", rand);
      const r = parseDocument(src);
      expect(r.forms.length, src).toBe(1);
      // segment types are not checked by the grammar: a binary may still be a bad term
      const syntax = r.diagnostics.filter(
        (d) => !(d.id === "syntax-bad-term" && /binary|segment|type|float|utf|size/.test(d.message)),
      );
      expect(syntax, src).toEqual([]);
    }
  });
  test("a generated document parses into as many forms as it has", () => {
    const rand = prng(7);
    const forms = Array.from({ length: 50 }, () => generate("form", rand));
    expect(parseDocument(forms.join("\n")).forms.length).toBe(50);
  });
});

describe("editor grammar files", () => {
  const tm = JSON.parse(readFileSync(join(repoRoot, "grammar", "acl-conf.tmLanguage.json"), "utf8"));
  const conf = JSON.parse(readFileSync(join(repoRoot, "grammar", "language-configuration.json"), "utf8"));
  test("TextMate grammar: scope, every included repository entry exists, regexes compile", () => {
    expect(tm.scopeName).toBe("source.emqx-acl");
    const walk = (node: unknown, visit: (o: Record<string, unknown>) => void): void => {
      if (Array.isArray(node)) node.forEach((n) => walk(n, visit));
      else if (node && typeof node === "object") {
        visit(node as Record<string, unknown>);
        Object.values(node).forEach((n) => walk(n, visit));
      }
    };
    walk(tm, (o) => {
      if (typeof o.include === "string" && o.include.startsWith("#"))
        expect(tm.repository[o.include.slice(1)], o.include).toBeDefined();
      for (const k of ["match", "begin", "end"]) {
        // Oniguruma syntax mostly matches JS for what we use
        if (typeof o[k] === "string") expect(() => new RegExp((o[k] as string).replace(/\(\?x\)/g, ""))).not.toThrow();
      }
    });
  });
  test("TextMate grammar highlights placeholders and escapes inside strings", () => {
    const str = tm.repository.string;
    const inner = JSON.stringify(str);
    expect(inner).toContain("placeholder");
    expect(inner).toContain("escape");
  });
  test("placeholder, escape and terminator patterns match what they should", () => {
    const any = (patterns: { match: string }[], text: string) => patterns.some((p) => new RegExp(p.match).test(text));
    const ph = tm.repository.placeholder.patterns;
    expect(any(ph, "t/${username}/x")).toBe(true);
    expect(any(ph, '"a/%u/b"')).toBe(true);
    expect(any(ph, '"a/%ux"')).toBe(false);
    const esc = tm.repository.escape.patterns[0].match;
    for (const e of ["\\x41", "\\x{263A}", "\\101", "\\^a", "\\n"])
      expect(new RegExp(`^${esc}$`).test(e), e).toBe(true);
    const dot = tm.repository.punctuation.patterns[0].match;
    expect(new RegExp(dot).test("{a}. ")).toBe(true);
    expect(new RegExp(dot).test("{a}.{b}")).toBe(false);
  });
  test("reserved words in the TextMate grammar match the scanner", () => {
    const m = JSON.stringify(tm.repository["reserved-word"]).match(/\\\\b\(([a-z|]+)\)/);
    expect(m).not.toBeNull();
    expect(m![1].split("|").sort()).toEqual([...RESERVED_WORDS].sort());
  });
  test("language configuration: % comments, brackets, auto-closing pairs", () => {
    expect(conf.comments.lineComment).toBe("%");
    expect(conf.brackets).toEqual(
      expect.arrayContaining([
        ["{", "}"],
        ["[", "]"],
        ["<<", ">>"],
      ]),
    );
    expect(conf.autoClosingPairs.map((p: { open: string }) => p.open)).toEqual(
      expect.arrayContaining(["{", "[", '"', "'"]),
    );
  });
});
