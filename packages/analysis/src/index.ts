export * from "./analyze-document";
