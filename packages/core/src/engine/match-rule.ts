/**
 * One rule against one prepared request: action, then who, then topics — the order
 * `emqx_authz_rule:match/4` uses (v4 pre-filters by action, then who, then topics).
 * Conditions are three-valued: a regex with no faithful translation makes them unknown.
 */
import type { Condition, Dialect, NameMatch, Rule, TopicPattern } from "../model/rule";
import type { PreparedRequest } from "./prepare";
import { cidrContains } from "./cidr";
import { regexFor } from "./regex-bridge";
import { eqWords, matchFilterText, matchWords } from "./topic";
import { renderLevel, renderText } from "./render";
import { capabilities, runsHardened } from "../model/dialects";

export interface EngineOptions {
  /** EMQX 6 security profile (default legacy). Only v6 reads it. */
  securityProfile?: "legacy" | "hardened";
}

/** 1 = true, 0 = false, 2 = unknown (unsupported regex). */
export type Tri = 0 | 1 | 2;

export type TopicNote = { pattern: TopicPattern; rendered?: string; why?: string };

export type RuleOutcome =
  | { kind: "match" }
  | { kind: "miss"; reason: "action" | "who" | "topic"; topics?: TopicNote[] }
  | { kind: "unknown"; reason: string }
  /** v6: a placeholder rendered a forbidden character: legacy ⇒ no match, hardened ⇒ deny. */
  | { kind: "abort"; reason: string };

function testName(m: NameMatch, subject: string | null): Tri {
  if (subject === null) return 0;
  if (m.kind === "exact") return m.value === subject ? 1 : 0;
  const r = regexFor(m.pattern);
  if (r.kind === "ok") return r.test(subject) ? 1 : 0;
  if (r.kind === "partial") {
    const v = r.verdict(subject);
    return v === null ? 2 : v ? 1 : 0;
  }
  return 2;
}

/** Evaluates a who / condition. */
export function matchCondition(c: Condition, p: PreparedRequest, opts: EngineOptions): Tri {
  const r = p.request;
  switch (c.kind) {
    case "all":
      return 1;
    case "username":
      return testName(c.match, r.username);
    case "clientid":
      return testName(c.match, r.clientid);
    case "ipaddr":
      return p.peer !== null && c.cidrs.some((x) => cidrContains(x, p.peer!)) ? 1 : 0;
    case "client_attr": {
      const has = Object.prototype.hasOwnProperty.call(r.client_attrs, c.name);
      return testName(c.match, has ? r.client_attrs[c.name] : null);
    }
    case "zone":
      return testName(c.match, p.zone);
    case "listener":
      return testName(c.match, p.listener);
    case "security_profile":
      return c.profile === (opts.securityProfile ?? "legacy") ? 1 : 0;
    case "and":
    case "or": {
      let unknown = false;
      for (const item of c.items) {
        const v = matchCondition(item, p, opts);
        if (v === 2) unknown = true;
        else if ((v === 1) === (c.kind === "or")) return c.kind === "or" ? 1 : 0;
      }
      return unknown ? 2 : c.kind === "and" ? 1 : 0;
    }
  }
}

function matchAction(rule: Rule, p: PreparedRequest): boolean {
  const a = rule.action;
  const r = p.request;
  if (r.action === "publish") {
    return a.publish && a.qos.includes(r.qos) && (a.retain === "all" || a.retain === r.retain);
  }
  return a.subscribe && a.qos.includes(r.qos);
}

/** Matches one topic pattern: true / false, or an abort reason (v6). */
function matchPattern(
  t: TopicPattern,
  p: PreparedRequest,
  dialect: Dialect,
  hardened: boolean,
  note: TopicNote | null,
): boolean | { abort: string } {
  const guard = capabilities(dialect).dollarGuard;
  switch (t.kind) {
    case "eq":
      return eqWords(p.words, t.words);
    case "filter":
      return matchWords(p.words, t.words, guard);
    case "level-template": {
      const ws: string[] = [];
      let impossible: string | null = null;
      for (const w of t.words) {
        if (typeof w === "string") ws.push(w);
        else {
          const r = renderLevel(w, p);
          if ("why" in r) {
            // 4.4.5+: an undefined %u/%c stops the whole rule, not just this filter; feed_var
            // goes on after an impossible value, so a later undefined one still stops it
            if (r.undefined) {
              if (note) note.why = r.why;
              return { abort: r.why };
            }
            impossible ??= r.why;
          } else ws.push(r.word);
        }
      }
      if (impossible !== null) {
        if (note) note.why = impossible;
        return false;
      }
      if (note) note.rendered = ws.join("/");
      return matchWords(p.words, ws, false);
    }
    case "text-template": {
      const r = renderText(t.parts, p, dialect);
      if (!r.ok) {
        if (note) note.why = r.why;
        // HEAD hardened profile re-throws a missing key too: the whole rule yields deny
        return r.skip && !hardened ? false : { abort: r.why };
      }
      if (note) note.rendered = r.text;
      return matchFilterText(p.words, r.text, guard);
    }
  }
}

// the outcomes without notes, shared: the decider asks millions of times and only reads them
const MISS_ACTION: RuleOutcome = { kind: "miss", reason: "action" };
const MISS_WHO: RuleOutcome = { kind: "miss", reason: "who" };
const MISS_TOPIC: RuleOutcome = { kind: "miss", reason: "topic", topics: undefined };
const MATCH: RuleOutcome = { kind: "match" };

/** Evaluates one rule; `trace` collects per-topic notes for `explain`. */
export function matchRule(
  rule: Rule,
  p: PreparedRequest,
  dialect: Dialect,
  opts: EngineOptions,
  trace = false,
): RuleOutcome {
  if (!matchAction(rule, p)) return MISS_ACTION;
  const who = matchCondition(rule.who, p, opts);
  if (who === 0) return MISS_WHO;
  let topicMatched = false;
  const notes: TopicNote[] | undefined = trace ? [] : undefined;
  const hardened = runsHardened(dialect, opts.securityProfile);
  if (rule.topics.kind === "all") topicMatched = true;
  else {
    for (const t of rule.topics.items) {
      const note: TopicNote | null = notes ? { pattern: t } : null;
      if (note) notes!.push(note);
      const m = matchPattern(t, p, dialect, hardened, note);
      if (m === true) {
        topicMatched = true;
        break;
      }
      if (m !== false) {
        // EMQX 4: an undefined %u/%c makes the rule not match; 5+: the error aborts
        if (capabilities(dialect).renderFailure === "no-match")
          return notes ? { kind: "miss", reason: "topic", topics: notes } : MISS_TOPIC;
        return { kind: "abort", reason: m.abort };
      }
    }
  }
  if (!topicMatched) return notes ? { kind: "miss", reason: "topic", topics: notes } : MISS_TOPIC;
  if (who === 2)
    return {
      kind: "unknown",
      reason: "the decision depends on a regular expression this tool cannot evaluate faithfully",
    };
  return MATCH;
}
