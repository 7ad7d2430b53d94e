import { describe, expect, it } from "vitest";
import type { Dialect } from "@emqx-acl/core";
import { loadRuleSet } from "../load-rule-set";
import { mayShareRequest } from "./rule-overlap";

const rules = (dialect: Dialect, ...terms: string[]) => {
  const loaded = loadRuleSet(terms.join("\n") + "\n", { dialect });
  expect(loaded.lowered.ruleSet.loadError).toBeFalsy();
  return loaded.lowered.ruleSet.rules;
};

describe("mayShareRequest renders the placeholders a rule's who-condition pins", () => {
  it("a pinned ${username} is its value", () => {
    const [a, b, c] = rules(
      "v5",
      '{allow, {username, "u1"}, subscribe, ["users/${username}/#"]}.',
      '{allow, all, subscribe, ["+/status"]}.',
      '{allow, all, subscribe, ["users/u1/x"]}.',
    );
    expect(mayShareRequest(a, b)).toBe(false);
    expect(mayShareRequest(b, a)).toBe(false);
    expect(mayShareRequest(a, c)).toBe(true);
  });
  it("through an 'and', and for v4's %c", () => {
    const [a, b] = rules(
      "v4",
      '{allow, {\'and\', [{user, "u1"}, {client, "c1"}]}, subscribe, ["d/%c/x"]}.',
      '{allow, all, subscribe, ["d/c2/+"]}.',
    );
    expect(mayShareRequest(a, b)).toBe(false);
    const [c] = rules("v4", '{allow, all, subscribe, ["d/c1/+"]}.');
    expect(mayShareRequest(a, c)).toBe(true);
  });
  it("an unpinned placeholder, or a value with a separator or wildcard, still meets anything", () => {
    const [a, b, c, d] = rules(
      "v5",
      '{allow, {clientid, "c1"}, subscribe, ["users/${username}/#"]}.',
      '{allow, all, subscribe, ["+/status"]}.',
      '{allow, {username, "a/b"}, subscribe, ["users/${username}"]}.',
      '{allow, all, subscribe, ["users/a/b"]}.',
    );
    expect(mayShareRequest(a, b)).toBe(true);
    expect(mayShareRequest(c, d)).toBe(true);
  });
});
