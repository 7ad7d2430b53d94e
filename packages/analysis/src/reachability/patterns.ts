/**
 * Rule topics as word patterns for one concrete identity: templates are rendered exactly
 * as the dialect does (v4 whole-level insertion, v5/v6 text substitution then split).
 */
import type { Dialect, Rule, TopicPattern } from "@emqx-acl/core";
import { dimOfPlaceholder } from "./identity";
import { capabilities } from "@emqx-acl/core";
import { isInvalidWord } from "./topic-tree";

/** `literal`: words are compared literally (`eq`), wildcards have no meaning. */
export interface WordPattern {
  words: string[];
  literal: boolean;
}

/** A rule's topic test: every topic (`all`), or any of the patterns. */
export type RulePatterns = { all: true } | { all: false; patterns: WordPattern[] };

/** Identity values a template may read: dimension key → value (null = absent). */
export type Identity = Map<string, string | null>;

/** Template dimensions a rule's topics read. */
export function templateDims(rule: Rule, dialect: Dialect): readonly string[] {
  if (rule.topics.kind !== "list") return NO_DIMS;
  let out: Set<string> | null = null;
  for (const t of rule.topics.items) {
    const refs = t.kind === "level-template" ? t.words : t.kind === "text-template" ? t.parts : [];
    for (const r of refs)
      if (typeof r !== "string") {
        const d = dimOfPlaceholder(r.placeholder, dialect);
        if (d) (out ??= new Set()).add(d);
      }
  }
  if (out === null) return NO_DIMS;
  // one shared list per combination: a large file has a few, not one per rule
  const key = [...out].join("\0");
  let l = dimLists.get(key);
  if (l === undefined) dimLists.set(key, (l = Object.freeze([...out])));
  return l;
}

const NO_DIMS: readonly string[] = Object.freeze([]);
const dimLists = new Map<string, readonly string[]>();

/** Renders the rule's topics for the identity. */
export function rulePatterns(rule: Rule, dialect: Dialect, id: Identity): RulePatterns {
  if (rule.topics.kind === "all") return { all: true };
  const patterns: WordPattern[] = [];
  // filters are tried in order; one that aborts the rule (v4 undefined value, v6 forbidden
  // character) hides every later one, earlier ones still count
  for (const t of rule.topics.items) {
    const p = renderPattern(t, dialect, id);
    if (p === ABORT) break;
    // a level holding `+`, `#` or NUL among other bytes, or bad UTF-8, is in no topic a
    // broker authorises (`emqx_topic:validate/2`): such a pattern matches no request
    if (p && !p.words.some(isInvalidWord)) patterns.push(p);
  }
  return { all: false, patterns };
}

const ABORT = "abort" as const;

function renderPattern(t: TopicPattern, dialect: Dialect, id: Identity): WordPattern | null | typeof ABORT {
  switch (t.kind) {
    case "eq":
      return { words: t.words, literal: true };
    case "filter":
      return { words: t.words, literal: false };
    case "level-template": {
      const words: string[] = [];
      let impossible = false;
      for (const w of t.words) {
        if (typeof w === "string") words.push(w);
        else {
          const d = dimOfPlaceholder(w.placeholder, dialect);
          const v = d ? id.get(d) : null;
          // v4 inserts the value as ONE binary word: it can never equal a wildcard token,
          // an empty level or a level containing `/`; feed_var goes on, so a later
          // undefined value still aborts the rule
          if (v === null || v === undefined) return ABORT;
          if (v === "" || v === "+" || v === "#" || v.includes("/")) impossible = true;
          words.push(v);
        }
      }
      return impossible ? null : { words, literal: false };
    }
    case "text-template": {
      let s = "";
      let missing = false;
      for (const p of t.parts) {
        if (typeof p === "string") s += p;
        else {
          const d = dimOfPlaceholder(p.placeholder, dialect);
          const v = d ? id.get(d) : null;
          if (v === null || v === undefined) {
            // missing key: that filter is skipped, after the rest is rendered (v6: a later
            // forbidden value still aborts); an absent username renders as `undefined`
            if (d !== "username") missing = true;
            else s += "undefined";
          } else if (capabilities(dialect).templateGuard && /[+#/]/.test(v))
            return ABORT; // topic_template_allow defaults
          else s += v;
        }
      }
      return missing ? null : { words: s.split("/"), literal: false };
    }
  }
}
