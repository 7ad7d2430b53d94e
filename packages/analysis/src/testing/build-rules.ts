/**
 * Compact builders for hand-made rule-model objects (tests and benchmarks), so analysis
 * tests don't depend on the parser/lowering being finished.
 */
import {
  capabilities,
  parseCidr,
  type Action,
  type Cidr,
  type Condition,
  type Dialect,
  type Permission,
  type Qos,
  type Rule,
  type TopicPattern,
  type TopicSpec,
} from "@emqx-acl/core";

const S = { start: 0, end: 0 };

export type WhoSpec =
  | "all"
  | { user: string }
  | { client: string }
  | { userRe: string }
  | { clientRe: string }
  | { ip: string | string[] }
  | { attr: string; value: string }
  | { and: WhoSpec[] }
  | { or: WhoSpec[] };

/** Parses a CIDR text with core's EMQX-faithful parser (host bits cleared, the /48 quirk). */
export function cidr(text: string): Cidr {
  const r = parseCidr(text);
  if (!r.ok) throw new Error(r.message);
  return r.cidr;
}

export function who(w: WhoSpec): Condition {
  if (w === "all") return { kind: "all", ...S };
  if ("user" in w) return { kind: "username", match: { kind: "exact", value: w.user }, ...S };
  if ("client" in w) return { kind: "clientid", match: { kind: "exact", value: w.client }, ...S };
  if ("userRe" in w) return { kind: "username", match: { kind: "re", pattern: w.userRe }, ...S };
  if ("clientRe" in w) return { kind: "clientid", match: { kind: "re", pattern: w.clientRe }, ...S };
  if ("ip" in w) return { kind: "ipaddr", cidrs: (Array.isArray(w.ip) ? w.ip : [w.ip]).map(cidr), ...S };
  if ("attr" in w) return { kind: "client_attr", name: w.attr, match: { kind: "exact", value: w.value }, ...S };
  if ("and" in w) return { kind: "and", items: w.and.map(who), ...S };
  return { kind: "or", items: w.or.map(who), ...S };
}

export type ActionSpec =
  "publish" | "subscribe" | "all" | { action: "publish" | "subscribe" | "all"; qos?: Qos[]; retain?: boolean | "all" };

export function action(a: ActionSpec): Action {
  const o = typeof a === "string" ? { action: a } : a;
  return {
    publish: o.action !== "subscribe",
    subscribe: o.action !== "publish",
    qos: "qos" in o && o.qos ? o.qos : [0, 1, 2],
    retain: "retain" in o && o.retain !== undefined ? o.retain : "all",
    ...S,
  };
}

/** `"a/+"` filter, `"eq a/b"` eq, `${…}` (v5) or whole-level `%u`/`%c` (v4) templates. */
export function topic(t: string, dialect: Dialect): TopicPattern {
  if (t.startsWith("eq ")) return { kind: "eq", text: t.slice(3), words: t.slice(3).split("/"), ...S };
  if (capabilities(dialect).placeholders === "percent") {
    const words = t
      .split("/")
      .map((w) =>
        w === "%u" ? { placeholder: "username", raw: w } : w === "%c" ? { placeholder: "clientid", raw: w } : w,
      );
    if (words.some((w) => typeof w !== "string")) return { kind: "level-template", text: t, words, ...S };
    return { kind: "filter", text: t, words: t.split("/"), ...S };
  }
  const parts: (string | { placeholder: string; raw: string })[] = [];
  const re = /\$\{(username|clientid|cert_common_name|zone|client_attrs\.[A-Za-z0-9_]+)\}/g;
  let last = 0;
  for (let m = re.exec(t); m; m = re.exec(t)) {
    if (m.index > last) parts.push(t.slice(last, m.index));
    parts.push({ placeholder: m[1], raw: m[0] });
    last = m.index + m[0].length;
  }
  if (!parts.some((p) => typeof p !== "string")) return { kind: "filter", text: t, words: t.split("/"), ...S };
  if (last < t.length) parts.push(t.slice(last));
  return { kind: "text-template", text: t, parts, ...S };
}

/** One rule; `topics` = "all" for the topic-less forms. */
export function rule(
  index: number,
  permission: Permission,
  w: WhoSpec,
  a: ActionSpec,
  topics: string[] | "all",
  dialect: Dialect = "v5",
): Rule {
  const spec: TopicSpec =
    topics === "all" ? { kind: "all", ...S } : { kind: "list", items: topics.map((t) => topic(t, dialect)), ...S };
  return {
    index,
    permission,
    who: who(w),
    action: action(a),
    topics: spec,
    shorthand: false,
    start: index * 10,
    end: index * 10 + 5,
  };
}

/** Rules numbered from 1: `[perm, who, action, topics]` tuples. */
export function rules(dialect: Dialect, ...specs: [Permission, WhoSpec, ActionSpec, string[] | "all"][]): Rule[] {
  return specs.map(([p, w, a, t], i) => rule(i + 1, p, w, a, t, dialect));
}
