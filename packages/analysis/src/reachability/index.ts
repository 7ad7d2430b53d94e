export { analyzeReachability, type ReachabilityResult, type ReachabilityOptions } from "./reachability";
export { firstMatch } from "./concrete";
export { inRequestDomain } from "./domain";
export { PartitionTooLarge } from "./partition";
export { analyzeReachabilityGlobal } from "./reachability";
