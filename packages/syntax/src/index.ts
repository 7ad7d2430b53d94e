export * from "./term";
export * from "./diagnostic";
export * from "./line-index";
export * from "./hocon";
export * from "./printer";
