/**
 * The Chevrotain term parser, as `parse-document.ts` reaches it: loaded on first use in
 * the bundles (the `lazy-chevrotain` build condition picks `chevrotain-parser-lazy.ts`),
 * directly everywhere else (tests, the type checker). Loading Chevrotain and defining the
 * parser took ~25 ms of every command's start; a well-formed file never needs it.
 */
export { termParser } from "./parser";
