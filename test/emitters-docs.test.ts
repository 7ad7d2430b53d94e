/**
 * MongoDB and the built-in database (REST API) have no server on this machine: their
 * output is checked through the same row-to-rule step EMQX uses (each document / REST rule
 * through the raw-rule parser and the rule compiler), with the source's selection
 * simulated — MongoDB: the filter (`username`/`clientid` equal to the rendered value or
 * absent), natural order; REST: client-id rules, username rules, then everyone's. Then the
 * importers must read the files back to rules that decide the same.
 */
import { decideLinear, fromBytes, type Decision, type Request } from "../packages/core/src/index";
import {
  apiCallsToAcl,
  emqxApiEmitter,
  jsonToRaw,
  mongoDocsToAcl,
  mongodbEmitter,
  rawRuleToTerm,
  type RawRule,
} from "../packages/emitters/src/index";
import { describe, expect, it } from "vitest";
import { loadCases, show } from "./support/db-cases";
import { loadRuleSet } from "../packages/analysis/src/index";

const cases = loadCases(["v5", "v6"]);

function decideRaw(
  raws: Record<string, unknown>[],
  req: Request,
  c: { dialect: "v4" | "v5" | "v6" },
  noMatch: "allow" | "deny" | null,
): string {
  const terms = raws.map((o) => {
    const raw: RawRule = {};
    for (const [k, v] of Object.entries(o)) if (k !== "username" && k !== "clientid") raw[k] = jsonToRaw(v);
    const r = rawRuleToTerm(raw, c.dialect);
    if (!r.ok) throw new Error(r.reason);
    return `${r.term}.`;
  });
  const d: Decision = decideLinear(loadRuleSet(terms.join("\n"), { dialect: c.dialect }).lowered.ruleSet, req);
  return d.decision === "nomatch" && noMatch ? noMatch : d.decision;
}

const effective = (d: Decision, noMatch: "allow" | "deny" | null) =>
  d.decision === "nomatch" && noMatch ? noMatch : d.decision;

describe("mongodb documents decide as the file", () => {
  it("over every fully accepted conformance case, and import reads them back", () => {
    let accepted = 0;
    const bad: string[] = [];
    for (const c of cases) {
      const r = mongodbEmitter.emit(c.ruleSet.rules, { dialect: c.dialect });
      if (r.refusals.length) continue;
      accepted++;
      const docs = JSON.parse(r.files.find((f) => f.name === "documents.json")!.content) as Record<string, unknown>[];
      const back = loadRuleSet(mongoDocsToAcl(docs, c.dialect, [], r.noMatch).text, { dialect: c.dialect }).lowered
        .ruleSet;
      c.requests.forEach((req, i) => {
        const u = fromBytes(req.username ?? "");
        const cid = fromBytes(req.clientid);
        const selected = docs.filter(
          (d) => (d.username === undefined || d.username === u) && (d.clientid === undefined || d.clientid === cid),
        );
        const want = effective(c.expected[i], r.noMatch);
        const got = decideRaw(selected, req, c, r.noMatch);
        if (got !== want)
          bad.push(`${c.dialect}/${c.name} request ${i + 1}: file ${show(c.expected[i])}, mongodb ${got}`);
        const imported = effective(decideLinear(back, req), null);
        if (imported !== want) bad.push(`${c.dialect}/${c.name} request ${i + 1}: file ${want}, imported ${imported}`);
      });
    }
    expect(bad).toEqual([]);
    expect(accepted).toBeGreaterThan(20);
  });
});

describe("built-in database REST bodies decide as the file", () => {
  it("over every fully accepted conformance case, and import reads them back", () => {
    let accepted = 0;
    const bad: string[] = [];
    for (const c of cases) {
      const r = emqxApiEmitter.emit(c.ruleSet.rules, { dialect: c.dialect });
      if (r.refusals.length) continue;
      accepted++;
      const calls = JSON.parse(r.files.find((f) => f.name === "requests.json")!.content) as {
        path: string;
        body: unknown;
      }[];
      const body = (suffix: string) => calls.filter((x) => x.path.endsWith(suffix)).map((x) => x.body);
      const back = loadRuleSet(apiCallsToAcl(calls, c.dialect, [], r.noMatch).text, { dialect: c.dialect }).lowered
        .ruleSet;
      c.requests.forEach((req, i) => {
        const u = req.username === null ? null : fromBytes(req.username);
        const cid = fromBytes(req.clientid);
        const pick = (suffix: string, key: "username" | "clientid", v: string | null) =>
          (body(suffix).flat() as { username?: string; clientid?: string; rules: Record<string, unknown>[] }[])
            .filter((k) => v !== null && k[key] === v)
            .flatMap((k) => k.rules);
        const selected = [
          ...pick("/rules/clients", "clientid", cid),
          ...pick("/rules/users", "username", u),
          ...body("/rules/all").flatMap((b) => (b as { rules: Record<string, unknown>[] }).rules),
        ];
        const want = effective(c.expected[i], r.noMatch);
        const got = decideRaw(selected, req, c, r.noMatch);
        if (got !== want)
          bad.push(`${c.dialect}/${c.name} request ${i + 1}: file ${show(c.expected[i])}, emqx-api ${got}`);
        const imported = effective(decideLinear(back, req), null);
        if (imported !== want) bad.push(`${c.dialect}/${c.name} request ${i + 1}: file ${want}, imported ${imported}`);
      });
    }
    expect(bad).toEqual([]);
    expect(accepted).toBeGreaterThan(20);
  });
});
