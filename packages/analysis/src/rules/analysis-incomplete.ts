import { defineRule } from "../lint/types";

/** Lint's reachability work budget ran out: the rules after that point were not analysed. */
export const rule = defineRule({
  id: "analysis-incomplete",
  category: "reachability",
  defaultSeverity: "info",
  summary: "The reachability analysis of lint stopped at its work budget: later rules were not checked by rule-unreachable, rule-redundant and rule-conflict.",
  rationale:
    "Exact reachability can be expensive on unusual files, and lint has to stay fast in editors and CI, so it gets a work budget proportional to the file's size. When the budget runs out, the rules not yet analysed are reported neither reachable nor unreachable (never a guessed verdict); this one diagnostic, at the first rule left out, says how many. `emqx-acl analyze` has no budget and gives the exact answer for every rule. A file can set its own budget (in steps) with a `%% emqx-acl analysis-budget: <steps>` comment.",
  examples: {
    bad: '%% emqx-acl analysis-budget: 1\n{allow, {username, "a"}, publish, ["a/#"]}.\n{allow, {username, "b"}, publish, ["b/#"]}.\n{deny, all}.',
    good: '{allow, {username, "a"}, publish, ["a/#"]}.\n{allow, {username, "b"}, publish, ["b/#"]}.\n{deny, all}.',
  },
  fixable: false,
  check(ctx) {
    const skipped = ctx.reachability().filter((r) => r.status === "unknown" && r.notAnalysed);
    if (!skipped.length) return [];
    const first = ctx.rules.find((r) => r.index === skipped[0].rule)!;
    const n = skipped.length;
    return [
      {
        message: `${n} rule${n === 1 ? " was" : "s were"} not analysed for reachability (from rule ${first.index} on: lint's work budget ran out); run \`emqx-acl analyze\` for the exact answer`,
        start: first.start,
        end: first.end,
        term: first.index,
      },
    ];
  },
});
