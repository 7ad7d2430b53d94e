export { buildProgram } from "./program";
export { UsageError } from "./usage-error";
