/**
 * Every fresh conformance case (EMQX's answers from a fuzz campaign, in classes where the tool
 * used to disagree: nested prefixes, address forms, placeholder corners, regexes) through the
 * engine, both the linear scan and the indexed decider: identical decisions and rule numbers,
 * and never `unknown`.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
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
import { freshConformanceCases } from "./support/shared";

for (const dialect of DIALECTS) {
  describe(`fresh conformance ${dialect}`, () => {
    for (const dir of freshConformanceCases(dialect)) {
      it(dir.slice(dir.lastIndexOf("/") + 1), () => {
        const decoded = decodeAclBytes(readFileSync(join(dir, "acl.conf")));
        const parse = parseDocument(decoded.text);
        const { ruleSet } = lower({ ...parse, diagnostics: [...decoded.diagnostics, ...parse.diagnostics] }, dialect);
        expect(ruleSet.loadError, ruleSet.loadError?.message).toBeNull();
        const lines = (f: string) =>
          readFileSync(join(dir, f), "utf8")
            .split("\n")
            .filter((l) => l.trim() !== "");
        const expected = lines("expected.jsonl");
        const decider = compileDecider(ruleSet);
        lines("requests.jsonl").forEach((line, i) => {
          const want = JSON.stringify(JSON.parse(expected[i]));
          const req = parseWireLine(line);
          expect(decisionToWire(decideLinear(ruleSet, req)), `linear: ${line}`).toBe(want);
          expect(decisionToWire(decider.decide(req)), `indexed: ${line}`).toBe(want);
        });
      });
    }
  });
}
