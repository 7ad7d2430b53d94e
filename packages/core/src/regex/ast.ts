/**
 * The abstract syntax of an Erlang (PCRE 8.x, 8-bit, no UTF) regular expression after
 * parsing. Case-insensitivity is already resolved into byte sets, so a node means the
 * same whatever options surround it; only backreferences remember `caseless`.
 */
import type { ByteSet, RegexFlavor } from "./byte-set";

/** Zero-width assertions PCRE supports without lookaround syntax. */
export type AssertKind =
  /** `^` without (?m), `\A`, `\G` (re:run always starts at offset 0). */
  | "start"
  /** `\z`. */
  | "end"
  /** `$` without (?m), `\Z`: end of subject or before a final `\n`. */
  | "end-or-final-newline"
  /** `^` with (?m): start, or after a `\n` that is not the last byte. */
  | "line-start"
  /** `$` with (?m): before any `\n`, or at the end. */
  | "line-end"
  | "word-boundary"
  | "not-word-boundary";

export type RegexNode =
  /**
   * Consumes one byte from `set` (UTF-8 mode: one character). `utfRepeatMin`: the set the
   * first `min` iterations of a repeat of this `\d \s \w` escape use in UTF-8 mode.
   */
  /** `written`: the character as written, for a caseless literal (PCRE keeps it, not its case pair). */
  | { type: "set"; set: ByteSet; utfRepeatMin?: ByteSet; written?: number }
  | { type: "seq"; items: RegexNode[] }
  | { type: "alt"; alts: RegexNode[] }
  /** A group; `capture` is the PCRE group number, or null for `(?:…)` / option groups. */
  | { type: "group"; capture: number | null; name?: string; body: RegexNode }
  /** `(?>…)`, also what `\R` (`newline`) and possessive quantifiers mean. */
  | { type: "atomic"; body: RegexNode; newline?: true }
  /** `lengths`: a lookbehind's length per top-level branch (fixed-length.ts), once known. */
  | { type: "look"; behind: boolean; negate: boolean; body: RegexNode; lengths?: number[] }
  /** `start`/`end`: byte offsets of the quantified atom and its quantifier in the pattern. */
  | {
      type: "repeat";
      body: RegexNode;
      min: number;
      max: number;
      mode: "greedy" | "lazy" | "possessive";
      start: number;
      end: number;
    }
  | { type: "assert"; kind: AssertKind }
  /** `\X`: one extended grapheme cluster, as PCRE 8 delimits it (pcre-ucd.ts `clusterEnd`). */
  | { type: "cluster" }
  /** Backreference to group `group` (1-based), `caseless` when under `(?i)`. */
  | { type: "backref"; group: number; caseless: boolean; offset: number; anyOf?: number[] }
  /** A backtracking control verb; `name` is the `:NAME` argument (marks only). */
  | { type: "verb"; verb: BacktrackVerb; name?: string }
  /** `(?R)` (group 0), `(?n)`, `(?&name)`, `(?P>name)`, `\g<…>`: a subroutine call (atomic in PCRE 8); `offset`: its closing byte. */
  | { type: "call"; group: number; offset: number }
  /** `(?(cond)yes|no)`; `no` is null when there is no `|`. */
  | { type: "cond"; cond: Condition; yes: RegexNode; no: RegexNode | null };

/** Backtracking control verbs (`(*MARK:x)` / `(*:x)` are "MARK"). */
export type BacktrackVerb = "ACCEPT" | "FAIL" | "COMMIT" | "PRUNE" | "SKIP" | "THEN" | "MARK";

/** What a conditional group tests. */
export type Condition =
  /** `(?(1)…)`, `(?(<name>)…)`: whether the group has captured. */
  | { kind: "group"; group: number }
  /** `(?(R)…)` (group null: any recursion), `(?(Rn)…)`, `(?(R&name)…)`: inside that recursion. */
  | { kind: "recursion"; group: number | null }
  /** `(?(DEFINE)…)`: never true; the group only defines subroutines. */
  | { kind: "define" }
  /** `(?(?=…)…)` and the other lookarounds. */
  | { kind: "look"; look: Extract<RegexNode, { type: "look" }> };

/** A successfully parsed pattern. */
export interface ParsedRegex {
  root: RegexNode;
  /** Number of capturing groups. */
  groupCount: number;
  /** Named groups; a name may map to several numbers under `(?J)`. */
  names: Map<string, number[]>;
  /** Constructs PCRE accepts but this module cannot translate faithfully (first one wins). */
  unsupported: string[];
  /**
   * The subset of `unsupported` that the backtracking matcher (backtrack.ts) cannot follow
   * either; the rest of `unsupported` (verbs, recursion, conditionals, \\K) is in the AST.
   */
  unmatchable: string[];
  /** The pattern ends with (?x) in force at top level (a trailing `#` comment may be open). */
  endsExtended: boolean;
  /** The pattern ends inside an unterminated `\Q…`. */
  endsQuoted: boolean;
  /** The bytes `\w` and `\b` treat as word characters under the flavor's tables. */
  word: ByteSet;
  flavor: RegexFlavor;
  /**
   * `(*UTF8)`: characters are code points. Sets hold the code points ≤ U+00FF by value and
   * those above as `HIGH` (all), explicit ranges or a property's class (byte-set.ts
   * `wideRangesOf`, `wideOf`); subjects must be decoded from UTF-8 before matching.
   */
  utf: boolean;
  /** `(*LIMIT_MATCH=n)`: re:run's match limit, lowered. */
  limitMatch?: number;
  /** The newline convention ((*CR) …; LF by default) that `$`, `^` under (?m) and `.` use. */
  newline?: "LF" | "CR" | "CRLF" | "ANYCRLF" | "ANY";
  /** The pattern names CR or LF explicitly (see parse.ts hasCrOrLf). */
  hasCrOrLf?: boolean;
  /** `(*NO_START_OPT)` was given. */
  noStartOpt?: boolean;
}

/** PCRE's compile-time error: message in PCRE's words, byte offset as `re:compile` reports. */
export class RegexSyntaxError extends Error {
  /** `lastByte`: in UTF-8 mode PCRE points at the last byte of the character at `offset`. */
  constructor(
    message: string,
    readonly offset: number,
    readonly lastByte = false,
  ) {
    super(message);
  }
}

/** The nodes directly inside `n`, in pattern order (a condition's lookaround first). */
export function childNodes(n: RegexNode): RegexNode[] {
  switch (n.type) {
    case "seq":
      return n.items;
    case "alt":
      return n.alts;
    case "group":
    case "atomic":
    case "look":
    case "repeat":
      return [n.body];
    case "cond":
      return [...(n.cond.kind === "look" ? [n.cond.look] : []), n.yes, ...(n.no ? [n.no] : [])];
    default:
      return [];
  }
}
