/**
 * The action dimension: the 9 concrete (action, qos, retain) combinations, grouped into
 * atoms on which every rule's action test is constant.
 */
import type { Action, Qos, Rule } from "@emqx-acl/core";

export interface Combo {
  action: "publish" | "subscribe";
  qos: Qos;
  retain: boolean;
}

export const COMBOS: Combo[] = [
  ...([0, 1, 2] as Qos[]).flatMap((qos) =>
    [false, true].map((retain) => ({ action: "publish" as const, qos, retain })),
  ),
  ...([0, 1, 2] as Qos[]).map((qos) => ({ action: "subscribe" as const, qos, retain: false })),
];

/** Does the rule action accept the combination? */
export function actionAccepts(a: Action, c: Combo): boolean {
  if (c.action === "publish" ? !a.publish : !a.subscribe) return false;
  if (!a.qos.includes(c.qos)) return false;
  return c.action === "subscribe" || a.retain === "all" || a.retain === c.retain;
}

export interface ActionAtom {
  /** A representative combination (lowest QoS, retain false first). */
  rep: Combo;
  combos: Combo[];
}

/** Groups combinations by the set of distinct rule actions accepting them. */
export function actionAtoms(rules: Rule[]): { atoms: ActionAtom[]; ofRule: (r: Rule) => number[] } {
  const kinds = new Map<string, Action>();
  const keyOf = (a: Action) => `${a.publish}|${a.subscribe}|${a.qos.join(",")}|${a.retain}`;
  for (const r of rules) kinds.set(keyOf(r.action), r.action);
  const list = [...kinds.values()];
  const bySig = new Map<string, ActionAtom>();
  const comboAtom: number[] = [];
  for (const c of COMBOS) {
    const sig = `${c.action}:${list.map((a) => (actionAccepts(a, c) ? 1 : 0)).join("")}`;
    let atom = bySig.get(sig);
    if (!atom) bySig.set(sig, (atom = { rep: c, combos: [] }));
    atom.combos.push(c);
    comboAtom.push([...bySig.keys()].indexOf(sig));
  }
  const atoms = [...bySig.values()];
  const cache = new Map<string, number[]>();
  const byRule = new WeakMap<Rule, number[]>();
  const ofRule = (r: Rule) => {
    let v = byRule.get(r);
    if (v) return v;
    const k = keyOf(r.action);
    v = cache.get(k);
    if (!v) cache.set(k, (v = atoms.map((a, i) => (actionAccepts(r.action, a.rep) ? i : -1)).filter((i) => i >= 0)));
    byRule.set(r, v);
    return v;
  };
  return { atoms, ofRule };
}
