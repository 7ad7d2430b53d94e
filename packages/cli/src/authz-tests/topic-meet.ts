/**
 * The topics of a rule restricted to a property's filter F: topic items that match the
 * requests both the rule's item and F match (as `emqx_topic:match` does, the request's own
 * wildcards read as ordinary words), as Erlang terms. They may match more (quirks of `#`
 * words in a request; a placeholder template where F has a fixed level is kept whole:
 * `approximate`), never fewer, so "unreachable" stays a proof. The property check confirms
 * every witness with the engine: "more" can only make a verdict unknown, never wrong.
 */
import { fromBytes, isValidUtf8, words, type Rule, type TopicPattern } from "@emqx-acl/core";
import { erlStringLiteral } from "@emqx-acl/syntax";

/** Term texts of the restricted items; `approximate` names an item kept whole. */
export interface Meet {
  items: string[];
  approximate: string | null;
}

/** `a` ∩ `b` on word lists (null: no topic matches both). `dollarGuard`: the version's `$` rule. */
export function meetWords(a: readonly string[], b: readonly string[], dollarGuard: boolean): string[] | null {
  if (dollarGuard && a.length > 0 && b.length > 0 && (guarded(a[0], b[0]) || guarded(b[0], a[0]))) return null;
  const out: string[] = [];
  for (let i = 0; ; i++) {
    if (i < a.length && a[i] === "#") return [...out, ...b.slice(i)];
    if (i < b.length && b[i] === "#") return [...out, ...a.slice(i)];
    if (i === a.length || i === b.length) return i === a.length && i === b.length ? out : null;
    if (a[i] !== b[i] && a[i] !== "+" && b[i] !== "+") return null;
    out.push(a[i] === "+" ? b[i] : a[i]);
  }
}

/** A first-level wildcard never matches a `$` topic (EMQX 5.8.2+, 6; `dollarGuard`). */
function guarded(wild: string, literal: string): boolean {
  return (wild === "+" || wild === "#") && literal.startsWith("$");
}

function filterTerm(ws: string[]): string | null {
  const bytes = ws.join("/");
  return isValidUtf8(bytes) ? erlStringLiteral(fromBytes(bytes)) : null;
}

/** One topic item restricted to F: its terms, and whether they match more than item ∩ F. */
function meetItem(
  item: TopicPattern,
  f: string[],
  text: string,
  inRegion: (topic: string) => boolean,
  dollarGuard: boolean,
): { terms: string[]; whole: boolean } {
  const asWritten = { terms: [text.slice(item.start, item.end)], whole: true };
  if (item.kind === "eq") return { terms: inRegion(item.text) ? asWritten.terms : [], whole: false };
  if (item.kind === "filter") {
    const m = meetWords(item.words, f, dollarGuard);
    if (m === null) return { terms: [], whole: false };
    const term = filterTerm(m);
    return term === null ? asWritten : { terms: [term], whole: false };
  }
  const t = meetTemplate(templateLevels(item), f, dollarGuard);
  if (t === null) return { terms: [], whole: false };
  return t ? { ...asWritten, whole: false } : asWritten;
}

/**
 * A template's levels as written, null for a level that holds a placeholder: EMQX 4's
 * `%u`/`%c` level (one level once rendered) or a level with `${…}` (5+: the value may add
 * levels, so nothing after it is known either).
 */
function templateLevels(item: TopicPattern & { kind: "level-template" | "text-template" }): (string | null)[] {
  if (item.kind === "level-template") return item.words.map((w) => (typeof w === "string" ? w : null));
  return words(item.text).map((w) => (w.includes("${") ? null : w));
}

/**
 * A placeholder template against F: true when F reaches `#` before the template's first
 * placeholder and is no narrower on the levels before it (the template itself is then the
 * restriction), null when a fixed level rules F out, false when neither holds exactly.
 */
function meetTemplate(ws: (string | null)[], f: string[], dollarGuard: boolean): boolean | null {
  if (dollarGuard && f.length > 0 && ws.length > 0 && ws[0] !== null && (guarded(f[0], ws[0]) || guarded(ws[0], f[0])))
    return null;
  // a placeholder rendered at the first level could start with `$`, which F's wildcard misses
  let exact = !(dollarGuard && f.length > 0 && (f[0] === "+" || f[0] === "#") && ws.length > 0 && ws[0] === null);
  for (let i = 0; ; i++) {
    if (i < f.length && f[i] === "#") return exact;
    if (i === ws.length || i === f.length) return null;
    const w = ws[i];
    if (w === null || w === "#") return false;
    if (w !== f[i] && w !== "+" && f[i] !== "+") return null;
    if (w === "+" && f[i] !== "+") exact = false;
  }
}

/** The rule's topics restricted to the filter `f` (words of bytes); `dollarGuard`: the version's `$` rule. */
export function meetRuleTopics(
  rule: Rule,
  f: string[],
  text: string,
  inRegion: (topic: string) => boolean,
  dollarGuard: boolean,
): Meet {
  if (rule.topics.kind === "all") return { items: [filterTerm(f)!], approximate: null };
  const items: string[] = [];
  let approximate: string | null = null;
  for (const item of rule.topics.items) {
    const m = meetItem(item, f, text, inRegion, dollarGuard);
    items.push(...m.terms);
    if (m.whole && approximate === null)
      approximate = `its topic '${fromBytes(item.text)}' could not be narrowed to '${fromBytes(f.join("/"))}'`;
  }
  return { items, approximate };
}
