export * from "./diagnostic-doc";
export * from "./render-doc";
export { syntaxDiagnosticDocs } from "./syntax-diagnostics";
export { configDiagnosticDocs } from "./config-diagnostics";
