/**
 * Cheap tests that reject a candidate rule before `matchRule` reads it: the request's
 * action, QoS and retain flag against the rule's action (one bit in a flat array), and the
 * request topic's first level against the literal first levels of the rule's topics. A
 * rejected rule's outcome is a miss; the tests read small flat arrays instead of the rule's
 * objects (each a likely cache miss on a 10k-rule file), and skip rendering its templates.
 */
import type { Bytes, Rule } from "../model/rule";
import type { PreparedRequest } from "./prepare";
import { literalFirstLevel } from "./rule-index";

/** Bit of a request in an action mask: action × QoS × retain (0, in no mask, for another QoS). */
function requestBit(action: "publish" | "subscribe", qos: number, retain: boolean): number {
  if (qos !== 0 && qos !== 1 && qos !== 2) return 0;
  return 1 << ((action === "publish" ? 0 : 6) + qos * 2 + (retain ? 1 : 0));
}

/** The requests a rule's action accepts, as `requestBit`s (what `matchAction` tests). */
function actionMask(rule: Rule): number {
  const a = rule.action;
  let m = 0;
  for (const q of a.qos) {
    if (a.publish) {
      if (a.retain === "all" || a.retain === false) m |= requestBit("publish", q, false);
      if (a.retain === "all" || a.retain === true) m |= requestBit("publish", q, true);
    }
    // a subscribe's retain flag is not read
    if (a.subscribe) m |= requestBit("subscribe", q, false) | requestBit("subscribe", q, true);
  }
  return m;
}

/**
 * The first levels every topic a rule can match starts with, or null when some topic has
 * none (or may decide without matching: a template that fails to render denies under the
 * v6 hardened profile, `renderCanDeny`). The index files rules by the same levels.
 */
function firstLevels(rule: Rule, renderCanDeny: boolean): Bytes[] | null {
  if (rule.topics.kind !== "list") return null;
  const items = rule.topics.items;
  if (renderCanDeny && items.some((t) => t.kind === "text-template")) return null;
  const out: Bytes[] = [];
  for (const t of items) {
    const f = literalFirstLevel(t);
    if (f === null) return null;
    if (!out.includes(f)) out.push(f);
  }
  return out;
}

/** The bit every first level without a bit of its own shares. */
const OTHER = 1 << 31;

/**
 * Small numbers for the commonest first levels (a bit each, 0..30); the rest share bit 31.
 * A rule's levels and a request's first level then meet in one AND instead of string
 * comparisons against a list per rule.
 */
function levelIds(levels: (Bytes[] | null)[]): Map<Bytes, number> {
  const count = new Map<Bytes, number>();
  for (const ls of levels) if (ls !== null) for (const l of ls) count.set(l, (count.get(l) ?? 0) + 1);
  const commonest = [...count].sort((a, b) => b[1] - a[1]).slice(0, 31);
  return new Map(commonest.map(([l], i) => [l, i]));
}

export class QuickReject {
  private readonly actions: Uint16Array;
  /** Per rule, the bits of its topics' first levels; all bits when it has no such levels. */
  private readonly levels: Int32Array;
  private readonly ids: Map<Bytes, number>;
  // the request the level bit was last found for: each is tested against several rules
  private lastRequest: PreparedRequest | null = null;
  private levelBit = 0;

  constructor(rules: readonly Rule[], renderCanDeny: boolean) {
    this.actions = Uint16Array.from(rules, actionMask);
    const firsts = rules.map((r) => firstLevels(r, renderCanDeny));
    this.ids = levelIds(firsts);
    this.levels = Int32Array.from(firsts, (ls) => (ls === null ? -1 : ls.reduce((m, l) => m | this.bitOf(l), 0)));
  }

  private bitOf(level: Bytes): number {
    const id = this.ids.get(level);
    return id === undefined ? OTHER : 1 << id;
  }

  /** True when the rule at `pos` cannot match this request. */
  rejects(pos: number, p: PreparedRequest): boolean {
    const r = p.request;
    if ((this.actions[pos] & requestBit(r.action, r.qos, r.retain)) === 0) return true;
    if (p !== this.lastRequest) {
      this.lastRequest = p;
      this.levelBit = this.bitOf(p.words[0]);
    }
    return (this.levels[pos] & this.levelBit) === 0;
  }
}
