export * from "./term";
export * from "./diagnostic";
export * from "./line-index";
