/** "Show reachability": one line per rule with its verdict (computed on demand). */
import type { DocumentAnalysis } from "@emqx-acl/analysis";
import { rulesOf } from "./locate";
import { computeReachability, describeVerdict, knownReachability, MAX_REACHABILITY_RULES } from "./reachability";
import { ruleName } from "./symbols";

/** A plain-text report: `#3 allow {username,"u"} publish … — unreachable (covered by #1)`. */
export function provideReachabilityReport(a: DocumentAnalysis): string {
  const n = rulesOf(a).length;
  if (!n) return "No rules to analyse: the file does not load (see the errors) or is empty.";
  // lint's verdicts when they are in; computing them here blocks the server: small files only
  const known = knownReachability(a);
  if (!known && n > MAX_REACHABILITY_RULES)
    return `${n} rules: more than ${MAX_REACHABILITY_RULES}; wait for the diagnostics (they bring the verdicts) or run \`emqx-acl analyze\` from a terminal.`;
  const verdicts = known ?? computeReachability(a)!;
  const text = a.parse.lineIndex.text;
  const lines = a.parse.forms.map((f) => {
    const v = verdicts.get(f.index);
    return `#${f.index} ${ruleName(text, f.term)} — ${v ? describeVerdict(v) : "not a rule"}`;
  });
  const unreachable = [...verdicts.values()].filter((v) => v.status === "unreachable").length;
  return [`${n} rules, ${unreachable} unreachable`, ...lines].join("\n");
}
