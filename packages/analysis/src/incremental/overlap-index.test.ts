import { describe, expect, it } from "vitest";
import type { Dialect, Rule } from "@emqx-acl/core";
import { loadRuleSet } from "../load-rule-set";
import { OverlapIndex } from "./overlap-index";
import { randomFile, seeded, type Shape } from "./random-acl-text";
import { mayShareRequest } from "./rule-overlap";

const load = (dialect: Dialect, lines: string[]): Rule[] => {
  const loaded = loadRuleSet(lines.join("\n") + "\n", { dialect });
  return loaded.lowered.ruleSet.loadError ? [] : loaded.lowered.ruleSet.rules;
};

describe("OverlapIndex.candidates", () => {
  it.each<[Dialect, Shape]>([
    ["v5", "random"],
    ["v5", "fleet"],
    ["v4", "random"],
    ["v4", "fleet"],
    ["v6", "fleet"],
  ])("holds every rule mayShareRequest accepts (%s, %s)", (dialect, shape) => {
    let pairs = 0;
    let pruned = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const rules = load(dialect, randomFile(seeded(seed), dialect, shape, 60));
      // indexed in two halves, one deleted and re-added: the index follows edits
      const index = OverlapIndex.of(rules.slice(0, 30));
      for (const r of rules.slice(30)) index.add(r);
      for (const r of rules.slice(10, 20)) index.delete(r);
      for (const r of rules.slice(10, 20)) index.add(r);
      for (const q of rules) {
        const got = index.candidates(q);
        for (const r of rules) {
          pairs++;
          if (mayShareRequest(q, r)) expect(got.has(r), `rule ${q.index} / rule ${r.index} (seed ${seed})`).toBe(true);
          else if (!got.has(r)) pruned++;
        }
      }
    }
    expect(pairs).toBeGreaterThan(0);
    // the point of it: most pairs that cannot meet are never tested
    if (shape === "fleet") expect(pruned / pairs).toBeGreaterThan(0.3);
  });

  it("a deleted rule is no candidate", () => {
    const [a, b] = load("v5", [
      '{allow, {username, "u1"}, subscribe, ["users/${username}/#"]}.',
      '{allow, {username, "u1"}, publish, ["users/u1/x"]}.',
    ]);
    const index = OverlapIndex.of([a, b]);
    expect(index.candidates(a).has(b)).toBe(true);
    index.delete(b);
    expect(index.candidates(a).has(b)).toBe(false);
  });

  it("rules of other users and other first levels are left out", () => {
    const [q, sameUser, otherUser, client, otherLevel, wild] = load("v5", [
      '{allow, {username, "u1"}, subscribe, ["devices/${clientid}/#"]}.',
      '{allow, {username, "u1"}, subscribe, ["other/#"]}.',
      '{allow, {username, "u2"}, subscribe, ["devices/#"]}.',
      '{allow, {clientid, "c1"}, subscribe, ["devices/c1/#"]}.',
      '{allow, {clientid, "c1"}, subscribe, ["fleet/#"]}.',
      '{allow, all, subscribe, ["+/status"]}.',
    ]);
    const got = OverlapIndex.of([q, sameUser, otherUser, client, otherLevel, wild]).candidates(q);
    expect([...got].map((r) => r.index).sort()).toEqual([q, sameUser, client, wild].map((r) => r.index).sort());
  });
});
