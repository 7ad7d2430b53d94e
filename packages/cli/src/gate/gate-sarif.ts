/**
 * `diff --format sarif`: SARIF 2.1.0 for GitHub code scanning, following lint's reporter:
 * one result per newly allowed class, located at the new rule that allows it, the witness
 * request in the message, and a fingerprint from the rule's text (whitespace-insensitive) so
 * an alert survives edits elsewhere. Accepted classes are kept as suppressed results (kind
 * external, the entry's reason as justification); only unaccepted ones are errors.
 */
import { createHash } from "node:crypto";
import { LineIndex, type Range } from "@emqx-acl/syntax";
import { displayRange, lineLengths } from "../reporters/positions";
import { HOMEPAGE } from "../reporters/rule-meta";
import { artifactUri, FINGERPRINT_KEY, reportingDescriptor, sarifLog, sarifText } from "../reporters/sarif";
import type { GateClass, GateResult } from "./gate-diff";
import { sideText, witnessText, type GateSides } from "./gate-text";

export const GATE_RULE_ID = "newly-allowed";
const DOCS_URL = `${HOMEPAGE}/blob/main/docs/accept-file.md`;
const DESCRIPTION =
  "A change to the acl file allows requests its previous version did not allow. The message gives a witness request and the rules deciding it before and after; accept intended access in an accepted-changes file (--accept) with a reason.";

function region(range: Range, lengths: number[]) {
  const r = displayRange(range, lengths);
  return { startLine: r.start.line, startColumn: r.start.column, endLine: r.end.line, endColumn: r.end.column };
}

function message(c: GateClass, s: GateSides): string {
  const accepted = c.accepted ? ` Accepted (entry ${c.accepted.n}): ${c.accepted.reason}` : "";
  return `Newly allowed: ${witnessText(c.witness)}. Before (${s.old.path}): ${sideText(c.from, s.old)}; now: ${sideText(c.to, s.new)}.${accepted}`;
}

function result(
  c: GateClass,
  s: GateSides,
  cwd: string,
  lines: LineIndex,
  lengths: number[],
  seen: Map<string, number>,
) {
  const rule = s.new.rules.find((r) => r.index === c.to.rule);
  const range = rule ? lines.range(rule.start, rule.end) : lines.range(0, 0);
  const text = rule ? s.new.text.slice(rule.start, rule.end).replace(/\s+/g, " ").trim() : "";
  const k = `${text}\u0000${c.from.decision}\u0000${c.witness.action}`;
  const occurrence = (seen.get(k) ?? 0) + 1;
  seen.set(k, occurrence);
  const print = createHash("sha256").update(`${GATE_RULE_ID}\u0000${k}\u0000${occurrence}`).digest("hex").slice(0, 32);
  const out: Record<string, unknown> = {
    ruleId: GATE_RULE_ID,
    ruleIndex: 0,
    level: c.accepted ? "note" : "error",
    message: { text: sarifText(message(c, s)) },
    locations: [
      { physicalLocation: { artifactLocation: { uri: artifactUri(s.new.path, cwd) }, region: region(range, lengths) } },
    ],
    partialFingerprints: { [FINGERPRINT_KEY]: `${print}:${occurrence}` },
  };
  if (c.accepted) out.suppressions = [{ kind: "external", status: "accepted", justification: c.accepted.reason }];
  return out;
}

/** The SARIF log of a gate run (before serialisation). */
export function gateSarif(r: GateResult, s: GateSides, cwd: string, toolVersion: string): Record<string, unknown> {
  const lines = new LineIndex(s.new.text);
  const lengths = lineLengths(s.new.text);
  const seen = new Map<string, number>();
  const rule = reportingDescriptor({
    id: GATE_RULE_ID,
    summary: "A change newly allows requests the previous version of the acl file did not allow",
    description: DESCRIPTION,
    helpMarkdown: `# ${GATE_RULE_ID}\n\n${DESCRIPTION}\n\nSee [the accepted-changes file](${DOCS_URL}).`,
    docsUrl: DOCS_URL,
    defaultSeverity: "error",
  });
  return sarifLog(
    [rule],
    r.newlyAllowed.map((c) => result(c, s, cwd, lines, lengths, seen)),
    toolVersion,
  );
}
