/**
 * Erlang `re` regular expressions over byte strings: faithful JS translation checked
 * against real `erl` (OTP 25, PCRE 8.44, Latin-1 tables), an OTP 28 / PCRE2 flavor,
 * search-language DFAs for analysis, and pure lint helpers.
 */
export {
  compileErlangRegex,
  regexFlavorFor,
  translateToJs,
  type ErlangRegex,
  type ErlangRegexOptions,
} from "./compile";
export type { RegexFlavor } from "./byte-set";
export type { RegexNode, ParsedRegex, AssertKind } from "./ast";
export { RegexSyntaxError } from "./ast";
export { parseRegex } from "./parse";
export { regexToDfa, type RegexDfaOptions } from "./regex-dfa";
export {
  dfaAccepts,
  dfaAnyString,
  dfaComplement,
  dfaEmpty,
  dfaFromLiteral,
  dfaIntersect,
  dfaIsEmpty,
  dfaMinimize,
  dfaSubsetOf,
  dfaUnion,
  dfaWitness,
  DFA_STATE_LIMIT,
  DfaTooLarge,
  type Dfa,
} from "./dfa";
export {
  dfaForcedPrefix,
  dfaFromStrings,
  dfaIntersects,
  dfaMatchSorted,
  dfaStateKinds,
  dfaWitnessAvoiding,
  prefixRange,
  StateKind,
} from "./dfa-scan";
export { isUtf8, utf8Dfa } from "./utf8-dfa";
export {
  anchorRegex,
  regexIsAnchored,
  regexLiteralText,
  regexLooksLiteral,
  regexRedosRisk,
  type LooksLikeRegex,
  type RedosRisk,
  type RegexAnchoring,
} from "./lint";
export { regexFlavorDifference } from "./flavor-diff";
