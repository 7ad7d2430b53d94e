export * from "./chain-config";
export {
  loadChain,
  ChainLoadError,
  type Chain,
  type ChainStage,
  type LoadChainOptions,
  type SourceModel,
} from "./load-chain";
export {
  decideChain,
  chainDecisionToWire,
  noMatchFor,
  isSourceStage,
  type ChainDecision,
  type ClientInfoStage,
  type DecidingStage,
  type SourceAnswer,
} from "./decide-chain";
export { parseSourceRulesSpec, type SourceRulesSpec } from "./source-rules";
export { locText } from "./config-layers";
export { explainChain, type ChainExplanation, type LoginAclStep, type SourceStep } from "./explain-chain";
export { unreachableSources, type ChainFinding } from "./unreachable-sources";
export { parseSourceUrlSpec, type SourceUrlSpec, type LiveQuery } from "./source-url";
export { diffChains, takesEffect, stageText, witnessWire, type ChainDiff, type ChainDiffClass } from "./diff-chains";
export { chainDiagnosticDocs } from "./chain-diagnostics";
export { mountsAuthorizedTopics, type Mount, type MountConfig } from "./mountpoint";
