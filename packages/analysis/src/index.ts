export * from "./analyze-document";
export * from "./reachability/index";
export * from "./analyze-rule-set";
export { allRules, ruleCatalog, DOCS_BASE, type RuleMetadata } from "./rules/registry";
export { runLint, suppressions, analysisBudget } from "./lint/run-lint";
export { settingsSchema, type LintSettings, type RuleSetting } from "./lint/settings";
export type { LintRule, LintContext, Finding, RuleCategory } from "./lint/types";
export { renderRuleDoc, renderRuleIndex } from "./docs/render-rule-doc";
export { semanticDiff, type SemanticDiff, type DiffClass, type Verdict } from "./diff/semantic-diff";
