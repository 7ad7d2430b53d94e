/**
 * Proves `never: {action, topic: F, unless: W}` for every client: no request of that action
 * to a topic F matches, from a client W does not match, is allowed by the acl file.
 *
 * For each allow rule k that covers the action, the question "can rule k allow a request in
 * the region?" is asked of the exact reachability analysis on a rule list built for it:
 *   {deny, W, all, all}  {deny, all, <other action>, all}  rules 1..k-1 as written
 *   {allow, <k's who>, <k's action>, [<k's topics restricted to F>]}
 * The last rule is reachable exactly when some request in the region reaches rule k and k
 * matches it. A witness is only reported once the engine (compileDecider) confirms, on the
 * real file, that it is in the region, outside W, and allowed; anything the analysis cannot
 * decide exactly makes the verdict unknown, never proved.
 */
import { analyzeReachability, loadRuleSet } from "@emqx-acl/analysis";
import {
  capabilities,
  compileDecider,
  fromWire,
  toBytes,
  WIRE_DEFAULTS,
  words,
  type Decider,
  type Decision,
  type Request,
  type Rule,
  type RuleSet,
} from "@emqx-acl/core";
import { unlessTerm, type Property } from "./property-spec";
import { meetRuleTopics } from "./topic-meet";
import { erlStringLiteral } from "@emqx-acl/syntax";

export type PropertyVerdict =
  | { status: "proved" }
  /**
   * `decision`: what the acl file decides for the witness: an allow by some rule, or (with
   * `noMatch: "allow"`) nomatch, which the no_match setting then allows.
   */
  | { status: "violated"; witness: Request; decision: Decision }
  | { status: "unknown"; reason: string };

/** How the rules are used: as one acl file, or as the only rules of a chain. */
export interface ProveOptions {
  /** What a request no rule decides gets: `deny` (default: such a request breaks nothing) or `allow` (a chain's no_match). */
  noMatch?: "allow" | "deny";
  /** A further check every witness must pass (the chain's own decision). */
  confirm?: (q: Request) => boolean;
}

/** Work budget of one reachability question (steps; see ReachabilityOptions.budget). */
const BUDGET = 5_000_000;

/** Decider of a few synthetic rules, or null when they do not load. */
function deciderOf(text: string, rs: RuleSet, profile: "legacy" | "hardened"): Decider | null {
  const loaded = loadRuleSet(text, { dialect: rs.dialect }).lowered.ruleSet;
  return loaded.loadError ? null : compileDecider(loaded, { securityProfile: profile });
}

/** `who` restricted to clients that have the attribute (`{re, ""}` matches any value it has). */
function withAttribute(who: string, attribute: string): string {
  return `{'and', [${who}, {client_attr, ${erlStringLiteral(attribute)}, {re, ""}}]}`;
}

/** Rule k's who and action as written (`{allow, all}`: all, and every action); null when not expressible. */
function whoAndAction(k: Rule, text: string, anyAction: string): [string, string] | null {
  if (!k.shorthand) return [text.slice(k.who.start, k.who.end), text.slice(k.action.start, k.action.end)];
  if (k.who.kind === "all") return ["all", anyAction];
  return k.who.start > k.start ? [text.slice(k.who.start, k.who.end), anyAction] : null;
}

interface Checks {
  engine: Decider;
  region: Decider;
  unless: Decider | null;
  /** Tenant isolation: allows the client's own tree (a witness must be outside it). */
  own: Decider | null;
  options: ProveOptions;
}

/** Is `q` a confirmed counterexample: in the region, outside `unless`, allowed by the file? */
function confirms(q: Request, p: Property, c: Checks): Decision | null {
  if (q.action !== p.action || c.region.decide(q).decision !== "allow") return null;
  if (c.unless && c.unless.decide(q).decision !== "nomatch") return null;
  if (p.own && (!Object.hasOwn(q.client_attrs, p.own.attribute) || c.own!.decide(q).decision === "allow")) return null;
  const d = c.engine.decide(q);
  const allowed = d.decision === "allow" || (d.decision === "nomatch" && c.options.noMatch === "allow");
  return allowed && (c.options.confirm?.(q) ?? true) ? d : null;
}

/** The verdict of one property over the acl file's rules (`text`: the file's text). */
export function proveProperty(
  p: Property,
  rs: RuleSet,
  text: string,
  profile: "legacy" | "hardened",
  options: ProveOptions = {},
): PropertyVerdict {
  const caps = capabilities(rs.dialect);
  // every action and every topic in the version's words: EMQX 4 has no `all` topic list,
  // and its `#` matches every topic, `$`-topics too
  const anyAction = caps.bothAction;
  const anyTopic = caps.topicsAll ? "all" : '["#"]';
  const unlessWho = p.unless === null ? null : unlessTerm(p.unless, rs.dialect);
  if (unlessWho !== null && typeof unlessWho !== "string")
    return { status: "unknown", reason: `its unless cannot be written for this version: ${unlessWho.refused}` };
  if (p.own && !caps.clientAttrs)
    return { status: "unknown", reason: `${caps.name} has no client attributes (tenant isolation needs them)` };
  const ownTopics = p.own ? erlStringLiteral(p.own.topics) : null;
  const own = ownTopics === null ? null : deciderOf(`{allow, all, ${anyAction}, [${ownTopics}]}.`, rs, profile);
  if (ownTopics !== null && !own)
    return { status: "unknown", reason: "the tenant's own topics are not something EMQX would load" };
  const other = p.action === "publish" ? "subscribe" : "publish";
  const region = deciderOf(`{allow, all, ${p.action}, [${erlStringLiteral(p.topic)}]}.`, rs, profile);
  const unless =
    unlessWho === null ? null : deciderOf(`{allow, ${unlessWho}, ${anyAction}, ${anyTopic}}.`, rs, profile);
  if (!region || (unlessWho !== null && !unless))
    return { status: "unknown", reason: "the property's topic or unless is not something EMQX would load" };
  const checks: Checks = { engine: compileDecider(rs, { securityProfile: profile }), region, unless, own, options };
  const blank: Request = {
    ...WIRE_DEFAULTS,
    action: p.action,
    topic: "",
  };
  const inRegion = (topic: string) => region.decide({ ...blank, topic }).decision === "allow";
  // a client's own tree is left out; one without the attribute cannot render it (5+: the
  // rule aborts the request), so only clients with the attribute go on
  const prefix = [
    ...(unlessWho === null ? [] : [`{deny, ${unlessWho}, ${anyAction}, ${anyTopic}}.`]),
    ...(ownTopics === null ? [] : [`{deny, all, ${anyAction}, [${ownTopics}]}.`]),
    `{deny, all, ${other}, ${anyTopic}}.`,
  ];
  const f = words(toBytes(p.topic));
  const unknown: string[] = [];
  for (let pos = 0; pos < rs.rules.length; pos++) {
    const k = rs.rules[pos];
    if (k.permission !== "allow" || !(p.action === "publish" ? k.action.publish : k.action.subscribe)) continue;
    const meet = meetRuleTopics(k, f, text, inRegion, caps.dollarGuard);
    const parts = whoAndAction(k, text, anyAction);
    if (parts === null) {
      unknown.push(`rule ${k.index}: its condition cannot be restated`);
      continue;
    }
    if (meet.items.length === 0) continue;
    const earlier = rs.rules.slice(0, pos).map((r) => `${text.slice(r.start, r.end)}.`);
    // tenant isolation is about clients with the attribute: rule k is asked for those only
    const who = p.own ? withAttribute(parts[0], p.own.attribute) : parts[0];
    const probe = [...prefix, ...earlier, `{allow, ${who}, ${parts[1]}, [${meet.items.join(", ")}]}.`].join("\n");
    const v = askReachable(probe, rs.dialect, profile, p, checks);
    if (typeof v === "string") unknown.push(`rule ${k.index}: ${v}${meet.approximate ? ` (${meet.approximate})` : ""}`);
    else if (v !== null) return { status: "violated", ...v };
  }
  if (options.noMatch === "allow") {
    // no_match allows what no rule decides: is some request of the region left undecided?
    const everyone = p.own ? withAttribute("all", p.own.attribute) : "all";
    const all = rs.rules.map((r) => `${text.slice(r.start, r.end)}.`);
    const probe = [...prefix, ...all, `{allow, ${everyone}, ${p.action}, [${erlStringLiteral(p.topic)}]}.`].join("\n");
    const v = askReachable(probe, rs.dialect, profile, p, checks);
    if (typeof v === "string") unknown.push(`requests no rule decides (no_match = allow): ${v}`);
    else if (v !== null) return { status: "violated", ...v };
  }
  return unknown.length ? { status: "unknown", reason: unknown.join("; ") } : { status: "proved" };
}

/** Is the probe's last rule reachable? null: no; a confirmed witness; or why it is not known. */
function askReachable(
  probe: string,
  dialect: RuleSet["dialect"],
  profile: "legacy" | "hardened",
  p: Property,
  checks: Checks,
): { witness: Request; decision: Decision } | string | null {
  const rules = loadRuleSet(probe, { dialect }).lowered.ruleSet;
  if (rules.loadError) return `its restriction to the property's region does not load (${rules.loadError.message})`;
  const last = analyzeReachability(rules.rules, { dialect, profile, coverage: false, budget: BUDGET }).at(-1)!;
  if (last.status === "unreachable") return null;
  if (last.status === "unknown") return last.reason;
  const witness = fromWire(last.witness);
  const decision = confirms(witness, p, checks);
  return decision ? { witness, decision } : "the analysis found a request the engine does not confirm";
}
