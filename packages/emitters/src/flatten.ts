/**
 * Rules → flat rows. Backends hold one condition conjunction and one topic per row
 * (spec backends.md §8.3): `'or'` and `ipaddrs` become consecutive rows, which keeps
 * every decision because the rows share permission, action and topics. A trailing rule
 * that matches every request becomes the `no_match` default instead of a row.
 */
import type { Cidr, Condition, Dialect, NameMatch, Permission, Qos, Rule, TopicPattern } from "@emqx-acl/core";
import { capabilities, isCatchAll } from "@emqx-acl/core";

/** One condition of a conjunction, after `'and'`/`'or'`/`ipaddrs` are flattened. */
export type Atom =
  | { kind: "username"; match: NameMatch }
  | { kind: "clientid"; match: NameMatch }
  | { kind: "ipaddr"; cidr: Cidr }
  | { kind: "client_attr"; name: string; match: NameMatch }
  | { kind: "zone"; match: NameMatch }
  | { kind: "listener"; match: NameMatch };

/** A conjunction of atoms; `[]` is true. */
export type Conjunct = Atom[];

/** The most conjuncts one rule may expand to before we refuse it. */
export const MAX_CONJUNCTS = 4096;

/** The node security profile rules are emitted for (EMQX 6 `legacy` default). */
export const SECURITY_PROFILE = "legacy";

/** Disjunctive normal form of a condition; null when it has more than MAX_CONJUNCTS terms. */
export function toDnf(cond: Condition): Conjunct[] | null {
  switch (cond.kind) {
    case "all":
      return [[]];
    case "username":
    case "clientid":
    case "zone":
    case "listener":
      return [[{ kind: cond.kind, match: cond.match }]];
    case "client_attr":
      return [[{ kind: "client_attr", name: cond.name, match: cond.match }]];
    case "ipaddr":
      return cond.cidrs.map((cidr) => [{ kind: "ipaddr", cidr }]);
    case "security_profile":
      return cond.profile === SECURITY_PROFILE ? [[]] : [];
    case "or": {
      const out: Conjunct[] = [];
      for (const item of cond.items) {
        const d = toDnf(item);
        if (d === null) return null;
        out.push(...d);
        if (out.length > MAX_CONJUNCTS) return null;
      }
      return out;
    }
    case "and": {
      let acc: Conjunct[] = [[]];
      for (const item of cond.items) {
        const d = toDnf(item);
        if (d === null) return null;
        const next: Conjunct[] = [];
        for (const a of acc) for (const b of d) next.push([...a, ...b]);
        if (next.length > MAX_CONJUNCTS) return null;
        acc = next;
      }
      return acc;
    }
  }
}

function atomKey(a: Atom): string {
  const m = "match" in a ? `${a.match.kind}:${a.match.kind === "exact" ? a.match.value : a.match.pattern}` : "";
  if (a.kind === "ipaddr") return `ipaddr:${a.cidr.family}:${a.cidr.network}:${a.cidr.mask}`;
  if (a.kind === "client_attr") return `client_attr:${a.name}:${m}`;
  return `${a.kind}:${m}`;
}

/**
 * Removes duplicate atoms; returns null when two exact values of the same name conflict
 * (the conjunction can never hold, so it needs no row).
 */
export function simplifyConjunct(conj: Conjunct): Conjunct | null {
  const seen = new Map<string, Atom>();
  const exact = new Map<string, string>();
  for (const a of conj) {
    const key = atomKey(a);
    if (seen.has(key)) continue;
    if ("match" in a && a.match.kind === "exact") {
      const slot = a.kind === "client_attr" ? `client_attr:${a.name}` : a.kind;
      const prev = exact.get(slot);
      if (prev !== undefined && prev !== a.match.value) return null;
      exact.set(slot, a.match.value);
    }
    seen.set(key, a);
  }
  return [...seen.values()];
}

/** DNF with simplified, satisfiable conjuncts (null when too large). */
export function whoConjuncts(rule: Rule): Conjunct[] | null {
  const dnf = toDnf(rule.who);
  if (dnf === null) return null;
  const out: Conjunct[] = [];
  for (const c of dnf) {
    const s = simplifyConjunct(c);
    if (s !== null) out.push(s);
  }
  return out;
}

const ALL_QOS: Qos[] = [0, 1, 2];

/** The distinct QoS levels of a rule, sorted. */
export function qosSet(rule: Rule): Qos[] {
  return ALL_QOS.filter((q) => rule.action.qos.includes(q));
}

export interface Split {
  /** Rules before the first catch-all. */
  body: Rule[];
  /** The first rule that matches every request, if any. */
  catchAll: Rule | null;
  /** Rules after it: never reached, so never emitted. */
  unreachable: Rule[];
}

/** Splits the rule list at its first catch-all rule. */
export function splitAtCatchAll(rules: readonly Rule[], dialect: Dialect): Split {
  const i = rules.findIndex((r) => isCatchAll(r, dialect));
  if (i < 0) return { body: [...rules], catchAll: null, unreachable: [] };
  return { body: rules.slice(0, i), catchAll: rules[i], unreachable: rules.slice(i + 1) };
}

/** One backend row: one conjunction, one topic. */
export interface FlatRow {
  rule: Rule;
  permission: Permission;
  conj: Conjunct;
  publish: boolean;
  subscribe: boolean;
  qos: Qos[];
  retain: "all" | boolean;
  topic: TopicPattern;
}

/** The row's action as the raw format spells it. */
export function rawAction(row: { publish: boolean; subscribe: boolean }): "publish" | "subscribe" | "all" {
  return row.publish && row.subscribe ? "all" : row.publish ? "publish" : "subscribe";
}

/**
 * The raw-format topic string (`eq ` prefix for literal topics), or an error when the
 * topic has no raw spelling (a v4 literal filter that itself starts with `eq `).
 */
export function rawTopic(t: TopicPattern): { ok: true; text: string } | { ok: false; reason: string } {
  if (t.kind === "eq") return { ok: true, text: `eq ${t.text}` };
  if (t.text.startsWith("eq ")) {
    return { ok: false, reason: `topic "${t.text}" starts with "eq ", which a backend row reads as an eq topic` };
  }
  return { ok: true, text: t.text };
}

/**
 * Why splitting this rule into one row per topic would change decisions, or null:
 * EMQX 6 aborts the whole rule when a placeholder value contains `+`, `#` or `/`
 * (topic_template_allow); EMQX 4 skips the whole rule when `%u` has no value.
 */
export function splitProblem(rule: Rule, target: Dialect): string | null {
  if (rule.topics.kind !== "list" || rule.topics.items.length < 2) return null;
  const items = rule.topics.items;
  if (capabilities(target).templateGuard && items.some((t) => t.kind === "text-template")) {
    return "EMQX 6 aborts the whole rule when a placeholder value contains '+', '#' or '/', so this multi-topic rule cannot become one row per topic";
  }
  const v4Optional = (t: (typeof items)[number]) =>
    t.kind === "level-template" && t.words.some((w) => typeof w !== "string" && w.placeholder !== "clientid");
  if (capabilities(target).placeholders === "percent" && items.some(v4Optional)) {
    return "EMQX 4 skips the whole rule when %u has no value (client without username), so this multi-topic rule cannot become one row per topic";
  }
  return null;
}
