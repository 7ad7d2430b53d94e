/**
 * Words shared by the gate's reports: a witness request, a side of a class (`deny by rule 3,
 * line 7`), the files compared. JSON.stringify quotes names, so a username with a quote or a
 * control character cannot break the sentence.
 */
import type { DiffClass } from "@emqx-acl/analysis";
import type { Rule } from "@emqx-acl/core";
import { LineIndex } from "@emqx-acl/syntax";

/** One version of the acl file as the reports show it. */
export interface GateFile {
  /** `etc/acl.conf`, or `REF:etc/acl.conf` for a baseline read from git. */
  path: string;
  text: string;
  rules: Rule[];
}

/** What was compared: the old and new files, for one EMQX version. */
export interface GateSides {
  old: GateFile;
  new: GateFile;
  dialect: string;
}

export { clientText, requestText, witnessText } from "@emqx-acl/analysis";

/** The 1-based first line of rule `index` in `file`, or null. */
export function ruleLine(file: GateFile, index: number | null): number | null {
  const rule = index === null ? undefined : file.rules.find((r) => r.index === index);
  return rule ? new LineIndex(file.text).position(rule.start).line + 1 : null;
}

/** `deny (rule 3, line 7)`, or `no match`. */
export function sideText(s: DiffClass["from"], file: GateFile): string {
  if (s.rule === null) return "no match";
  const line = ruleLine(file, s.rule);
  return `${s.decision} (rule ${s.rule}${line === null ? "" : `, line ${line}`})`;
}
