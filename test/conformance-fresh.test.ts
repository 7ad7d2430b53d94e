/**
 * The fresh conformance cases (EMQX's answers where the tool used to disagree) about how the
 * broker strips `$share/…`, `$queue/`, `$exclusive/` prefixes when they are nested: one
 * prefix in v5/v6 (`emqx_topic:parse/2`), v4 also an `$exclusive/` after a share prefix.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { decodeAclBytes, parseDocument } from "../packages/syntax/src/index";
import { decideLinear, decisionToWire, lower, parseWireLine } from "../packages/core/src/index";
import { sharedPath } from "./support/shared";

for (const dialect of ["v4", "v5", "v6"] as const) {
  const root = sharedPath("conformance-fresh", dialect);
  // only the cases of this class alone (the combined ones also hinge on CIDR / regex classes)
  const dirs = readdirSync(root).filter((n) => /^\d+-(v4-nested-share-exclusive|v56-nested-prefix)$/.test(n) && statSync(join(root, n)).isDirectory());
  if (dirs.length)
    describe(`fresh nested-prefix cases ${dialect}`, () => {
    for (const name of dirs)
      it(name, () => {
        const dir = join(root, name);
        const decoded = decodeAclBytes(readFileSync(join(dir, "acl.conf")));
        const parse = parseDocument(decoded.text);
        const { ruleSet } = lower({ ...parse, diagnostics: [...decoded.diagnostics, ...parse.diagnostics] }, dialect);
        const lines = (f: string) => readFileSync(join(dir, f), "utf8").split("\n").filter((l) => l.trim() !== "");
        const expected = lines("expected.jsonl");
        lines("requests.jsonl").forEach((line, i) => {
          expect(decisionToWire(decideLinear(ruleSet, parseWireLine(line))), line).toBe(JSON.stringify(JSON.parse(expected[i])));
        });
      });
  });
}
