/**
 * Which rules of a file may share a request with a given rule, without testing every rule:
 * a keystroke in a 10k-rule file compared the edit with all 10k rules (`mayShareRequest`),
 * twice, and picked the sub-ruleset the same way — the largest part of the editor's
 * analysis per keystroke on the fleet shape.
 *
 * Rules are filed by the values their who-condition pins (an exact username, else an exact
 * client id) and by the first level of each topic when it is a plain word. Two rules
 * pinning one dimension to different values share no client (`whoMeet` says so for any
 * pins reached through 'and'), and two topics whose first levels are different plain words
 * share no topic (`shapesMeet`'s first test). `candidates` returns every indexed rule for
 * which neither test rules the pair out: a superset of the rules `mayShareRequest` accepts,
 * which the caller still asks.
 */
import type { Condition, Rule } from "@emqx-acl/core";
import { firstPlainLevels } from "../reachability/cover";
import { shapesOf } from "./rule-overlap";

/** Files rules by the first level of their topics ("" for a wildcard or placeholder level). */
class ByLevel {
  private readonly levels = new Map<string, Set<Rule>>();

  add(r: Rule, levels: string[]): void {
    for (const l of levels) {
      let s = this.levels.get(l);
      if (!s) this.levels.set(l, (s = new Set()));
      s.add(r);
    }
  }

  delete(r: Rule, levels: string[]): void {
    for (const l of levels) this.levels.get(l)?.delete(r);
  }

  /** The rules with a topic whose first level may be one of `levels` (null: any level). */
  collect(levels: string[] | null, into: Set<Rule>): void {
    if (levels === null) {
      for (const s of this.levels.values()) for (const r of s) into.add(r);
      return;
    }
    for (const l of levels) for (const r of this.levels.get(l) ?? []) into.add(r);
    for (const r of this.levels.get("") ?? []) into.add(r);
  }
}

interface Pins {
  username?: string;
  clientid?: string;
}

/** The exact username and client id every client the condition holds for has (through 'and'). */
function pinsOf(c: Condition, out: Pins = {}): Pins {
  if (c.kind === "and") for (const x of c.items) pinsOf(x, out);
  else if ((c.kind === "username" || c.kind === "clientid") && c.match.kind === "exact") out[c.kind] = c.match.value;
  return out;
}

/** The distinct first-level keys of a rule's topics. */
function levelsOf(r: Rule): string[] {
  return [...new Set(firstPlainLevels(shapesOf(r)))];
}

export class OverlapIndex {
  /** Rules pinning a username, by that username. */
  private readonly byUsername = new Map<string, Set<Rule>>();
  /** Rules pinning a client id and no username, by that client id. */
  private readonly byClientid = new Map<string, Set<Rule>>();
  private readonly usernamePinned = new ByLevel();
  private readonly clientidPinned = new ByLevel();
  private readonly unpinned = new ByLevel();

  static of(rules: Iterable<Rule>): OverlapIndex {
    const index = new OverlapIndex();
    for (const r of rules) index.add(r);
    return index;
  }

  add(r: Rule): void {
    this.file(r, true);
  }

  delete(r: Rule): void {
    this.file(r, false);
  }

  private file(r: Rule, add: boolean): void {
    const pins = pinsOf(r.who);
    const levels = levelsOf(r);
    const put = (m: Map<string, Set<Rule>>, k: string) => {
      let s = m.get(k);
      if (add) {
        if (!s) m.set(k, (s = new Set()));
        s.add(r);
      } else if (s) {
        s.delete(r);
        if (!s.size) m.delete(k);
      }
    };
    const group =
      pins.username !== undefined
        ? (put(this.byUsername, pins.username), this.usernamePinned)
        : pins.clientid !== undefined
          ? (put(this.byClientid, pins.clientid), this.clientidPinned)
          : this.unpinned;
    if (add) group.add(r, levels);
    else group.delete(r, levels);
  }

  /** Every indexed rule that may share a request with `q` (q itself included if indexed). */
  candidates(q: Rule): Set<Rule> {
    const pins = pinsOf(q.who);
    const keys = levelsOf(q);
    const levels = keys.includes("") ? null : keys;
    const out = new Set<Rule>();
    if (pins.username !== undefined) for (const r of this.byUsername.get(pins.username) ?? []) out.add(r);
    else this.usernamePinned.collect(levels, out);
    if (pins.clientid !== undefined) {
      for (const r of this.byClientid.get(pins.clientid) ?? []) out.add(r);
    } else this.clientidPinned.collect(levels, out);
    this.unpinned.collect(levels, out);
    return out;
  }
}
