/**
 * Pure helpers for lint rules about `{re, R}` conditions (the rules themselves live in
 * packages/analysis). All take byte strings as written in the rule.
 */
import type { ParsedRegex, RegexNode } from "./ast";
import { setIsEmpty, wideRangesOf, type ByteSet } from "./byte-set";
import { nullable } from "./emit-js";
import { singleByte } from "./literal-head";
import { effectivePattern, parseRegex } from "./parse";
import { utf8Encode } from "./wide-ranges";

/** A byte string (char codes 0..255). */
type Bytes = string;

/** How a pattern is tied to the ends of the subject. */
export interface RegexAnchoring {
  /** Every match starts at offset 0 (`^` without (?m), `\A`, `\G`). */
  start: boolean;
  /** Every match ends at the end of the subject or, with `$`/`\Z`, before a final `\n`. */
  end: boolean;
  /** `end` holds only through `$`/`\Z`: "name\n" also matches (EMQX passes the raw username). */
  endAllowsFinalNewline: boolean;
}

function tryParse(pattern: Bytes): ParsedRegex | null {
  try {
    return parseRegex(pattern);
  } catch {
    return null;
  }
}

type Edge = "none" | "strict" | "newline";

/** Whether every path through `n` begins (dir=1) or ends (dir=-1) with an anchor; "newline": via `$`/`\Z`. */
function anchoredEdge(n: RegexNode, dir: 1 | -1): Edge {
  switch (n.type) {
    case "assert":
      if (dir === 1) return n.kind === "start" ? "strict" : "none";
      return n.kind === "end" ? "strict" : n.kind === "end-or-final-newline" ? "newline" : "none";
    case "group":
    case "atomic":
      return anchoredEdge(n.body, dir);
    case "repeat":
      return n.min >= 1 ? anchoredEdge(n.body, dir) : "none";
    case "alt": {
      const es = n.alts.map((a) => anchoredEdge(a, dir));
      return es.includes("none") ? "none" : es.includes("newline") ? "newline" : "strict";
    }
    case "seq": {
      const items = dir === 1 ? n.items : [...n.items].reverse();
      for (const it of items) {
        const e = anchoredEdge(it, dir);
        if (e !== "none") return e;
        // Zero-width items (other assertions, lookarounds) may sit before the anchor.
        if (!(it.type === "assert" || it.type === "look" || (it.type === "seq" && it.items.length === 0)))
          return "none";
      }
      return "none";
    }
    default:
      return "none";
  }
}

/** Anchoring of a pattern (null when re:compile rejects it). */
export function regexIsAnchored(pattern: Bytes): RegexAnchoring | null {
  const p = tryParse(pattern);
  if (!p) return null;
  const start = anchoredEdge(p.root, 1) === "strict";
  const end = anchoredEdge(p.root, -1);
  return { start, end: end !== "none", endAllowsFinalNewline: end === "newline" };
}

/**
 * The bytes a pattern spells when it is nothing but literal bytes (`admin`, `ops\.team`,
 * `\Qa.b\E`): no class, wildcard, quantifier, group, alternation, anchor or caseless
 * letter. Such a `{re, R}` is a substring search for that text. Null otherwise or when invalid.
 */
export function regexLiteralText(pattern: Bytes): Bytes | null {
  const p = tryParse(pattern);
  if (!p) return null;
  const items = p.root.type === "seq" ? p.root.items : [p.root];
  const codes = items.map(p.utf ? singleChar : singleByte);
  if (codes.length === 0 || codes.some((b) => b < 0)) return null;
  // UTF-8 mode: the subject holds the characters' UTF-8 bytes
  return String.fromCharCode(...(p.utf ? codes.flatMap(utf8Encode) : codes));
}

/** UTF-8 mode: the one character (code point) a node consumes, -1 if not exactly one. */
function singleChar(n: RegexNode): number {
  if (n.type !== "set") return -1;
  const wide = wideRangesOf(n.set);
  if (wide.length > 1) return -1;
  if (wide.length === 0) return singleByte(n);
  return wide[0][0] === wide[0][1] && setIsEmpty(n.set) ? wide[0][0] : -1;
}

/**
 * The safe fix for an unanchored (or `$`-anchored) pattern: match the WHOLE subject.
 * We add `^` and end with `\z`, not `$`: PCRE's `$` also matches before a final newline,
 * so `^admin$` admits the username "admin\n" (MQTT allows control characters in
 * usernames and EMQX passes them through), while `\z` is end of subject only. A trailing
 * `$` of a single-branch pattern is replaced by `\z`; otherwise the pattern is wrapped in
 * `(?:…)`. Returns null for an invalid pattern; an already strict pattern is unchanged.
 * In an Erlang string literal the backslash must be doubled: `"^admin\\z"`.
 */
export function anchorRegex(whole: Bytes): Bytes | null {
  const pattern = effectivePattern(whole);
  const p = tryParse(pattern);
  if (!p) return null;
  const a = regexIsAnchored(pattern)!;
  if (a.start && a.end && !a.endAllowsFinalNewline) return pattern;
  const verbs = /^(?:\(\*[A-Z0-9_]+\))*/.exec(pattern)![0];
  let body = pattern.slice(verbs.length);
  // Close an open \Q…, or end an open (?x) comment, before anything is appended.
  const closer = p.endsQuoted ? "\\E" : p.endsExtended ? "\n" : "";
  const topAlt = p.root.type === "alt";
  if (!topAlt && a.end && a.endAllowsFinalNewline && /(?<!\\)(?:\\\\)*\$$/.test(body) && closer === "") {
    body = body.slice(0, -1);
    return verbs + (a.start ? "" : "^") + body + "\\z";
  }
  if (!topAlt && !a.end) return verbs + (a.start ? "" : "^") + body + closer + "\\z";
  return verbs + "^(?:" + body + closer + ")\\z";
}

/** A reason why a plain (non-`re`) string looks like it was meant as a regex, with its span. */
export interface LooksLikeRegex {
  reason: string;
  start: number;
  end: number;
}

const REGEX_SIGNS: { re: RegExp; reason: string }[] = [
  { re: /^\^/, reason: "starts with ^ (a regex anchor)" },
  { re: /\.[*+]/, reason: "contains .* or .+ (regex wildcard)" },
  { re: /\\[dwsDWSbBAzZ.]/, reason: "contains a regex escape such as \\d or \\." },
  {
    re: /\[[^\]]*[a-zA-Z0-9]-[a-zA-Z0-9][^\]]*\][*+?]?|\[\^[^\]]+\]/,
    reason: "contains a character class such as [0-9]",
  },
  { re: /\([^()]*\|[^()]*\)/, reason: "contains an alternation group (a|b)" },
  { re: /[^\s\\]\{\d+(?:,\d*)?\}/, reason: "contains a {n,m} quantifier" },
  { re: /[\])][*+?]/, reason: "a quantifier follows a group or class" },
  { re: /[^$\s]\$$/, reason: "ends with $ (a regex anchor)" },
];

/**
 * Whether an exact-match string (e.g. `{username, "^dashboard?"}`) looks like a regex
 * that was meant as `{re, …}`. Exact strings are compared byte for byte, so such a rule
 * matches only a client literally named "^dashboard?". Returns the first sign, or null.
 */
export function regexLooksLiteral(text: Bytes): LooksLikeRegex | null {
  for (const { re, reason } of REGEX_SIGNS) {
    const m = re.exec(text);
    if (m) return { reason, start: m.index, end: m.index + m[0].length };
  }
  return null;
}

/** A pattern region where PCRE may backtrack catastrophically. */
export interface RedosRisk {
  reason: string;
  /** Byte offsets of the outer quantified atom and its quantifier. */
  start: number;
  end: number;
}

/** Bytes that can begin a non-empty match of `n`. */
function firstSet(n: RegexNode): ByteSet {
  const out = new Uint8Array(256);
  const add = (x: RegexNode): boolean => {
    // Returns whether x is nullable (so the next item may start the match too).
    switch (x.type) {
      case "set":
        x.set.forEach((v, i) => v && (out[i] = 1));
        return false;
      case "cluster":
        out.fill(1);
        return false;
      case "seq":
        return x.items.every(add);
      case "alt":
        return x.alts.map(add).some(Boolean);
      case "group":
      case "atomic":
        return add(x.body);
      case "repeat":
        return add(x.body) || x.min === 0;
      default:
        return true;
    }
  };
  add(n);
  return out;
}

const intersects = (a: ByteSet, b: ByteSet) => !setIsEmpty(a.map((v, i) => v & b[i]));

/** The unbounded repeat that makes up (almost) all of `body`: everything else can match empty. */
function dominantRepeat(body: RegexNode): Extract<RegexNode, { type: "repeat" }> | null {
  // An atomic group never gives back what it matched: no catastrophic retries inside it.
  if (body.type === "group") return dominantRepeat(body.body);
  if (body.type === "repeat" && body.max > body.min && body.max > 1 && body.mode !== "possessive") return body;
  if (body.type === "seq") {
    const strict = body.items.filter((it) => !nullable(it));
    const cands = strict.length === 0 ? body.items : strict;
    if (cands.length !== 1) return null;
    return dominantRepeat(cands[0]);
  }
  return null;
}

/** Overlapping alternatives: two branches that can start with the same byte. */
function overlappingAlternatives(body: RegexNode): boolean {
  if (body.type === "group") return overlappingAlternatives(body.body);
  if (body.type !== "alt") return false;
  const firsts = body.alts.map(firstSet);
  return firsts.some((f, i) => firsts.some((g, j) => j > i && intersects(f, g)));
}

/**
 * Two unbounded repeats side by side that can match the same bytes (`x+x+`, `\w+\d*`): a
 * run of those bytes splits between them in many ways, each of which an enclosing repeat
 * tries again.
 */
function adjacentOverlappingRepeats(body: RegexNode): boolean {
  if (body.type === "group") return adjacentOverlappingRepeats(body.body);
  if (body.type !== "seq") return false;
  const unbounded = (n: RegexNode): Extract<RegexNode, { type: "repeat" }> | null =>
    n.type === "group"
      ? unbounded(n.body)
      : n.type === "repeat" && n.max === Infinity && n.mode !== "possessive"
        ? n
        : null;
  for (let i = 0; i + 1 < body.items.length; i++) {
    const a = unbounded(body.items[i]);
    const b = unbounded(body.items[i + 1]);
    if (a && b && intersects(firstSet(a.body), firstSet(b.body))) return true;
  }
  return false;
}

/**
 * Nested or overlapping quantifiers — `(a+)+`, `(a*)*`, `(.*)*`, `(\w+\s?)*`, `(a|a)*`,
 * `(a|ab)+`, `(x+x+)+` — on which PCRE's backtracking can take exponential time. EMQX runs `re:run/2`
 * with the default match limit: measured on OTP 25, `^(a+)+$`, `^(\w+\s?)*$` and `(a|a)*$`
 * each take ~0.75 s on a 29-byte subject "aaa…a!", hit `match_limit`, and `re:run/2`
 * reports that as `nomatch` — CPU burnt per check, and a silent non-match. Returns the
 * first risky span, or null. A heuristic: it can miss risks and flag harmless shapes.
 */
export function regexRedosRisk(pattern: Bytes): RedosRisk | null {
  const p = tryParse(pattern);
  if (!p) return null;
  let found: RedosRisk | null = null;
  const visit = (n: RegexNode): void => {
    if (found) return;
    if (n.type === "repeat" && (n.max === Infinity || n.max >= 10) && n.mode !== "possessive") {
      if (dominantRepeat(n.body))
        found = { reason: "nested quantifiers (a repeat inside a repeat)", start: n.start, end: n.end };
      else if (n.max === Infinity && overlappingAlternatives(n.body))
        found = { reason: "repeated alternatives that can match the same text", start: n.start, end: n.end };
      else if (n.max === Infinity && adjacentOverlappingRepeats(n.body))
        found = { reason: "a repeat of repeats side by side that can match the same text", start: n.start, end: n.end };
    }
    if (n.type === "seq") n.items.forEach(visit);
    else if (n.type === "alt") n.alts.forEach(visit);
    else if ("body" in n && !(n.type === "repeat" && n.mode === "possessive") && n.type !== "atomic") visit(n.body);
  };
  visit(p.root);
  return found;
}
