/**
 * Concrete probes: the cheapest way to prove a rule reachable. In the "freest" identity
 * cell of the rule's condition (classes that the fewest rules mention) one concrete
 * request per filter and action atom is built and decided by the indexed engine; when the
 * engine says the rule fires, that request is the witness. On real files most rules are
 * settled here in microseconds, before any symbolic work; a rule the probes miss goes on
 * to the exact search, so probes never decide a verdict on their own except a witness the
 * engine has confirmed.
 */
import { prepareRequest, type Decider, type Request } from "@emqx-acl/core";
import { cellBox, type CubeIndex } from "./lazy";
import type { Space } from "./reachability";
import { findWitness } from "./topic-tree";

/**
 * A request rule k decides (confirmed by the engine), or null when no probe shows one.
 * A topic the broker rewrites before the rules (`$exclusive/$share/g/t`, `$delayed/0/t`)
 * is a witness only when no probe finds one sent as it is: those read like ordinary clients.
 */
export function probeWitness(space: Space, idx: CubeIndex, engine: Decider, k: number): Request | null {
  const rk = space.rules[k];
  const atoms = space.atomsAt(k);
  if (!atoms.length) return null;
  let rewritten: Request | null = null;
  for (const c of space.cubes[k]) {
    const cell = idx.freeCell(c);
    const [pt] = space.points(cellBox(cell), [k], idx.helper);
    const pats = space.patterns(k, pt);
    for (const a of atoms) {
      const root = space.root(a);
      const tries = pats.all
        ? [space.meet(root, pats)]
        : pats.patterns.map((p) => findWitness(root, p.words, 0, p.literal, space.guard, true));
      for (const words of tries) {
        if (!words) continue;
        space.spend(1);
        const req = space.witness(pt, a, words);
        const d = engine.decide(req);
        if (d.rule !== rk.index || d.decision !== rk.permission) continue;
        if (prepareRequest(req, space.dialect).topic === req.topic) return req;
        rewritten ??= req;
      }
    }
  }
  return rewritten;
}
