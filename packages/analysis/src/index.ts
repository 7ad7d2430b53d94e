export * from "./analyze-document";
export * from "./load-rule-set";
export * from "./reachability/index";
export * from "./analyze-rule-set";
export { allRules, lintDoc, ruleCatalog } from "./rules/registry";
export { aclDiagnosticCatalog } from "./acl-diagnostic-catalog";
export { isCatchAll, removalEdit, ruleNumbered } from "./rules/util";
export { clientText, requestText, requestWitnessText, witnessText } from "./witness-text";
export { runLint, suppressions, analysisBudget } from "./lint/run-lint";
export { fixAllEdits } from "./lint/fix-all";
export { AnalysisCancelled, type CancelToken } from "./lint/cancel";
export { settingsSchema, type LintSettings, type RuleSetting } from "./lint/settings";
export {
  checkSettings,
  parseSettingsFile,
  SETTINGS_FILE_NAME,
  type SettingsFile,
  type SettingsProblem,
} from "./settings-file";
export { findSettingsFile, readSettingsFile, settingsFor } from "./settings-discovery";
export type { LintRule, LintContext, Finding, RuleCategory } from "./lint/types";
export { semanticDiff, type SemanticDiff, type DiffClass, type Verdict } from "./diff/semantic-diff";
export { IncrementalLinter, type LintMode } from "./incremental/incremental-lint";
