export * from "./analyze-document";
export * from "./reachability/index";
