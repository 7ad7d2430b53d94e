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

export class QuickReject {
  private readonly actions: Uint16Array;
  private readonly firsts: (Bytes[] | null)[];

  constructor(rules: readonly Rule[], renderCanDeny: boolean) {
    this.actions = Uint16Array.from(rules, actionMask);
    this.firsts = rules.map((r) => firstLevels(r, renderCanDeny));
  }

  /** True when the rule at `pos` cannot match this request. */
  rejects(pos: number, p: PreparedRequest): boolean {
    const r = p.request;
    if ((this.actions[pos] & requestBit(r.action, r.qos, r.retain)) === 0) return true;
    const firsts = this.firsts[pos];
    return firsts !== null && !firsts.includes(p.words[0]);
  }
}
