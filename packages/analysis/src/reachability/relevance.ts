/**
 * Which values of a template dimension can make a difference inside one box: the literal
 * words at the levels where the placeholder is rendered (and, for `a${x}b` levels, the
 * values that complete a literal word), plus the values that render specially (absent,
 * empty, wildcards, `/`). Every other value renders a fresh word and behaves alike.
 */
import type { Dialect, Rule } from "@emqx-acl/core";
import { dimOfPlaceholder } from "./identity";

const MARK = "\u0101";
const OTHER = "\u0102";

/** The topic items of a rule as level lists; placeholder levels carry markers. */
function levelsOf(rule: Rule, d: string, dialect: Dialect): string[][] {
  if (rule.topics.kind !== "list") return [];
  return rule.topics.items.map((t) => {
    if (t.kind === "eq" || t.kind === "filter") return t.words;
    if (t.kind === "level-template") return t.words.map((w) => (typeof w === "string" ? w : dimOfPlaceholder(w.placeholder, dialect) === d ? MARK : OTHER));
    return t.parts.map((p) => (typeof p === "string" ? p : dimOfPlaceholder(p.placeholder, dialect) === d ? MARK : OTHER)).join("").split("/");
  });
}

/** Values of dimension `d` that distinguish themselves for these rules. */
export function relevantValues(rules: Rule[], d: string, dialect: Dialect): Set<string> {
  const all = rules.map((r) => levelsOf(r, d, dialect)).flat();
  const out = new Set<string>();
  const spots: { k: number; pre: string; post: string }[] = [];
  for (const ws of all)
    ws.forEach((w, k) => {
      const i = w.indexOf(MARK);
      if (i >= 0) spots.push({ k, pre: w.slice(0, i), post: w.slice(i + 1) });
    });
  for (const { k, pre, post } of spots)
    for (const ws of all) {
      const w = ws[k];
      if (w === undefined || w.includes(MARK) || w.includes(OTHER)) continue;
      if (post.includes(MARK) || post.includes(OTHER)) {
        // several placeholders in one level: any substring may matter
        for (let a = 0; a <= w.length; a++) for (let b = a; b <= w.length; b++) out.add(w.slice(a, b));
      } else if (w.length >= pre.length + post.length && w.startsWith(pre) && w.endsWith(post)) out.add(w.slice(pre.length, w.length - post.length));
    }
  return out;
}

/** A key shared by values that render identically for every template, or null for a plain value. */
export function specialKind(v: string | null, d: string, dialect: Dialect): string | null {
  if (v === null) return "absent";
  if (dialect === "v4") return v === "" || v === "+" || v === "#" || v.includes("/") ? "unusable" : null;
  if (d === "username" && v === "undefined") return "absent";
  if (dialect === "v6" && /[+#/]/.test(v)) return "forbidden";
  if (v === "" || v === "+" || v === "#") return v === "" ? "empty" : v;
  return v.includes("/") ? `slash:${v}` : null;
}
