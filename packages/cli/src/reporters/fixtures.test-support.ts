/** Hand-made results for reporter tests (no parser needed). */
import { LineIndex, type Diagnostic, type Severity } from "@emqx-acl/syntax";
import type { FileResult } from "./types";

/** A diagnostic over the first occurrence of `needle` in `text`. */
export function diagAt(
  text: string,
  needle: string,
  id: string,
  severity: Severity,
  message: string,
  term: number | null = null,
): Diagnostic {
  const start = text.indexOf(needle);
  if (start < 0) throw new Error(`fixture: '${needle}' not in text`);
  return { id, severity, message, term, range: new LineIndex(text).range(start, start + needle.length) };
}

export const SAMPLE = [
  "%% sample",
  '{allow, {username, "dashboard"}, subscribe, ["$SYS/#"]}.',
  '{allow, all, pubsub, ["#"]}.',
  "{deny, all}.",
  "",
].join("\n");

/** Spans of SAMPLE's three forms. */
export function sampleForms() {
  return SAMPLE.split("\n")
    .map((line, i, all) => ({ line, start: all.slice(0, i).join("\n").length + (i > 0 ? 1 : 0) }))
    .filter((l) => l.line.startsWith("{"))
    .map((l) => ({ start: l.start, end: l.start + l.line.length }));
}

export function sampleResult(): FileResult {
  const related = diagAt(SAMPLE, "{deny, all}", "x", "info", "").range;
  return {
    path: "acl.conf",
    text: SAMPLE,
    dialect: "v5",
    dialectNote: null,
    forms: sampleForms(),
    diagnostics: [
      diagAt(
        SAMPLE,
        "pubsub",
        "schema-invalid-action",
        "error",
        "invalid action 'pubsub'; EMQX 5 expects publish, subscribe or all",
        2,
      ),
      {
        ...diagAt(SAMPLE, '["#"]', "final-allow-all", "warning", "allows everything, the 'x, y'\nrule", 2),
        related: [{ range: related, message: "the deny below" }],
      },
      diagAt(SAMPLE, "{deny, all}", "rule-unreachable", "info", "never fires: 100% covered", 3),
    ],
  };
}
