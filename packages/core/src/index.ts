export * from "./model/rule";
export {
  DIALECTS,
  dialectsFrom,
  dialectsWhere,
  CAPABILITIES,
  capabilities,
  isDialect,
  perDialect,
  runsHardened,
  type DialectCapabilities,
} from "./model/dialects";
export * from "./model/request";
export { actionIsAll, isCatchAll, whoIsAll } from "./model/catch-all";
export * from "./regex";
export * from "./model/bytes";
export { fromWire, parseWireLine, decisionToWire, WireError } from "./model/from-wire";
export { jwtLoginFromWire, loginAclFromWire } from "./model/login-acl-wire";
export { lower, lowerForm, type FormLowering, type LowerResult, type LowerInput } from "./lower/lower";
export { IncrementalLowerer } from "./lower/incremental-lower";
export { collectEvidence, type DialectEvidence } from "./lower/detect-dialect";
export { schemaDiagnosticDocs } from "./lower/schema-diagnostics";
export {
  ACTION_NAMES,
  WHO_CONDITIONS,
  acceptsActionOptions,
  acceptsWhoCondition,
  type WhoConditionSpec,
} from "./lower/who-schema";
export { decideLinear } from "./engine/decide-linear";
export { compileDecider, type Decider } from "./engine/compile-decider";
export { compileFirstMatch, ruleVerdict, type FirstMatch, type RuleVerdict } from "./engine/first-match";
export { explainRequest, type Explanation, type RuleMiss } from "./engine/explain";
export type { EngineOptions, TopicNote } from "./engine/match-rule";
export { prepareRequest, PreparedRequest, stripDelayed, stripSharePrefix } from "./engine/prepare";
export { words, matchWords, eqWords } from "./engine/topic";
export { parseCidr, cidrContains } from "./engine/cidr";
export { parseAddress } from "./engine/inet";
export { isAllowedPlaceholder } from "./lower/lower-topic";
