/**
 * `chevrotain-parser.ts` for the bundles: `require` inside the function makes esbuild load
 * `parser.ts` (and Chevrotain with it) on the first call instead of at the bundle's start.
 */
import type { TermParser } from "./parser";

let parser: typeof import("./parser") | null = null;

export function termParser(): TermParser {
  parser ??= require("./parser") as typeof import("./parser");
  return parser.termParser();
}
