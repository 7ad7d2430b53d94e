/** "Show reachability": one line per rule, with what the analysis found about it. */
import type { DocumentAnalysis } from "@emqx-acl/analysis";
import { reachabilityNotes } from "./inlay-hints";
import { ruleName } from "./symbols";

/** A plain-text report: `#3 allow {username,"u"} publish … — unreachable (covered by #1)`. */
export function provideReachabilityReport(a: DocumentAnalysis): string {
  const notes = reachabilityNotes(a);
  const text = a.parse.lineIndex.text;
  const lines = a.parse.forms.map((f) => `#${f.index} ${ruleName(text, f.term)} — ${notes.get(f.index) ?? "reachable"}`);
  const unreachable = notes.size;
  return [`${a.parse.forms.length} rules, ${unreachable} unreachable`, ...lines].join("\n");
}
