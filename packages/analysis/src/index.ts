export * from "./analyze-document";
export * from "./reachability/index";
export * from "./analyze-rule-set";
