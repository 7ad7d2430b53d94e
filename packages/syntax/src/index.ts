export * from "./term";
export * from "./diagnostic";
export * from "./line-index";
export * from "./hocon";
export * from "./printer";
export { parseDocument, type ParseResult } from "./parse-document";
export { tokenize, isBlank, type LexResult, type LexError } from "./lexer";
export type { Token } from "./tokens";
export { decodeAclBytes, type DecodeResult } from "./decode";
