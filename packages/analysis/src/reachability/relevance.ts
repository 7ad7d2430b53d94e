/**
 * Which values of a template dimension can make a difference inside one box: the literal
 * words at the levels where the placeholder is rendered (and, for `a${x}b` levels, the
 * values that complete a literal word), plus the values that render specially (absent,
 * empty, wildcards, `/`). Every other value renders a fresh word and behaves alike.
 */
import type { Dialect, Rule } from "@emqx-acl/core";
import { dimOfPlaceholder } from "./identity";
import { capabilities } from "@emqx-acl/core";

const MARK = "\u0101";
const OTHER = "\u0102";

/** The topic items of a rule as level lists; placeholder levels carry markers. */
function levelsOf(rule: Rule, d: string, dialect: Dialect): string[][] {
  if (rule.topics.kind !== "list") return [];
  return rule.topics.items.map((t) => {
    if (t.kind === "eq" || t.kind === "filter") return t.words;
    if (t.kind === "level-template")
      return t.words.map((w) =>
        typeof w === "string" ? w : dimOfPlaceholder(w.placeholder, dialect) === d ? MARK : OTHER,
      );
    return t.parts
      .map((p) => (typeof p === "string" ? p : dimOfPlaceholder(p.placeholder, dialect) === d ? MARK : OTHER))
      .join("")
      .split("/");
  });
}

interface Spot {
  k: number;
  pre: string;
  post: string;
}

interface RuleLevels {
  levels: string[][];
  spots: Spot[];
}

/** Per rule and dimension (rules are immutable once lowered): levels and placeholder spots. */
const levelCache = new WeakMap<Rule, Map<string, RuleLevels>>();

function ruleLevels(rule: Rule, d: string, dialect: Dialect): RuleLevels {
  let m = levelCache.get(rule);
  if (!m) levelCache.set(rule, (m = new Map()));
  const key = `${dialect}|${d}`;
  let r = m.get(key);
  if (!r) {
    const levels = levelsOf(rule, d, dialect);
    const spots: Spot[] = [];
    for (const ws of levels)
      ws.forEach((w, k) => {
        const i = w.indexOf(MARK);
        if (i >= 0) spots.push({ k, pre: w.slice(0, i), post: w.slice(i + 1) });
      });
    m.set(key, (r = { levels, spots }));
  }
  return r;
}

/**
 * Values of dimension `d` that distinguish themselves for these rules. Linear in the
 * rules' levels: distinct spots first, then only the words at the spots' levels (the
 * naive spots × levels product made large files quadratic per call).
 */
export function relevantValues(rules: Rule[], d: string, dialect: Dialect): Set<string> {
  const out = new Set<string>();
  const spots = new Map<string, Spot>();
  const infos = rules.map((r) => ruleLevels(r, d, dialect));
  for (const info of infos) for (const s of info.spots) spots.set(`${s.k}\u0000${s.pre}\u0000${s.post}`, s);
  if (!spots.size) return out;
  const wordsAt = new Map<number, Set<string>>();
  for (const s of spots.values()) wordsAt.set(s.k, new Set());
  for (const info of infos)
    for (const ws of info.levels)
      for (const [k, set] of wordsAt) {
        const w = ws[k];
        if (w !== undefined && !w.includes(MARK) && !w.includes(OTHER)) set.add(w);
      }
  for (const { k, pre, post } of spots.values())
    for (const w of wordsAt.get(k)!) {
      if (post.includes(MARK) || post.includes(OTHER)) {
        // several placeholders in one level: any substring may matter
        for (let a = 0; a <= w.length; a++) for (let b = a; b <= w.length; b++) out.add(w.slice(a, b));
      } else if (w.length >= pre.length + post.length && w.startsWith(pre) && w.endsWith(post))
        out.add(w.slice(pre.length, w.length - post.length));
    }
  return out;
}

/**
 * A key shared by values that render identically for every template, or null for a plain
 * value. A value starting with `$` renders a `$` word: at the start of a topic, one no
 * wildcard first level matches (EMQX 5 and 6; EMQX 4 has no such guard).
 */
export function specialKind(v: string | null, d: string, dialect: Dialect): string | null {
  if (v === null) return "absent";
  const caps = capabilities(dialect);
  // a %u/%c value fills one level: these never equal a topic level
  if (caps.placeholders === "percent") return v === "" || v === "+" || v === "#" || v.includes("/") ? "unusable" : null;
  if (d === "username" && v === "undefined") return "absent";
  if (caps.templateGuard && /[+#/]/.test(v)) return "forbidden";
  if (v === "" || v === "+" || v === "#") return v === "" ? "empty" : v;
  if (v.includes("/")) return `slash:${v}`;
  return v.startsWith("$") ? "dollar" : null;
}
