/**
 * Every lint rule, and their entries of the diagnostic catalogue. Add a rule: one file
 * `<id>.ts` exporting `rule`, one import and one entry below.
 */
import { docsUrlFor, type DiagnosticDoc } from "@emqx-acl/syntax";
import type { LintRule } from "../lint/types";
import { rule as ruleUnreachable } from "./rule-unreachable";
import { rule as ruleRedundant } from "./rule-redundant";
import { rule as ruleConflict } from "./rule-conflict";
import { rule as catchAllNotLast } from "./catch-all-not-last";
import { rule as finalAllowAll } from "./final-allow-all";
import { rule as subscribeWildcardEscalation } from "./subscribe-wildcard-escalation";
import { rule as placeholderWildcardInjection } from "./placeholder-wildcard-injection";
import { rule as placeholderUnknown } from "./placeholder-unknown";
import { rule as placeholderInWho } from "./placeholder-in-who";
import { rule as v4SyntaxInV5 } from "./v4-syntax-in-v5";
import { rule as v5SyntaxInV4 } from "./v5-syntax-in-v4";
import { rule as topicInvalidFilter } from "./topic-invalid-filter";
import { rule as sharePrefixInRule } from "./share-prefix-in-rule";
import { rule as eqWithoutWildcard } from "./eq-without-wildcard";
import { rule as regexUnanchored } from "./regex-unanchored";
import { rule as regexLooksLiteral } from "./regex-looks-literal";
import { rule as regexRedos } from "./regex-redos";
import { rule as cidrHostBits } from "./cidr-host-bits";
import { rule as ipv6Prefix48 } from "./ipv6-prefix-48";
import { rule as emptyTopicList } from "./empty-topic-list";
import { rule as duplicateTopic } from "./duplicate-topic";
import { rule as globInExactMatch } from "./glob-in-exact-match";
import { rule as sysTopicsExposed } from "./sys-topics-exposed";
import { rule as analysisIncomplete } from "./analysis-incomplete";

/** All lint rules, in the order they run. */
export const allRules: LintRule[] = [
  ruleUnreachable,
  ruleRedundant,
  ruleConflict,
  catchAllNotLast,
  finalAllowAll,
  subscribeWildcardEscalation,
  placeholderWildcardInjection,
  placeholderUnknown,
  placeholderInWho,
  v4SyntaxInV5,
  v5SyntaxInV4,
  topicInvalidFilter,
  sharePrefixInRule,
  eqWithoutWildcard,
  regexUnanchored,
  regexLooksLiteral,
  regexRedos,
  cidrHostBits,
  ipv6Prefix48,
  emptyTopicList,
  duplicateTopic,
  globInExactMatch,
  sysTopicsExposed,
  analysisIncomplete,
];

/** A lint rule as a catalogue entry. */
export function lintDoc(r: LintRule): DiagnosticDoc {
  const { id, category, defaultSeverity, summary, rationale, dialects, examples, fixable } = r;
  return {
    id,
    kind: "lint",
    category,
    defaultSeverity,
    summary,
    rationale,
    ...(dialects ? { dialects } : {}),
    examples,
    fixable,
    docsUrl: docsUrlFor(id),
  };
}

/** id → catalogue entry of every lint rule. */
export const ruleCatalog: Map<string, DiagnosticDoc> = new Map(allRules.map((r) => [r.id, lintDoc(r)]));
