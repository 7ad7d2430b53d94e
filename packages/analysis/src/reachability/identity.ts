/**
 * The "who" dimensions of a request (username, client id, peer address, zone, listener,
 * certificate CN, client attributes), each split into finitely many classes such that
 * every condition of the rule set is constant on a class. Literal values are singleton
 * classes; the remaining values are grouped by their regex memberships; CIDRs split the
 * address space into elementary intervals.
 */
import {
  capabilities,
  prefixRange,
  WIRE_DEFAULTS,
  type Cidr,
  type Condition,
  type Dialect,
  type NameMatch,
  type Rule,
  type TopicPattern,
} from "@emqx-acl/core";
import { regexClasses } from "./regex-classes";

export interface IdentityClass {
  /** A concrete member (byte string / IP text), or null for "absent" (no username, no peer, ...). */
  value: string | null;
  /** Singleton class: exactly this value. */
  literal: boolean;
}

export interface Dimension {
  key: string;
  /** Peer dimension: class starts per family, ascending, as [value, class index]. */
  starts?: { 4: [bigint, number][]; 6: [bigint, number][] };
  classes: IdentityClass[];
  /** literal value → class index */
  byValue: Map<string, number>;
  nullClass: number | null;
  /** Some regex class may be missing (a regex without DFA: its classes are sampled). */
  incomplete: boolean;
  /** Regexes that cannot be decided at all (no DFA, and the backtracking matcher cannot follow them). */
  badRegex: Set<string>;
  /** regex pattern → every class it matches (exact unless `incomplete`; shared by cubes: never mutate). */
  regexClasses?: Map<string, Set<number>>;
}

/** Request field a dimension maps to. */
export function dimOfCondition(c: Condition): string | null {
  switch (c.kind) {
    case "username":
    case "clientid":
    case "zone":
    case "listener":
      return c.kind;
    case "client_attr":
      return `attr:${c.name}`;
    case "ipaddr":
      return "peer";
    default:
      return null;
  }
}

/** Dimension a placeholder reads, or null for one no request carries (always undefined). */
export function dimOfPlaceholder(name: string, dialect: Dialect): string | null {
  if (name === "username" || name === "clientid" || name === "zone") return name;
  const caps = capabilities(dialect);
  // EMQX 4 requests carry no certificate CN (its %cna stays literal: see core's lower-topic.ts)
  const percent = caps.placeholders === "percent";
  if (name === "cert_common_name" || (percent && name === "cna")) return percent ? null : "cert_common_name";
  if (name.startsWith("client_attrs.") && caps.clientAttrs) return `attr:${name.slice(13)}`;
  // only through an undone `${$}{listener}` escape (see core's emqx-template.ts)
  if (name === "listener" && !percent) return "listener";
  return null;
}

const NULLABLE = (k: string) => k === "username" || k === "cert_common_name" || k === "peer" || k.startsWith("attr:");

interface Collected {
  /** Literal values per dimension, in file order, repeats included (the dimension dedupes). */
  literals: Map<string, string[]>;
  regexes: Map<string, Set<string>>;
  cidrs: Cidr[];
  templateDims: Set<string>;
  words: Set<string>;
  partials: { dim: string; pre: string; post: string }[];
}

function visitCondition(c: Condition, col: Collected): void {
  if (c.kind === "and" || c.kind === "or") return c.items.forEach((x) => visitCondition(x, col));
  if (c.kind === "ipaddr") return void col.cidrs.push(...c.cidrs);
  const dim = dimOfCondition(c);
  if (!dim || !("match" in c)) return;
  addMatch(col, dim, c.match);
}

function addMatch(col: Collected, dim: string, m: NameMatch): void {
  if (m.kind === "exact") {
    const list = col.literals.get(dim);
    if (list) list.push(m.value);
    else col.literals.set(dim, [m.value]);
    return;
  }
  let set = col.regexes.get(dim);
  if (!set) col.regexes.set(dim, (set = new Set()));
  set.add(m.pattern);
}

function visitTopic(t: TopicPattern, dialect: Dialect, col: Collected): void {
  if (t.kind === "eq" || t.kind === "filter") return t.words.forEach((w) => col.words.add(w));
  if (t.kind === "level-template") {
    for (const w of t.words) {
      if (typeof w === "string") col.words.add(w);
      else {
        const d = dimOfPlaceholder(w.placeholder, dialect);
        if (d) col.templateDims.add(d);
      }
    }
    return;
  }
  t.parts.forEach((p, i) => {
    if (typeof p === "string") {
      for (const w of p.split("/")) col.words.add(w);
      return;
    }
    const d = dimOfPlaceholder(p.placeholder, dialect);
    if (!d) return;
    col.templateDims.add(d);
    const before = t.parts[i - 1];
    const after = t.parts[i + 1];
    const pre = typeof before === "string" ? before.slice(before.lastIndexOf("/") + 1) : "";
    const post = typeof after === "string" ? after.split("/")[0] : "";
    if (pre || post) col.partials.push({ dim: d, pre, post });
  });
}

function collect(rules: Rule[], dialect: Dialect): Collected {
  const col: Collected = {
    literals: new Map(),
    regexes: new Map(),
    cidrs: [],
    templateDims: new Set(),
    words: new Set(),
    partials: [],
  };
  for (const r of rules) {
    visitCondition(r.who, col);
    if (r.topics.kind === "list") r.topics.items.forEach((t) => visitTopic(t, dialect, col));
  }
  return col;
}

/** A value no rule mentions, to stand for "any other" value of a dimension. */
function freshValue(base: string, taken: (v: string) => boolean): string {
  for (let i = 0; ; i++) {
    const v = i === 0 ? base : `${base}${i}`;
    if (!taken(v)) return v;
  }
}

/**
 * Values a partial template (`pre${x}post` inside a level) must distinguish: every word
 * that fits, minus `pre` and `post`. Each distinct (pre, post) once, and only the words in
 * `pre`'s range of the sorted word list (thousands of rules repeat one template).
 */
function partialValues(col: Collected, key: string, add: (v: string) => void): void {
  const done = new Set<string>();
  let sorted: string[] | null = null;
  for (const p of col.partials) {
    const k = `${p.pre}\u0100${p.post}`;
    if (p.dim !== key || done.has(k)) continue;
    done.add(k);
    sorted ??= [...col.words].sort();
    const [lo, hi] = prefixRange(sorted, p.pre);
    for (let i = lo; i < hi; i++) {
      const w = sorted[i];
      if (w.length >= p.pre.length + p.post.length && w.endsWith(p.post))
        add(w.slice(p.pre.length, w.length - p.post.length));
    }
  }
}

const FRESH_BASE: Record<string, string> = {
  username: "user-x",
  clientid: "client-x",
  zone: WIRE_DEFAULTS.zone,
  listener: WIRE_DEFAULTS.listener,
  cert_common_name: "cn-x",
};

function nameDimension(key: string, col: Collected): Dimension {
  const dim: Dimension = {
    key,
    classes: [],
    byValue: new Map(),
    nullClass: null,
    incomplete: false,
    badRegex: new Set(),
  };
  if (NULLABLE(key)) {
    dim.nullClass = 0;
    dim.classes.push({ value: null, literal: true });
  }
  // literal classes straight into byValue (no intermediate sets: 100k+ values at scale)
  const add = (v: string): void => {
    if (dim.byValue.has(v)) return;
    dim.byValue.set(v, dim.classes.length);
    dim.classes.push({ value: v, literal: true });
  };
  for (const v of col.literals.get(key) ?? []) add(v);
  if (col.templateDims.has(key)) {
    for (const w of col.words) add(w);
    for (const s of ["+", "#", "", "a/b", "undefined"]) add(s);
    partialValues(col, key, add);
  }
  const fresh = freshValue(FRESH_BASE[key] ?? "attr-x", (v) => dim.byValue.has(v) || col.words.has(v));
  // a value rendered at the start of a topic that begins with `$` makes a `$` topic, which
  // no wildcard first level matches: `{deny, all, all, ["#"]}` leaves `${username}/#`
  // reachable by username "$SYS" (any other value of its kind stands for it)
  if (col.templateDims.has(key))
    add(freshValue(`$${FRESH_BASE[key] ?? "attr-x"}`, (v) => dim.byValue.has(v) || col.words.has(v)));
  const patterns = [...(col.regexes.get(key) ?? [])];
  if (patterns.length === 0) {
    dim.classes.push({ value: fresh, literal: false });
    return dim;
  }
  const base = dim.nullClass === null ? 0 : 1;
  const values = dim.classes.slice(base).map((c) => c.value!);
  const rc = regexClasses(patterns, { values, base, taken: (v) => dim.byValue.has(v), fresh });
  for (const v of rc.atoms) dim.classes.push({ value: v, literal: false });
  dim.regexClasses = rc.members;
  dim.badRegex = rc.bad;
  dim.incomplete = rc.incomplete;
  return dim;
}

/** Builds every dimension the rule set can distinguish. */
export function buildDimensions(rules: Rule[], dialect: Dialect): Map<string, Dimension> {
  const col = collect(rules, dialect);
  const keys = new Set<string>([...col.literals.keys(), ...col.regexes.keys(), ...col.templateDims]);
  const dims = new Map<string, Dimension>();
  for (const k of keys) if (k !== "peer") dims.set(k, nameDimension(k, col));
  if (col.cidrs.length) dims.set("peer", peerDimension(col.cidrs));
  return dims;
}

const FULL4 = (1n << 32n) - 1n;
const FULL6 = (1n << 128n) - 1n;

function cidrRange(c: Cidr): [bigint, bigint] {
  const full = c.family === 4 ? FULL4 : FULL6;
  const lo = c.network & c.mask;
  return [lo, lo | (full & ~c.mask)];
}

function isPrefixMask(c: Cidr): boolean {
  const full = c.family === 4 ? FULL4 : FULL6;
  const inv = full & ~c.mask;
  return (inv & (inv + 1n)) === 0n;
}

function peerDimension(cidrs: Cidr[]): Dimension {
  const dim: Dimension = {
    key: "peer",
    classes: [{ value: null, literal: true }],
    byValue: new Map(),
    nullClass: 0,
    incomplete: false,
    badRegex: new Set(),
  };
  for (const fam of [4, 6] as const) {
    const starts = new Set<bigint>([0n]);
    const full = fam === 4 ? FULL4 : FULL6;
    for (const c of cidrs.filter((x) => x.family === fam)) {
      if (!isPrefixMask(c)) dim.incomplete = true;
      const [lo, hi] = cidrRange(c);
      starts.add(lo);
      if (hi < full) starts.add(hi + 1n);
    }
    const list: [bigint, number][] = [];
    for (const s of [...starts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))) {
      list.push([s, dim.classes.length]);
      dim.classes.push({ value: ipText(fam, s), literal: false });
    }
    (dim.starts ??= { 4: [], 6: [] })[fam] = list;
  }
  return dim;
}

/** IP text for a numeric address. */
export function ipText(family: 4 | 6, v: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((s) => ((v >> s) & 255n).toString()).join(".");
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((v >> BigInt(i * 16)) & 0xffffn).toString(16));
  return groups.join(":");
}

/** Peer classes inside a prefix CIDR (binary search over class starts), or null for a non-prefix mask. */
export function classesInCidr(dim: Dimension, c: Cidr): number[] | null {
  if (!dim.starts || !isPrefixMask(c)) return null;
  const list = dim.starts[c.family];
  const [lo, hi] = cidrRange(c);
  let a = 0;
  let b = list.length;
  while (a < b) {
    const m = (a + b) >> 1;
    if (list[m][0] < lo) a = m + 1;
    else b = m;
  }
  const out: number[] = [];
  for (let i = a; i < list.length && list[i][0] <= hi; i++) out.push(list[i][1]);
  return out;
}
