/**
 * Whether a pattern means the same under OTP ≤ 27 (PCRE 8, Latin-1 tables) and OTP 28
 * (PCRE2, ASCII tables) — for an "upgrade changes this regex" lint and for deciding
 * whether a dialect's flavor choice matters for a given rule.
 */
import type { RegexNode } from "./ast";
import { compileErlangRegex } from "./compile";
import { parseRegex } from "./parse";

/**
 * Sets as hex (or "set" without `sets`: the structure alone), assertions by kind: equal
 * strings mean equal matching behaviour.
 */
function shape(n: RegexNode, sets = true): string {
  const shape_ = (k: RegexNode) => shape(k, sets);
  switch (n.type) {
    case "set":
      return sets ? Buffer.from(n.set).toString("hex") : "set";
    case "seq":
      return "(" + n.items.map(shape_).join(" ") + ")";
    case "alt":
      return "(" + n.alts.map(shape_).join("|") + ")";
    case "assert":
      return n.kind;
    case "backref":
      return `\\${n.group}${n.caseless ? "i" : ""}`;
    case "repeat":
      return `${shape_(n.body)}{${n.min},${n.max},${n.mode}}`;
    case "look":
      return `(?${n.behind ? "<" : ""}${n.negate ? "!" : "="}${shape_(n.body)})`;
    case "verb":
      return `(*${n.verb}:${n.name ?? ""})`;
    case "call":
      return `(?${n.group})`;
    case "cluster":
      return "\\X";
    case "cond":
      return `(?(${JSON.stringify(n.cond.kind === "look" ? shape_(n.cond.look) : n.cond)})${shape_(n.yes)}|${n.no ? shape_(n.no) : ""})`;
    default:
      return `${n.type}${n.type === "group" ? n.capture : ""}(${shape_(n.body)})`;
  }
}

const TABLE_SENSITIVE = /word-boundary|\\\d+i/;

/**
 * Null when the pattern behaves identically on OTP ≤ 27 and OTP 28 (as far as modelled);
 * otherwise a short reason (e.g. `\w` or `(?i)` over non-ASCII bytes, syntax PCRE2 reads
 * differently, or a pattern only one of them accepts).
 */
export function regexFlavorDifference(pattern: string): string | null {
  const a = compileErlangRegex(pattern);
  const b = compileErlangRegex(pattern, { flavor: "pcre2-ascii" });
  if (b.kind === "unsupported" && a.kind !== "unsupported") return b.reason;
  if (a.kind !== b.kind) return `OTP ≤ 27: ${a.kind}, OTP 28: ${b.kind}`;
  if (a.kind !== "ok") return null;
  const ra = parseRegex(pattern).root;
  const rb = parseRegex(pattern, "pcre2-ascii").root;
  const sa = shape(ra);
  if (shape(ra, false) !== shape(rb, false))
    return "PCRE2 (OTP 28) reads this syntax differently (for example `{,n}` or spaces inside braces)";
  if (sa !== shape(rb))
    return "character classes or (?i) cover different non-ASCII bytes (Latin-1 tables before OTP 28, ASCII after)";
  if (TABLE_SENSITIVE.test(sa))
    return "\\b / \\B or a (?i) backreference depend on the character tables, which OTP 28 changed";
  return null;
}
