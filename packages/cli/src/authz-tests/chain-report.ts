/**
 * `emqx-acl test --config emqx.conf`: the cases decided by the authorization chain the
 * configuration sets up (its sources in order, no_match, the superuser shortcut), as
 * `check --config` decides them. Rule expectations and coverage are about the chain's acl
 * file (its `file` source). Properties are proved when the acl file is the only source with
 * rules (what it does not decide, no_match does); with rules in other sources too they are
 * `unknown`, saying so. Superusers are outside properties (EMQX asks no source for them).
 */
import {
  decideChain,
  explainChain,
  isSourceStage,
  mountsAuthorizedTopics,
  stageText,
  type Chain,
  type ChainDecision,
} from "@emqx-acl/chain";
import { proveProperty } from "./prove-property";
import { lower, type Request, type RuleSet } from "@emqx-acl/core";
import { parseDocument } from "@emqx-acl/syntax";
import { formatChainPretty } from "../reporters/chain-explanation";
import { ruleCoverage } from "./coverage";
import type { TestFile } from "./parse-test-file";
import { decideCases, ruleLines, type ChainCaseDecision } from "./run-cases";
import type { TestReport } from "./test-report";

const PROPERTIES_ON_ONE_FILE =
  "properties are proved when the acl file is the chain's only source with rules; here other sources have rules too";

// a property names topics as clients send them; the rules would be read against mounted ones
const PROPERTIES_MOUNTED =
  "properties are not proved when authorization.include_mountpoint has the sources decide mounted topics";

/** The chain's decision as a case sees it; `fileSource`: the number of the acl file's source, or null. */
function caseDecision(d: ChainDecision, fileSource: number | null): ChainCaseDecision {
  const note = d.note === undefined ? {} : { note: d.note };
  const stage = d.stage;
  const noMatch = stage === "no_match";
  if (isSourceStage(stage) && stage.source === fileSource)
    return { decision: d.decision, rule: stage.rule, by: `the acl file (source ${stage.source})`, noMatch, ...note };
  const by =
    stage === "no_match"
      ? `no_match = ${d.decision} (no source decided)`
      : d.note !== undefined
        ? `${stageText(stage)}: ${d.note}`
        : stageText(stage);
  return { decision: d.decision, rule: null, by, noMatch, ...note };
}

/** An empty rule set of the chain's version (a chain without a file source). */
function noRules(chain: Chain): RuleSet {
  return lower(parseDocument(""), chain.dialect).ruleSet;
}

/** Decides every case through the chain; coverage and rule expectations are about its acl file. */
export function buildChainReport(
  configPath: string,
  chain: Chain,
  files: readonly TestFile[],
  minCoverage: number | null,
): TestReport {
  const stage = chain.stages.find((s) => s.source.type === "file" && s.model !== null);
  const model = stage?.model ?? null;
  const ruleSet = model?.ruleSet ?? noRules(chain);
  const text = model?.text ?? "";
  const lines = ruleLines(ruleSet.rules, text);
  // the chain is then the acl file's rules followed by no_match (allow if any zone's is:
  // a proof stays a proof, and a witness must be allowed by the chain itself)
  const onlyFileRules = chain.stages.every((s) => s.model === null || s === stage);
  const noMatch =
    chain.config.noMatch.value === "allow" || [...chain.config.zoneNoMatch.values()].some((z) => z.value === "allow")
      ? "allow"
      : "deny";
  const confirm = (q: Request) => decideChain(chain, q).decision === "allow";
  const mounted = mountsAuthorizedTopics(chain.config.mounts);
  const fileSource = stage?.source.number ?? null;
  const { results, hits } = decideCases(ruleSet, lines, files, (request) =>
    caseDecision(decideChain(chain, request), fileSource),
  );
  return {
    aclPath: model?.path ?? configPath,
    aclText: text,
    ruleSet,
    lines,
    securityProfile: chain.securityProfile,
    results,
    properties: files.flatMap((f) =>
      f.properties.map((property) => ({
        file: f.path,
        property,
        verdict: mounted
          ? { status: "unknown" as const, reason: PROPERTIES_MOUNTED }
          : onlyFileRules
            ? proveProperty(property, ruleSet, text, chain.securityProfile, { noMatch, confirm })
            : { status: "unknown" as const, reason: PROPERTIES_ON_ONE_FILE },
      })),
    ),
    coverage: ruleCoverage(ruleSet, lines, hits),
    minCoverage,
    config: configPath,
    explain: (request) => formatChainPretty(explainChain(chain, request), chain, request),
  };
}
