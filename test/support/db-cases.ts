/** Conformance cases as the emitter tests use them: rules, requests, loaded once. */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import {
  decideLinear,
  parseWireLine,
  type Decision,
  type Dialect,
  type Request,
  type RuleSet,
} from "../../packages/core/src/index";
import { conformanceCases } from "./shared";
import { loadRuleSet } from "../../packages/analysis/src/index";

export interface Case {
  dialect: Dialect;
  name: string;
  /** A short SQL-safe id, e.g. `v5_0042`. */
  id: string;
  text: string;
  ruleSet: RuleSet;
  requests: Request[];
  /** The engine's decision on the original file, per request. */
  expected: Decision[];
}

/** Every conformance case of the dialects that loads. */
export function loadCases(dialects: Dialect[] = ["v4", "v5", "v6"]): Case[] {
  const out: Case[] = [];
  for (const dialect of dialects) {
    for (const dir of conformanceCases(dialect)) {
      const text = readFileSync(`${dir}/acl.conf`, "utf8");
      const { ruleSet } = loadRuleSet(text, { dialect }).lowered;
      if (ruleSet.loadError) continue;
      const requests = readFileSync(`${dir}/requests.jsonl`, "utf8")
        .split("\n")
        .filter((l) => l.trim())
        .map(parseWireLine);
      const name = basename(dir);
      out.push({
        dialect,
        name,
        id: `${dialect}_${name.slice(0, 4)}`,
        text,
        ruleSet,
        requests,
        expected: requests.map((r) => decideLinear(ruleSet, r)),
      });
    }
  }
  return out;
}

/** `allow 3` / `nomatch` — a decision in one word pair, for readable failures. */
export function show(d: Decision | "skipped"): string {
  return d === "skipped" ? "skipped" : d.rule === null ? d.decision : `${d.decision} ${d.rule}`;
}
