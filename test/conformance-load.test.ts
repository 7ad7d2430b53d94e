/**
 * Load verdicts through the shared pipeline: `analyzeDocument` reports an `error`
 * diagnostic exactly when EMQX refused the file, and the first error's term is the term
 * EMQX stopped at (a `syntax-` error when the file did not even consult).
 */
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeDocument } from "../packages/analysis/src/index";
import { DIALECTS } from "../packages/core/src/index";
import { conformanceCases } from "./support/shared";

for (const dialect of DIALECTS) {
  describe(`conformance load verdicts ${dialect}`, () => {
    for (const dir of conformanceCases(dialect)) {
      it(basename(dir), () => {
        const analysis = analyzeDocument(readFileSync(join(dir, "acl.conf")), { dialect });
        const expected = JSON.parse(readFileSync(join(dir, "expected.jsonl"), "utf8").split("\n")[0]);
        const errors = analysis.diagnostics.filter((d) => d.severity === "error");
        if (!("load_error" in expected)) {
          expect(errors.map((e) => `${e.id}: ${e.message}`)).toEqual([]);
          return;
        }
        expect(errors.length, `EMQX refused it: ${expected.load_error}`).toBeGreaterThan(0);
        const first = errors[0];
        if (expected.term === null) expect(first.id).toMatch(/^syntax-/);
        else {
          expect(first.id).toMatch(/^schema-/);
          expect(first.term).toBe(expected.term);
        }
        expect(analysis.lowered.ruleSet.loadError?.term).toBe(expected.term);
      });
    }
  });
}
