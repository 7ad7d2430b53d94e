import { dialectsFrom } from "@emqx-acl/core";
import { defineRule } from "../lint/types";

/** Lint's work budget ran out: some rules were not checked by the exact analyses. */
export const rule = defineRule({
  id: "analysis-incomplete",
  category: "reachability",
  defaultSeverity: "info",
  summary:
    "A lint analysis stopped at its work budget: later rules were not checked by rule-unreachable, rule-redundant or rule-conflict.",
  rationale:
    "Exact reachability, redundancy and conflict checks can be expensive on unusual files, and lint has to stay fast in editors and CI, so each gets a work budget proportional to the file's size. When the reachability budget runs out, the rules not yet analysed are reported neither reachable nor unreachable (never a guessed verdict); when the redundancy or conflict budget runs out, the remaining rules are not checked for it. One diagnostic says which checks stopped and from which rule on: it sits at the first rule reachability left out, or else at the first rule another check left out. `emqx-acl analyze` has no budget and gives the exact reachability of every rule. A file can set its own budget (in steps) with a `%% emqx-acl analysis-budget: <steps>` comment. This rule runs after the others, so it only speaks of checks that ran.",
  examples: {
    bad: '%% emqx-acl analysis-budget: 1\n{allow, {username, "a"}, publish, ["a/#"]}.\n{allow, {username, "b"}, publish, ["b/#"]}.\n{deny, all}.',
    good: '{allow, {username, "a"}, publish, ["a/#"]}.\n{allow, {username, "b"}, publish, ["b/#"]}.\n{deny, all}.',
    // written in EMQX 5 syntax
    dialects: dialectsFrom("v5"),
  },
  fixable: false,
  check(ctx) {
    const skipped = ctx.reachability().filter((r) => r.status === "unknown" && r.notAnalysed);
    const stop = skipped.length ? skipped[0].rule : Infinity;
    // redundancy and conflicts only look at reachable rules: a cut of theirs lies before `stop`
    const cuts = ctx.cutShort().filter((c) => c.rule.index < stop);
    const others = cuts.map(
      (c) => `${c.check} stopped ${skipped.length ? "earlier, " : ""}from rule ${c.rule.index} on`,
    );
    if (!skipped.length && !cuts.length) return [];
    // one diagnostic: at the reachability stop when there is one, else at the first cut
    const at = skipped.length
      ? ctx.rules.find((r) => r.index === stop)!
      : cuts.reduce((a, b) => (b.rule.index < a.rule.index ? b : a)).rule;
    const n = skipped.length;
    const message = skipped.length
      ? `${n} rule${n === 1 ? " was" : "s were"} not analysed for reachability (from rule ${at.index} on: lint's work budget ran out)${others.map((o) => `; ${o}`).join("")}; run \`emqx-acl analyze\` for the exact answer`
      : `lint's work budget ran out: ${others.join("; ")} (those rules were not checked for ${cuts.length === 1 ? "it" : "them"})`;
    return [{ message, start: at.start, end: at.end, term: at.index }];
  },
});
