export { buildProgram, type Register } from "./program";
export { allCommands } from "./all-commands";
export { UsageError } from "./usage-error";
