export * from "./ast";
export * from "./config";
export * from "./parse";
export * from "./load";
export * from "./v4-conf";
export * from "./include-stack";
