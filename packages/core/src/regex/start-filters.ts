/**
 * Which start positions re:run tries, when it matters and first-char.ts cannot tell: with
 * (*COMMIT), (*PRUNE) or (*SKIP) reachable before a character is consumed, PCRE's start
 * optimisations change answers (a start it skips can no longer commit the search to
 * failure), and how PCRE 8 computes them from the compiled code is not reproduced for
 * every pattern (lookarounds, conditions, `.*` in front …).
 *
 * PCRE without study applies at most one of: anchoring (only the subject's start), a first
 * code unit every match begins with (a literal of the pattern, or its case pair), or
 * "startline" (the start and just after each newline). So the search is run under each
 * that PCRE could have chosen, plus none at all; where they all give the same answer, that
 * is re:run's answer; where they differ, the answer is unknown (and said so).
 */
import type { ParsedRegex, RegexNode } from "./ast";
import { childNodes } from "./ast";
import { assertedChar, firstChar } from "./first-char";
import { HIGH, otherCase, setSize, wideRangesOf, type RegexFlavor } from "./byte-set";
import { newlineLength, type Newline } from "./start-options";

/** Start positions a search tries, as PCRE's optimisations allow. */
export type StartFilter =
  /** Every position (no optimisation). */
  | { kind: "all" }
  /** Only the start of the subject. */
  | { kind: "anchored" }
  /**
   * Positions whose character is one of `chars` (UTF-8 mode: whose first byte is `lead`);
   * not the end. `req`: PCRE's "required character" (code units): the search ends with no
   * match once none follows the first code unit of the start position (when fewer than
   * 1,000 code units are left), even where a match would begin with it.
   */
  | { kind: "first"; chars: number[]; req?: number[] }
  | { kind: "first-byte"; lead: number }
  /** The start, just after a newline of the convention, and the end. */
  | { kind: "startline"; newline: Newline };

/**
 * Every filter PCRE could have chosen for the pattern (besides none); `firstChars`: whether
 * a first character is possible at all (first-char.ts could not rule it out).
 */
export function startCandidates(parsed: ParsedRegex, firstChars: boolean): StartFilter[] {
  const out: StartFilter[] = [{ kind: "all" }];
  // PCRE lets `.*` in front anchor a pattern or tie it to line starts only without (*PRUNE) and (*SKIP)
  const dotStarCounts = !hasVerb(parsed.root, ["PRUNE", "SKIP"]);
  const lineStarts = (n: RegexNode) => isLineStart(n) || (dotStarCounts && isDotStar(n));
  if (mayBeAnchored(parsed)) out.push({ kind: "anchored" });
  if (leadsWith(parsed.root, lineStarts, parsed.flavor))
    out.push({ kind: "startline", newline: parsed.newline ?? "LF" });
  if (!firstChars) return out;
  const seen = new Set<string>();
  const add = (f: StartFilter) => {
    const key = JSON.stringify(f);
    if (!seen.has(key)) (seen.add(key), out.push(f));
  };
  for (const c of literals(parsed.root)) {
    if (parsed.utf && c > 0x7f) {
      // PCRE 8 keeps the first code unit of a multibyte character
      add({ kind: "first-byte", lead: leadByte(c) });
      continue;
    }
    add({ kind: "first", chars: [c] });
    const o = otherCase(c);
    if (o !== c) add({ kind: "first", chars: [Math.min(c, o), Math.max(c, o)] });
  }
  return out;
}

/**
 * The start filters when PCRE's first character comes from a leading positive lookahead
 * (first-char.ts `assertedChar`), or null when it does not: that character, alone and with
 * each required character PCRE may have kept. PCRE looks for the required character only
 * after the first code unit, but an asserted first character is not consumed: `(?=a)\w*a`
 * finds no match in "a" (measured).
 */
export function assertedFilters(parsed: ParsedRegex): StartFilter[] | null {
  // PCRE2 keeps an asserted first character only when it is not the required one (pcre2_compile.c)
  if (parsed.flavor === "pcre2-ascii") return null;
  if (parsed.noStartOpt || firstChar(parsed.root) !== null) return null;
  const first = assertedChar(parsed.root);
  if (first === null) return null;
  const out: StartFilter[] = [{ kind: "first", chars: first }];
  for (const c of literals(parsed.root, true)) {
    // in UTF-8 mode the required code unit is the character's last byte
    const unit = parsed.utf ? lastByte(c) : c;
    out.push({ kind: "first", chars: first, req: [unit] });
    const o = parsed.utf && c > 0x7f ? unit : otherCase(c);
    if (o !== unit) out.push({ kind: "first", chars: first, req: [Math.min(unit, o), Math.max(unit, o)] });
  }
  return out;
}

/**
 * Can PCRE's required-character check refuse a match of this pattern (an asserted first
 * character, and a character PCRE may require)? Then re:run's answer is not the pattern's
 * language, and a DFA of it is not re:run.
 */
export function requiredCheckMatters(parsed: ParsedRegex): boolean {
  return (assertedFilters(parsed)?.length ?? 0) > 1;
}

/** The required-character check before trying a position (`units`: the subject as code units, `at`: the position's offset there). */
export function requiredFollows(req: number[], units: ArrayLike<number>, at: number): boolean {
  if (units.length - at >= REQ_BYTE_MAX) return true;
  for (let j = at + 1; j < units.length; j++) if (req.includes(units[j])) return true;
  return false;
}

/** PCRE looks for the required character only when fewer code units than this are left. */
const REQ_BYTE_MAX = 1000;

/** May the search start at position i of `s` under the filter (n = s.length is the end)? */
export function startsAt(f: StartFilter, s: ArrayLike<number>, i: number, utf: boolean): boolean {
  switch (f.kind) {
    case "all":
      return true;
    case "anchored":
      return i === 0;
    case "first":
      return i < s.length && f.chars.includes(s[i]);
    case "first-byte":
      return i < s.length && leadByte(s[i]) === f.lead;
    case "startline":
      return i === 0 || i === s.length || afterNewline(f.newline, s, i, utf);
  }
}

/** Does a newline of the convention end just before position i? */
function afterNewline(nl: Newline, s: ArrayLike<number>, i: number, utf: boolean): boolean {
  if (newlineLength(nl, s[i - 1], i < s.length ? s[i] : -1, utf) === 1) return true;
  return i >= 2 && newlineLength(nl, s[i - 2], s[i - 1], utf) === 2;
}

/**
 * Could PCRE find every branch led by an item `first` accepts (its is_anchored and
 * is_startline walk the first item of each branch, into groups, conditions and positive
 * lookaheads; a verb or any other item first means no)? It may say yes where PCRE says no
 * (an extra candidate only costs answers), never the other way.
 */
function leadsWith(n: RegexNode, first: (n: RegexNode) => boolean, flavor: RegexFlavor): boolean {
  const leads = (k: RegexNode) => leadsWith(k, first, flavor);
  switch (n.type) {
    case "alt":
      return n.alts.every(leads);
    case "seq": {
      const lead = leadItem(n.items, flavor);
      return lead !== undefined && leads(lead);
    }
    case "group":
    case "atomic":
      return leads(n.body);
    case "look":
      return !n.behind && !n.negate && leads(n.body);
    case "cond":
      return leads(n.yes) && (n.no === null || leads(n.no));
    default:
      return first(n);
  }
}

/**
 * Whether PCRE surely anchors the pattern (its is_anchored: each branch begins with `^`,
 * `\A` or `\G`, inside groups). Anchored, re:run tries only the subject's start, and a
 * (*SKIP:NAME) that finds no such mark ends the search instead of being ignored at the next
 * start (measured: `^(*SKIP:m)ab|^a` finds no match in "a").
 */
export function surelyAnchored(parsed: ParsedRegex): boolean {
  const anchored = (n: RegexNode): boolean => {
    switch (n.type) {
      case "alt":
        return n.alts.every(anchored);
      case "seq": {
        const lead = leadItem(n.items, parsed.flavor);
        return lead !== undefined && anchored(lead);
      }
      case "group":
      case "atomic":
        return anchored(n.body);
      default:
        return isAnchor(n);
    }
  };
  return anchored(parsed.root);
}

/** Could PCRE anchor the pattern (see `leadsWith`: yes may be wrong, no is not)? */
export function mayBeAnchored(parsed: ParsedRegex): boolean {
  const dotStarCounts = !hasVerb(parsed.root, ["PRUNE", "SKIP"]);
  return leadsWith(parsed.root, (n) => isAnchor(n) || (dotStarCounts && isDotStar(n) && dotAll(n)), parsed.flavor);
}

/** Whether the pattern has a (*SKIP:NAME) (whose meaning depends on anchoring). */
export function hasNamedSkip(parsed: ParsedRegex): boolean {
  const visit = (n: RegexNode): boolean =>
    (n.type === "verb" && n.verb === "SKIP" && n.name !== undefined) || childNodes(n).some(visit);
  return visit(parsed.root);
}

/**
 * The first item of a sequence that leaves code: option settings and `\Q\E` leave none;
 * PCRE2 also looks past verbs with a name (its first_significant_code), PCRE 8 does not:
 * `(*SKIP:m)^a|^.*a` is anchored in PCRE2 only (measured).
 */
function leadItem(items: RegexNode[], flavor: RegexFlavor): RegexNode | undefined {
  return items.find(
    (it) =>
      !(it.type === "seq" && it.items.length === 0) &&
      !(flavor === "pcre2-ascii" && it.type === "verb" && it.name !== undefined),
  );
}

/** `^` (not multiline), `\A`, `\G`: a match can only start at 0. */
function isAnchor(n: RegexNode): boolean {
  return n.type === "assert" && n.kind === "start";
}

/** `^` under (?m): a match starts at 0 or after a newline. */
function isLineStart(n: RegexNode): boolean {
  return n.type === "assert" && n.kind === "line-start";
}

/** `.*` under (?s): it crosses newlines (a match starting later could start at 0). */
function dotAll(n: Extract<RegexNode, { type: "repeat" }>): boolean {
  return n.body.type === "set" && setSize(n.body.set) === 256;
}

function hasVerb(n: RegexNode, verbs: string[]): boolean {
  return (n.type === "verb" && verbs.includes(n.verb)) || childNodes(n).some((k) => hasVerb(k, verbs));
}

/** `.*`, `.*?`, `.*+`: any character (but perhaps newline), zero or more times. */
function isDotStar(n: RegexNode): n is Extract<RegexNode, { type: "repeat" }> {
  return (
    n.type === "repeat" && n.min === 0 && n.max === Infinity && n.body.type === "set" && setSize(n.body.set) >= 255
  );
}

/** The last byte of a code point's UTF-8 encoding. */
function lastByte(c: number): number {
  return c < 0x80 ? c : 0x80 | (c & 0x3f);
}

/** The first byte of a code point's UTF-8 encoding. */
function leadByte(c: number): number {
  if (c < 0x80) return c;
  if (c < 0x800) return 0xc0 | (c >> 6);
  if (c < 0x10000) return 0xe0 | (c >> 12);
  return 0xf0 | (c >> 18);
}

/** The characters single-character items of the pattern stand for (a set of one, or a case pair). */
function literals(root: RegexNode, required = false): number[] {
  const out = new Set<number>();
  const visit = (n: RegexNode): void => {
    // `required`: only characters PCRE may keep as required: not one it drops again (in a
    // repeat that allows zero), nor the first one of a lookahead's branch (its first
    // character, not a required one)
    if (required && n.type === "repeat" && n.min === 0) return;
    if (required && n.type === "look" && !n.behind && !n.negate) {
      for (const b of n.body.type === "alt" ? n.body.alts : [n.body]) {
        const its = b.type === "seq" ? b.items : [b];
        const lead = its.findIndex((it) => it.type === "set" || it.type === "repeat" || it.type === "group");
        its.forEach((it, k) => (k === lead && it.type === "set" ? undefined : visit(it)));
      }
      return;
    }
    if (n.type === "set") {
      const members: number[] = [];
      for (let b = 0; b < 256 && members.length < 3; b++) if (n.set[b]) members.push(b);
      const wide = n.set[HIGH] ? [] : wideRangesOf(n.set);
      for (const [lo, hi] of wide) if (hi - lo < 2) for (let c = lo; c <= hi; c++) members.push(c);
      if (members.length <= 2) for (const m of members) out.add(m);
    }
    for (const k of childNodes(n)) visit(k);
  };
  visit(root);
  return [...out];
}
