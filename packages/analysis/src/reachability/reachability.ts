/**
 * Exact first-match reachability (Batfish filterLineReachability carried over to EMQX):
 * the identity space is partitioned into boxes on which every condition is constant;
 * inside a box (and a concrete value for each dimension a topic template reads), the
 * not-yet-matched topics of each action atom are a word trie from which every rule's
 * filters are subtracted in file order. A rule is reachable iff one of its filters meets
 * the remainder somewhere; the meeting point is its witness.
 */
import { throwIfCancelled, type CancelToken } from "../lint/cancel";
import {
  capabilities,
  compileDecider,
  WIRE_DEFAULTS,
  type Decider,
  type Dialect,
  type Request,
  type Rule,
  type WireRequest,
} from "@emqx-acl/core";
import { actionAtoms, type ActionAtom } from "./actions";
import { buildDimensions, type Dimension } from "./identity";
import { conditionCubes, Partition, type Box, type Cube } from "./partition";
import { rulePatterns, templateDims, type Identity, type RulePatterns } from "./patterns";
import {
  anyMember,
  EMPTY,
  findWitness,
  FRESH,
  FRESH_DOLLAR,
  isInvalidWord,
  rootDomain,
  subtract,
  type DomainWords,
  type TopicNode,
} from "./topic-tree";
import { containedCover, findCover, minimalCover } from "./cover";
import { cubeBox, CubeIndex, lazyCovered, lazyWitness, localCells, tryBox } from "./lazy";
import { probeWitness } from "./probe";
import { relevantValues, specialKind } from "./relevance";
import { sendableTopic } from "./domain";

export type ReachabilityResult =
  /** `note` is set when the witness holds bytes that are not UTF-8 (its wire text is lossy). */
  | { rule: number; status: "reachable"; witness: WireRequest; note?: string }
  /** `coveredBy` empty: the rule matches no request at all (`reason` says why). */
  | { rule: number; status: "unreachable"; coveredBy: number[]; reason?: string }
  /** `notAnalysed`: the work budget ran out before the rule was analysed. */
  | { rule: number; status: "unknown"; reason: string; notAnalysed?: true };

export interface ReachabilityOptions {
  dialect: Dialect;
  /** Node security profile (v6); `legacy` by default. */
  profile?: "legacy" | "hardened";
  /** Compute `coveredBy` for unreachable rules (default true). */
  coverage?: boolean;
  /**
   * Work budget in steps (one step ≈ one earlier rule tried at one identity point); when
   * it runs out, the rules not yet analysed are reported `unknown` with `notAnalysed`.
   * Unlimited by default. Deterministic, so the CLI and the editor agree.
   */
  budget?: number;
  /** Called with (rules analysed, total) every few rules (for progress reports). */
  onProgress?: (done: number, total: number) => void;
  /** The space of these very rules, dialect and profile, when already built (lint shares one). */
  shared?: IndexedSpace;
  /** Stops the analysis (`AnalysisCancelled`) once cancelled (a shared space brings its own). */
  cancel?: CancelToken;
}

/** Thrown inside a rule's analysis when the work budget is spent. */
export class BudgetExceeded extends Error {}

/** Work steps spent and allowed (deterministic, so the CLI and the editor agree). */
export interface WorkMeter {
  steps: number;
  budget: number;
}

/** A space with its rule index, built once and shared by lint's exact checks (most of their cost on large files). */
export interface IndexedSpace {
  space: Space;
  idx: CubeIndex;
  /** The allow rules and the deny rules indexed apart (built on first use). */
  byPermission?: Record<"allow" | "deny", CubeIndex>;
}

/** The index of the rules of one permission (conflicts and redundancy look for the opposite one). */
export function permissionIndex(shared: IndexedSpace, p: "allow" | "deny"): CubeIndex {
  const { space } = shared;
  shared.byPermission ??= {
    allow: new CubeIndex(space, (j) => space.rules[j].permission === "allow"),
    deny: new CubeIndex(space, (j) => space.rules[j].permission === "deny"),
  };
  return shared.byPermission[p];
}

/** Builds the space and index of a rule list. */
export function indexedSpace(rules: Rule[], dialect: Dialect, profile: "legacy" | "hardened" = "legacy"): IndexedSpace {
  const space = new Space(rules, dialect, profile);
  return { space, idx: new CubeIndex(space) };
}

/** Reason given for rules the budget left unanalysed. */
export const NOT_ANALYSED =
  "not analysed: the work budget ran out before this rule (`emqx-acl analyze` gives the exact answer)";

/** Largest global partition built (the semantic diff and the test references need one). */
export const GLOBAL_BOX_LIMIT = 20_000;

/** One identity point inside a box: concrete class per dimension. */
export interface Point {
  box: Box;
  classes: Map<string, number>;
  id: Identity;
}

/** Shared state of one analysis run (also used by the cover search and the diff). */
export class Space {
  readonly dims: Map<string, Dimension>;
  readonly atoms: ActionAtom[];
  readonly atomsOf: (r: Rule) => number[];
  /** Who-condition of every rule as a union of cubes. */
  readonly cubes: Cube[][] = [];
  private global: { partition: Partition; boxRules: Map<number, number[]>; ruleBoxes: number[][] } | null = null;
  readonly inexact: (string | undefined)[];
  readonly words = new Set<string>();
  readonly domainWords: DomainWords;
  readonly guard: boolean;
  private readonly tdims: (readonly string[])[];
  /**
   * Rules proven unreachable by the last reachability run (1): they never decide anything,
   * so every later lookup skips them (exact, and what keeps files full of duplicates linear).
   */
  readonly dead: Uint8Array;
  /** Dead rule → the live rules of its cover (a rule it may outlive when one of them is removed). */
  readonly deadCover = new Map<number, number[]>();
  /** The rule indexes built on this space (they drop dead rules from their lists). */
  readonly indexes: CubeIndex[] = [];

  /** Marks rule j unreachable (or, `alive`, live again) in every index. */
  setDead(j: number, dead: boolean): void {
    this.dead[j] = dead ? 1 : 0;
    for (const x of this.indexes)
      if (dead) x.noteDead(j);
      else x.revive(j);
  }
  /**
   * Steps spent and allowed by the check running on this space (see
   * `ReachabilityOptions.budget`); checks sharing the space each bring their own meter.
   */
  meter: WorkMeter = { steps: 0, budget: Infinity };

  /** Set by lint in the language server's worker: a stale version's analysis stops. */
  cancel: CancelToken | undefined;
  private polls = 0;

  /** Counts work; throws `BudgetExceeded` past the budget, `AnalysisCancelled` once cancelled. */
  spend(n: number): void {
    const m = this.meter;
    m.steps += n;
    if (m.steps > m.budget) throw new BudgetExceeded();
    if (this.cancel && (++this.polls & 63) === 0) throwIfCancelled(this.cancel);
  }

  constructor(
    readonly rules: Rule[],
    readonly dialect: Dialect,
    readonly profile: "legacy" | "hardened",
  ) {
    const all = rules;
    this.dims = buildDimensions(all, dialect);
    this.guard = capabilities(dialect).dollarGuard;
    ({ atoms: this.atoms, ofRule: this.atomsOf } = actionAtoms(all));
    for (const r of all)
      if (r.topics.kind === "list")
        for (const t of r.topics.items)
          if ("words" in t) for (const w of t.words) if (typeof w === "string") this.words.add(w);
    this.domainWords = { invalid: [...this.words].filter(isInvalidWord) };
    const ctx = { dims: this.dims, profile, inexact: undefined as string | undefined };
    this.inexact = [];
    for (const r of all) {
      this.cubes.push(conditionCubes(r.who, ctx));
      this.inexact.push(ctx.inexact ?? this.dimInexact(r));
      ctx.inexact = undefined;
    }
    this.tdims = all.map((r) => templateDims(r, dialect));
    this.dead = new Uint8Array(all.length);
    // filled, not grown at random positions (a sparse array falls back to a slow dictionary)
    this.fixedPatterns = new Array<RulePatterns | undefined>(all.length).fill(undefined);
    this.atomLists = all.map((r) => this.atomsOf(r));
    this.atomMasks = new Int32Array(all.length);
    for (let i = 0; i < all.length; i++) for (const a of this.atomLists[i]) this.atomMasks[i] |= 1 << a;
  }

  /** Each rule's action atoms, by position (the lists `atomsOf` shares), and as bit sets. */
  private readonly atomLists: number[][];
  private readonly atomMasks: Int32Array;

  /** The action atoms rule i accepts (as `atomsOf(rules[i])`, without a lookup). */
  atomsAt(i: number): number[] {
    return this.atomLists[i];
  }

  /** Do rules i and j accept a common action atom? */
  shareAtom(i: number, j: number): boolean {
    return (this.atomMasks[i] & this.atomMasks[j]) !== 0;
  }

  /** Does rule i accept atom a? */
  hasAtom(i: number, a: number): boolean {
    return ((this.atomMasks[i] >> a) & 1) === 1;
  }

  /** The global partition of the identity space (built on first use: it can be large). */
  get partition(): Partition {
    return this.buildGlobal().partition;
  }

  get boxRules(): Map<number, number[]> {
    return this.buildGlobal().boxRules;
  }

  get ruleBoxes(): number[][] {
    return this.buildGlobal().ruleBoxes;
  }

  private buildGlobal() {
    if (this.global) return this.global;
    const partition = new Partition(this.dims);
    partition.limit = GLOBAL_BOX_LIMIT;
    const distinct = new Map<string, Cube>();
    for (const cs of this.cubes) for (const c of cs) distinct.set(cubeKey(c), c);
    for (const c of distinct.values()) partition.refine(c);
    const boxRules = new Map<number, number[]>();
    const ruleBoxes = this.cubes.map((cs, i) => {
      const ids = new Set<number>();
      for (const c of cs) for (const b of partition.candidates(c)) ids.add(b.id);
      for (const id of ids) {
        let l = boxRules.get(id);
        if (!l) boxRules.set(id, (l = []));
        l.push(i);
      }
      return [...ids];
    });
    this.global = { partition, boxRules, ruleBoxes };
    return this.global;
  }

  private dimInexact(r: Rule): string | undefined {
    const keys = new Set<string>();
    const visit = (c: Rule["who"]): void => {
      if (c.kind === "and" || c.kind === "or") c.items.forEach(visit);
      else if ("match" in c && c.match.kind === "re") keys.add(c.kind === "client_attr" ? `attr:${c.name}` : c.kind);
      else if (c.kind === "ipaddr") keys.add("peer");
    };
    visit(r.who);
    for (const k of keys)
      if (this.dims.get(k)?.incomplete)
        // an attribute name is bytes: shown as the text it is (`attr:ü`, not `attr:Ã¼`)
        return `classes of ${utf8(k)} are not provably complete (regex / non-prefix mask)`;
    return undefined;
  }

  /** The dimensions rule i's topic templates read. */
  templateDimsOf(i: number): readonly string[] {
    return this.tdims[i];
  }

  /** Does rule i's topic test read the identity (templates)? */
  readsIdentity(i: number): boolean {
    return this.tdims[i].length > 0;
  }

  /** The identity points of a box worth distinguishing for the given rules' templates. */
  points(box: Box, ruleIdx: number[], partition: Partition = this.partition): Point[] {
    const need = new Set<string>();
    for (const i of ruleIdx) for (const d of this.tdims[i]) need.add(d);
    const read = [...need];
    let combos: number[][] = [[]];
    for (const d of read) {
      const opts = this.relevantClasses(box, d, ruleIdx, partition);
      combos = combos.flatMap((p) => opts.map((c) => [...p, c]));
    }
    // a dimension no template reads has one class in every point: chosen once, not per point
    const rest: { d: string; c: number; v: string | null }[] = [];
    for (const [d, dim] of this.dims)
      if (!need.has(d)) {
        const c = partition.pickPreferred(box, d, (x) => !dim.classes[x].literal);
        rest.push({ d, c, v: dim.classes[c].value });
      }
    return combos.map((cs) => {
      const classes = new Map<string, number>();
      const id: Identity = new Map();
      for (let k = 0; k < read.length; k++) {
        classes.set(read[k], cs[k]);
        id.set(read[k], this.dims.get(read[k])!.classes[cs[k]].value);
      }
      for (const { d, c, v } of rest) {
        classes.set(d, c);
        id.set(d, v);
      }
      return { box, classes, id };
    });
  }

  private readonly plain = new Map<string, number[]>();

  /** Non-literal classes of a dimension (regex atoms, the fresh value), computed once. */
  private plainClasses(d: string): number[] {
    let l = this.plain.get(d);
    if (!l) this.plain.set(d, (l = this.dims.get(d)!.classes.flatMap((c, i) => (c.literal ? [] : [i]))));
    return l;
  }

  private readonly specials = new Map<string, number[]>();

  /** Classes whose value renders specially (absent, empty, wildcards, `/` inside), computed once. */
  private specialClasses(d: string): number[] {
    let l = this.specials.get(d);
    if (!l)
      this.specials.set(
        d,
        (l = this.dims.get(d)!.classes.flatMap((c, i) => (specialKind(c.value, d, this.dialect) === null ? [] : [i]))),
      );
    return l;
  }

  private relevantClasses(box: Box, d: string, ruleIdx: number[], partition: Partition): number[] {
    const one = box.sets.get(d);
    // a box of one class (the cells of the lazy search) has exactly that point
    if (one && "in" in one && one.in.size === 1) return [...one.in];
    const dim = this.dims.get(d)!;
    const values = relevantValues(
      ruleIdx.map((i) => this.allRule(i)),
      d,
      this.dialect,
    );
    const cands = new Set<number>();
    for (const v of values) {
      const i = dim.byValue.get(v);
      if (i !== undefined) cands.add(i);
    }
    // every special value (e.g. a username `x/y` from a condition renders two levels)
    for (const i of this.specialClasses(d)) cands.add(i);
    for (const i of this.plainClasses(d)) cands.add(i);
    const keep: number[] = [];
    const seenSpecial = new Set<string>();
    for (const c of [...cands].sort((a, b) => a - b)) {
      if (!partition.has(box, d, c)) continue;
      const v = dim.classes[c].value;
      const sk = specialKind(v, d, this.dialect);
      // a value a rule's level names is its own point, special or not ("$SYS" and "$x" differ)
      if (v !== null && values.has(v)) keep.push(c);
      else if (sk !== null) {
        // specials that render alike (v4: every unusable value; v6: every forbidden one) need one member
        if (!seenSpecial.has(sk)) keep.push(c);
        seenSpecial.add(sk);
      }
    }
    // one plain value that renders a fresh word, first: witnesses then read like ordinary clients
    const other = partition.pickPreferred(box, d, (c) => {
      const v = dim.classes[c].value;
      return specialKind(v, d, this.dialect) === null && !values.has(v!);
    });
    const ov = dim.classes[other].value;
    if (specialKind(ov, d, this.dialect) === null && !values.has(ov!)) keep.unshift(other);
    return keep;
  }

  allRule(i: number): Rule {
    return this.rules[i];
  }

  private readonly roots = new Map<number, TopicNode>();

  /** The request domain of an action atom (shared and frozen: subtraction copies on write). */
  root(atom: number): TopicNode {
    let r = this.roots.get(atom);
    if (!r) {
      r = rootDomain(this.atoms[atom].rep.action, this.dialect, this.domainWords);
      r.frozen = true;
      this.roots.set(atom, r);
    }
    return r;
  }

  private readonly fixedPatterns: (RulePatterns | undefined)[];

  /** The rule's filters for a point (rendered once for rules without templates). */
  patterns(i: number, p: Point): RulePatterns {
    if (this.tdims[i].length) return rulePatterns(this.allRule(i), this.dialect, p.id);
    return (this.fixedPatterns[i] ??= rulePatterns(this.allRule(i), this.dialect, p.id));
  }

  /** A witness topic in `root` matched by the patterns, or null. */
  meet(root: TopicNode, pats: RulePatterns): string[] | null {
    if (pats.all) return anyMember(root);
    for (const p of pats.patterns) {
      const w = findWitness(root, p.words, 0, p.literal, this.guard, true);
      if (w) return w;
    }
    return null;
  }

  /** What is left of atom a's request domain at point pt once the rules `set` (ascending) took their topics. */
  remainder(a: number, set: Iterable<number>, pt: Point): TopicNode {
    let root = this.root(a);
    for (const j of set) {
      if (root.empty) break;
      if (this.hasAtom(j, a)) root = this.remove(root, this.patterns(j, pt));
    }
    return root;
  }

  /** Removes the patterns' topics from `root`. */
  remove(root: TopicNode, pats: RulePatterns): TopicNode {
    if (pats.all) return EMPTY;
    let r = root;
    for (const p of pats.patterns) r = subtract(r, p.words, 0, p.literal, this.guard, true);
    return r;
  }

  /** A concrete request (byte strings) for a point, action atom and witness words. */
  witness(p: Point, atom: number, words: string[]): Request {
    const ids = new Set([...p.id.values()].filter((v): v is string => v !== null));
    const taken = (w: string) => this.words.has(w) || ids.has(w);
    let fresh = "x";
    for (let i = 1; taken(fresh) || taken(`$${fresh}`); i++) fresh = `x${i}`;
    const topic = words.map((w) => (w === FRESH ? fresh : w === FRESH_DOLLAR ? `$${fresh}` : w)).join("/");
    const get = (d: string, dflt: string | null) => (this.dims.has(d) ? p.id.get(d)! : dflt);
    let attrs: Record<string, string> = NO_ATTRS;
    for (const [d, v] of p.id)
      if (d.startsWith("attr:") && v !== null) (attrs === NO_ATTRS ? (attrs = {}) : attrs)[d.slice(5)] = v;
    const c = this.atoms[atom].rep;
    return {
      username: get("username", "user"),
      clientid: get("clientid", "client") ?? "client",
      peerhost: get("peer", "10.0.0.1"),
      // a request's zone and listener are names (EMQX atoms), text; the space holds bytes
      zone: utf8(get("zone", WIRE_DEFAULTS.zone) ?? WIRE_DEFAULTS.zone),
      listener: utf8(get("listener", WIRE_DEFAULTS.listener) ?? WIRE_DEFAULTS.listener),
      cert_common_name: get("cert_common_name", null),
      client_attrs: attrs,
      action: c.action,
      qos: c.qos,
      retain: c.retain,
      topic: sendableTopic(topic, c.action, this.dialect),
    };
  }
}

const ASCII = /^[\x00-\x7f]*$/;

/** The client attributes of a request that has none: one shared (frozen) object, not one per witness. */
const NO_ATTRS: Record<string, string> = Object.freeze({}) as Record<string, string>;

/**
 * The wire form of a witness `Space.witness` built (exactly the wire fields): the request
 * itself when every byte is ASCII (the usual case; one object per rule less on large
 * files), else `requestToWire`'s copy.
 */
function witnessWire(w: Request): { wire: WireRequest; lossy: boolean } {
  const ascii = (b: string | null) => b === null || ASCII.test(b);
  if (
    ascii(w.username) &&
    ascii(w.clientid) &&
    ascii(w.zone) &&
    ascii(w.listener) &&
    ascii(w.cert_common_name) &&
    ascii(w.topic) &&
    Object.entries(w.client_attrs).every(([k, v]) => ascii(k) && ascii(v))
  )
    return { wire: w, lossy: false };
  return requestToWire(w);
}

/** The wire (UTF-8 text) form of a byte-string request; `lossy` when some bytes are not UTF-8. */
export function requestToWire(r: Request): { wire: WireRequest; lossy: boolean } {
  let lossy = false;
  const t = (b: string) => {
    if (ASCII.test(b)) return b; // the usual case: no conversion needed
    const s = utf8(b);
    if (toByteString(s) !== b) lossy = true;
    return s;
  };
  let attrs: Record<string, string> = NO_ATTRS;
  for (const [k, v] of Object.entries(r.client_attrs)) (attrs === NO_ATTRS ? (attrs = {}) : attrs)[t(k)] = t(v);
  const wire: WireRequest = {
    username: r.username === null ? null : t(r.username),
    clientid: t(r.clientid),
    peerhost: r.peerhost,
    zone: r.zone, // names: already text
    listener: r.listener,
    cert_common_name: r.cert_common_name === null ? null : t(r.cert_common_name),
    client_attrs: attrs,
    action: r.action,
    qos: r.qos,
    retain: r.retain,
    topic: t(r.topic),
  };
  return { wire, lossy };
}

function cubeKey(c: Cube): string {
  return [...c.entries()]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([d, s]) => `${d}=${[...s].sort((a, b) => a - b).join(",")}`)
    .join(";");
}

/** Byte string → UTF-8 text (the wire form). */
export function utf8(bytes: string): string {
  return Buffer.from(bytes, "latin1").toString("utf8");
}

/** Byte string of UTF-8 text. */
export function toByteString(text: string): string {
  return Buffer.from(text, "utf8").toString("latin1");
}

/** Wire request → request over byte strings. */
export function wireToRequest(w: WireRequest): import("@emqx-acl/core").Request {
  let attrs: Record<string, string> = NO_ATTRS;
  for (const [k, v] of Object.entries(w.client_attrs))
    (attrs === NO_ATTRS ? (attrs = {}) : attrs)[toByteString(k)] = toByteString(v);
  return {
    ...w,
    username: w.username === null ? null : toByteString(w.username),
    clientid: toByteString(w.clientid),
    cert_common_name: w.cert_common_name === null ? null : toByteString(w.cert_common_name),
    client_attrs: attrs,
    topic: toByteString(w.topic),
    qos: w.qos as 0 | 1 | 2,
  };
}

/** Per rule: reachable with a witness, unreachable with a covering set, or unknown. */
export function analyzeReachability(rules: Rule[], options: ReachabilityOptions): ReachabilityResult[] {
  const profile = options.profile ?? "legacy";
  const shared = options.shared ?? indexedSpace(rules, options.dialect, profile);
  const { space } = shared;
  if (options.cancel) space.cancel = options.cancel;
  // the indexed engine confirms every witness against the whole file (and runs the probes)
  const engine = compileDecider({ dialect: options.dialect, rules, loadError: null }, { securityProfile: profile });
  const found: (Request | null)[] = rules.map(() => null);
  const covered: ({ rules: number[]; inexact?: string } | null)[] = rules.map(() => null);
  /** Witnesses the engine already decided for their rule (the probes'): not decided twice. */
  const confirmed = new Uint8Array(rules.length);
  space.meter = { steps: 0, budget: options.budget ?? Infinity };
  resetDead(shared);
  let stop = rules.length;
  for (let k = 0; k < rules.length; k++) {
    try {
      analyzeOne(shared, engine, k, options, found, covered, confirmed);
    } catch (e) {
      if (!(e instanceof BudgetExceeded)) throw e;
      // the rule being analysed and every later one: not analysed (never a guessed verdict)
      stop = k;
      found[k] = null;
      break;
    }
    if (!found[k] && covered[k] && !covered[k]!.inexact && !space.inexact[k]) markDead(shared, k, covered[k]!.rules);
    if (options.onProgress && (k % 256 === 255 || k === rules.length - 1)) options.onProgress(k + 1, rules.length);
  }
  return rules.map((r, i): ReachabilityResult => {
    if (i >= stop) return { rule: r.index, status: "unknown", reason: NOT_ANALYSED, notAnalysed: true };
    const w = found[i];
    if (w) {
      const hit = confirmed[i] ? r.index : engine.decide(w).rule;
      if (hit === r.index) {
        const { wire, lossy } = witnessWire(w);
        if (!lossy) return { rule: r.index, status: "reachable", witness: wire };
        return {
          rule: r.index,
          status: "reachable",
          witness: wire,
          note: "the witness holds bytes that are not UTF-8 (a client must send them raw)",
        };
      }
      return { rule: r.index, status: "unknown", reason: `internal: witness decided by rule ${hit} instead` };
    }
    if (space.inexact[i]) return { rule: r.index, status: "unknown", reason: space.inexact[i]! };
    const cover = covered[i] ?? { rules: [] };
    if (cover.inexact) return { rule: r.index, status: "unknown", reason: cover.inexact };
    const res: ReachabilityResult = {
      rule: r.index,
      status: "unreachable",
      coveredBy: cover.rules.map((j) => rules[j].index),
    };
    if (!cover.rules.length) res.reason = "matches no request the broker can authorise";
    return res;
  });
}

/** Forgets the dead rules of an earlier run on the same space. */
function resetDead({ space }: IndexedSpace): void {
  if (!space.deadCover.size) return;
  space.dead.fill(0);
  space.deadCover.clear();
  for (const x of space.indexes) x.reviveAll();
}

function markDead({ space }: IndexedSpace, k: number, cover: number[]): void {
  space.deadCover.set(k, cover);
  space.setDead(k, true);
}

/**
 * Rule k: a witness, or a covering set. Cheapest first: concrete probes decided by the
 * engine, the symbolic free cell, the rules whose condition contains k's, and only then
 * k's condition refined by every earlier rule overlapping it.
 */
function analyzeOne(
  { space, idx }: IndexedSpace,
  engine: Decider,
  k: number,
  options: ReachabilityOptions,
  found: (Request | null)[],
  covered: ({ rules: number[]; inexact?: string } | null)[],
  confirmed: Uint8Array,
): void {
  if ((found[k] = probeWitness(space, idx, engine, k))) return void (confirmed[k] = 1); // the engine decided it already
  if ((found[k] = lazyWitness(space, idx, k)) || space.inexact[k]) return;
  // a rule that matches no request is covered by nothing (not vacuously by whatever contains it)
  if (!matchesSomeRequest(space, idx, k)) return void (covered[k] = { rules: [] });
  const q = containedCover(space, idx, k);
  if (q !== null) return void (covered[k] = q);
  const cells = localCells(space, idx, k);
  for (const c of cells) if ((found[k] = tryBox(space, idx, k, c.box, c.cell))) return;
  if (options.coverage === false) return void (covered[k] = { rules: [] });
  const cands = [...new Set(cells.flatMap((c) => c.rel))].sort((a, b) => a - b);
  covered[k] = minimalCover(cands, (set) => lazyCovered(space, idx, k, set, cells));
}

/** Does rule k match any request of the domain at all (before any other rule takes one)? */
function matchesSomeRequest(space: Space, idx: CubeIndex, k: number): boolean {
  const atoms = space.atomsAt(k);
  for (const c of space.cubes[k])
    for (const pt of space.points(cubeBox(c), [k], idx.helper)) {
      space.spend(1);
      const pats = space.patterns(k, pt);
      for (const a of atoms) if (space.meet(space.root(a), pats)) return true;
    }
  return false;
}

/**
 * The same verdicts from one global partition of the identity space (the first
 * algorithm; kept as an independent cross-check for tests — it can blow up when
 * independent dimensions multiply).
 */
export function analyzeReachabilityGlobal(rules: Rule[], options: ReachabilityOptions): ReachabilityResult[] {
  const space = new Space(rules, options.dialect, options.profile ?? "legacy");
  const found: (Request | null)[] = rules.map(() => null);
  for (const box of space.partition.boxes) {
    const idx = box.alive ? space.boxRules.get(box.id) : undefined;
    if (idx) for (const pt of space.points(box, idx)) runPoint(space, pt, idx, found);
  }
  return rules.map((r, i): ReachabilityResult => {
    const w = found[i];
    if (w) return { rule: r.index, status: "reachable", witness: requestToWire(w).wire };
    if (space.inexact[i]) return { rule: r.index, status: "unknown", reason: space.inexact[i]! };
    const cover = findCover(space, i);
    if (cover.inexact) return { rule: r.index, status: "unknown", reason: cover.inexact };
    return { rule: r.index, status: "unreachable", coveredBy: cover.rules.map((j) => rules[j].index) };
  });
}

function runPoint(space: Space, pt: Point, idx: number[], found: (Request | null)[]): void {
  const roots = new Map<number, TopicNode>();
  for (const i of idx) {
    const atoms = space.atomsOf(space.rules[i]);
    if (!atoms.length) continue;
    const pats = space.patterns(i, pt);
    for (const a of atoms) {
      let root = roots.get(a) ?? space.root(a);
      if (root.empty) continue;
      if (!found[i]) {
        const w = space.meet(root, pats);
        if (w) found[i] = space.witness(pt, a, w);
      }
      root = space.remove(root, pats);
      roots.set(a, root);
    }
  }
}
