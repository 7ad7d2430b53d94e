/**
 * Every conformance case (EMQX's own decisions) through the engine, both the linear scan
 * and the indexed decider: identical decisions and rule numbers, and for refused files
 * the presence of a load error and its term.
 */
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeAclBytes, parseDocument } from "../packages/syntax/src/index";
import {
  compileDecider,
  decideLinear,
  decisionToWire,
  DIALECTS,
  lower,
  parseWireLine,
} from "../packages/core/src/index";
import { conformanceCases } from "./support/shared";

function loadCase(dir: string, dialect: "v4" | "v5" | "v6") {
  const decoded = decodeAclBytes(readFileSync(join(dir, "acl.conf")));
  const parse = parseDocument(decoded.text);
  const lowered = lower({ ...parse, diagnostics: [...decoded.diagnostics, ...parse.diagnostics] }, dialect);
  const lines = (f: string) =>
    readFileSync(join(dir, f), "utf8")
      .split("\n")
      .filter((l) => l.trim() !== "");
  return { ruleSet: lowered.ruleSet, requests: lines("requests.jsonl"), expected: lines("expected.jsonl") };
}

for (const dialect of DIALECTS) {
  describe(`conformance decisions ${dialect}`, () => {
    for (const dir of conformanceCases(dialect)) {
      it(basename(dir), () => {
        const { ruleSet, requests, expected } = loadCase(dir, dialect);
        const first = JSON.parse(expected[0]);
        if ("load_error" in first) {
          expect(ruleSet.loadError, `expected a load error: ${first.load_error}`).not.toBeNull();
          expect(ruleSet.loadError!.term).toBe(first.term);
          return;
        }
        expect(ruleSet.loadError, ruleSet.loadError?.message).toBeNull();
        const decider = compileDecider(ruleSet);
        const wrong: string[] = [];
        requests.forEach((line, i) => {
          const want = JSON.stringify(JSON.parse(expected[i]));
          const req = parseWireLine(line);
          const linear = decisionToWire(decideLinear(ruleSet, req));
          const indexed = decisionToWire(decider.decide(req));
          if (linear !== want || indexed !== want)
            wrong.push(`#${i + 1} ${line}\n   want ${want}\n   linear ${linear}\n   indexed ${indexed}`);
        });
        expect(wrong.slice(0, 5).join("\n"), `${wrong.length} of ${requests.length} requests differ`).toBe("");
      });
    }
  });
}
