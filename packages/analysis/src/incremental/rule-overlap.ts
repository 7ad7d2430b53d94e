/**
 * A cheap static test whether two rules may both match one request: they share an
 * action (and a QoS and retain flag), their who-conditions may hold for one client, and
 * their topics may meet (`mayOverlap`, the test the exact analysis prunes with). It may
 * answer true for rules that never meet, never false for rules that do: the incremental
 * lint relies on it to know which rules an edit cannot affect.
 */
import type { Action, Cidr, Condition, NameMatch, PlaceholderRef, Rule, TopicPattern } from "@emqx-acl/core";
import { shapesMeet, topicShapes, type TopicShapes } from "../reachability/cover";

/** May some request be matched by both rules? (An over-approximation.) */
export function mayShareRequest(a: Rule, b: Rule): boolean {
  return actionsMeet(a.action, b.action) && whoMeet(a.who, b.who) && shapesMeet(shapesOf(a), shapesOf(b));
}

/** Each rule's topic shapes, computed once (a keystroke compares the edit with every rule). */
const shapesCache = new WeakMap<Rule, TopicShapes>();

export function shapesOf(r: Rule): TopicShapes {
  let s = shapesCache.get(r);
  if (s === undefined) shapesCache.set(r, (s = topicShapes(rendered(r))));
  return s;
}

const renderedCache = new WeakMap<Rule, Rule>();

/**
 * The rule with the placeholders its who-condition pins already rendered: a rule for
 * `{username, "u1"}` only matches requests whose ${username} is "u1", so its
 * "users/${username}/#" meets only what "users/u1/#" meets (as a placeholder it would meet
 * "+/status" and most other rules of a fleet file). Values holding "/", "+" or "#" stay
 * placeholders (they render as several levels or wildcards).
 */
export function rendered(rule: Rule): Rule {
  let r = renderedCache.get(rule);
  if (r) return r;
  const pins = new Map<string, string>();
  pinned(rule.who, pins);
  r = rule;
  if (pins.size && rule.topics.kind === "list") {
    const items = rule.topics.items.map((t) => renderPins(t, pins));
    if (items.some((t, i) => t !== (rule.topics as { items: TopicPattern[] }).items[i]))
      r = { ...rule, topics: { ...rule.topics, items } };
  }
  renderedCache.set(rule, r);
  return r;
}

/** Exact usernames and client ids every request the condition holds for has. */
function pinned(c: Condition, out: Map<string, string>): void {
  if (c.kind === "and") for (const x of c.items) pinned(x, out);
  else if (
    (c.kind === "username" || c.kind === "clientid") &&
    c.match.kind === "exact" &&
    /^[^/+#]+$/.test(c.match.value)
  )
    out.set(c.kind, c.match.value);
}

function renderPins(t: TopicPattern, pins: Map<string, string>): TopicPattern {
  const value = (w: string | PlaceholderRef): string | PlaceholderRef =>
    typeof w === "string" ? w : (pins.get(w.placeholder) ?? w);
  if (t.kind === "level-template") {
    const words = t.words.map(value);
    return words.some((w, i) => w !== t.words[i]) ? { ...t, words } : t;
  }
  if (t.kind === "text-template") {
    const parts = t.parts.map(value);
    return parts.some((w, i) => w !== t.parts[i]) ? { ...t, parts } : t;
  }
  return t;
}

export function actionsMeet(a: Action, b: Action): boolean {
  let qos = false;
  for (const q of a.qos) if (b.qos.includes(q)) qos = true;
  if (!qos) return false;
  if (a.subscribe && b.subscribe) return true;
  return a.publish && b.publish && (a.retain === "all" || b.retain === "all" || a.retain === b.retain);
}

/** May one client satisfy both conditions? Exact on leaves of one dimension, over-approximate through `and`. */
export function whoMeet(a: Condition, b: Condition): boolean {
  if (a.kind === "or") return a.items.some((x) => whoMeet(x, b));
  if (b.kind === "or") return b.items.some((y) => whoMeet(a, y));
  // every part of an 'and' must meet the other side (necessary, so still an over-approximation)
  if (a.kind === "and") return a.items.every((x) => whoMeet(x, b));
  if (b.kind === "and") return b.items.every((y) => whoMeet(a, y));
  if (a.kind === "all" || b.kind === "all") return true;
  switch (a.kind) {
    case "username":
    case "clientid":
    case "zone":
    case "listener":
      return b.kind !== a.kind || namesMeet(a.match, b.match);
    case "client_attr":
      return b.kind !== "client_attr" || b.name !== a.name || namesMeet(a.match, b.match);
    case "ipaddr":
      return b.kind !== "ipaddr" || a.cidrs.some((x) => b.cidrs.some((y) => cidrsMeet(x, y)));
    case "security_profile":
      return b.kind !== "security_profile" || a.profile === b.profile;
  }
}

/** Exact values must be equal; a regex may match anything (not worth deciding here). */
function namesMeet(a: NameMatch, b: NameMatch): boolean {
  return a.kind !== "exact" || b.kind !== "exact" || a.value === b.value;
}

/** Two networks share an address when they agree on the bits both masks fix. */
function cidrsMeet(x: Cidr, y: Cidr): boolean {
  if (x.family !== y.family) return true; // mapped addresses: not worth deciding here
  const m = x.mask & y.mask;
  return (x.network & m) === (y.network & m);
}
