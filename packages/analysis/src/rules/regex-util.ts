/** Regex conditions of a rule, with their pattern text. */
import type { Condition, Rule } from "@emqx-acl/core";
import { leafConditions } from "./util";

export interface RegexUse {
  condition: Condition;
  pattern: string;
  field: string;
}

/** Every `{re, R}` in the rule's who. */
export function regexUses(r: Rule): RegexUse[] {
  const out: RegexUse[] = [];
  for (const c of leafConditions(r.who))
    if ("match" in c && c.match.kind === "re") out.push({ condition: c, pattern: c.match.pattern, field: c.kind === "client_attr" ? `client attribute ${c.name}` : c.kind });
  return out;
}

/** Does the pattern look like a plain literal (no metacharacters)? */
export function looksLiteral(p: string): boolean {
  return /^[A-Za-z0-9_\-:@ ]+$/.test(p);
}

/** Is the pattern anchored at the start (`^` / `\A`)? A start-anchored prefix match is a deliberate choice. */
/** `(*UTF8)`-style start items and one `(?i)`-style option group at the start of a pattern. */
export const LEADING_OPTIONS = /^(?:\(\*[A-Z0-9_=]+\))*(?:\(\?[a-zA-Z]+\))?/;

export function isAnchored(p: string): boolean {
  // past the start items ((*UTF8), (*UCP) …) and a leading option group
  const body = p.replace(LEADING_OPTIONS, "");
  return body.startsWith("^") || body.startsWith("\\A");
}
