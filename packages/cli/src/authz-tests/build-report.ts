/** From an acl file and parsed test files to the report every output format prints. */
import { loadRuleSet, refusalLine } from "@emqx-acl/analysis";
import { explainRequest, type Dialect } from "@emqx-acl/core";
import { explanationText } from "../reporters/explanation";
import { ruleCoverage } from "./coverage";
import type { TestFile } from "./parse-test-file";
import { proveProperty } from "./prove-property";
import { runCases, ruleLines } from "./run-cases";
import type { TestReport } from "./test-report";

export interface BuildOptions {
  dialect: Dialect | "auto";
  securityProfile: "legacy" | "hardened";
  minCoverage: number | null;
}

/** The report; or, when EMQX refuses the acl file, its refusal line. `dialectNote`: how `auto` chose. */
export type Built = { report: TestReport; dialectNote: string | null } | { refusal: string };

/** Loads the acl file (its bytes or text), decides every case and measures coverage. */
export function buildReport(
  aclPath: string,
  acl: Uint8Array | string,
  files: readonly TestFile[],
  o: BuildOptions,
): Built {
  const loaded = loadRuleSet(acl, { dialect: o.dialect });
  const ruleSet = loaded.lowered.ruleSet;
  const refusal = refusalLine(loaded, aclPath, loaded.lowered.dialect);
  if (refusal !== null) return { refusal };
  const lines = ruleLines(ruleSet.rules, loaded.parse.text);
  const run = runCases(ruleSet, lines, files, o.securityProfile);
  const report: TestReport = {
    aclPath,
    aclText: loaded.parse.text,
    ruleSet,
    lines,
    securityProfile: o.securityProfile,
    results: run.results,
    properties: files.flatMap((f) =>
      f.properties.map((property) => ({
        file: f.path,
        property,
        verdict: proveProperty(property, ruleSet, loaded.parse.text, o.securityProfile),
      })),
    ),
    coverage: ruleCoverage(ruleSet, lines, run.hits),
    minCoverage: o.minCoverage,
    explain: (request) =>
      explanationText(
        explainRequest(ruleSet, request, { securityProfile: o.securityProfile }),
        ruleSet,
        loaded.parse.text,
        aclPath,
      ),
  };
  return { report, dialectNote: loaded.lowered.dialectNote ?? null };
}
