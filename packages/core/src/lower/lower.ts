/**
 * `lower(parse, dialect)`: the parsed forms → the rule model of one EMQX version, plus
 * `schema-*` error diagnostics for every term that version refuses to load (EMQX stops at
 * the first: `ruleSet.loadError`), `regex-unsupported` and `dialect-mixed` warnings.
 */
import type { Diagnostic, ParseResult, Span } from "@emqx-acl/syntax";
import type { Dialect, LoadError, Rule, RuleSet } from "../model/rule";
import { lowerRule } from "./lower-rule";
import { chooseDialect, collectEvidence } from "./detect-dialect";
import { SchemaError, type LowerWarning } from "./schema-error";

export interface LowerResult {
  dialect: Dialect;
  /** How `auto` chose the dialect; null when the dialect was given. */
  dialectNote: string | null;
  ruleSet: RuleSet;
  diagnostics: Diagnostic[];
}

/** The parts of a `ParseResult` lowering reads. */
export type LowerInput = Pick<ParseResult, "forms" | "diagnostics" | "lineIndex">;

/** Lowers a parsed document for one dialect (or infers it with `auto`). */
export function lower(parse: LowerInput, dialect: Dialect | "auto"): LowerResult {
  const diagnostics: Diagnostic[] = [];
  const range = (s: Span) => parse.lineIndex.range(s.start, s.end);
  let chosen: Dialect;
  let dialectNote: string | null = null;
  if (dialect === "auto") {
    const ev = collectEvidence(parse.forms);
    ({ dialect: chosen, note: dialectNote } = chooseDialect(ev));
    if (ev.v4.length && (ev.v5.length || ev.v6.length)) {
      const a = ev.v4[0];
      const b = ev.v5[0] ?? ev.v6[0];
      diagnostics.push({
        id: "dialect-mixed",
        severity: "warning",
        message: `this file mixes EMQX 4 syntax (${a.name}) with EMQX 5+ syntax (${b.name}); no single EMQX version loads both as intended`,
        range: range(a.at),
        term: formIndexAt(parse, a.at.start),
        related: [{ range: range(b.at), message: `EMQX 5+ construct: ${b.name}` }],
      });
    }
  } else chosen = dialect;

  const syntaxError = parse.diagnostics.find((d) => d.severity === "error");
  const rules: Rule[] = [];
  let loadError: LoadError | null = syntaxError ? { message: syntaxError.message, term: null } : null;
  const warnings: LowerWarning[] = [];
  for (const form of parse.forms) {
    if (form.term === null) continue;
    try {
      rules.push(lowerRule(form.term, form.index, { dialect: chosen, warnings }));
    } catch (e) {
      if (!(e instanceof SchemaError)) throw e;
      loadError ??= { message: e.message, term: form.index };
      // when the file does not even consult, EMQX never compiles a rule: no schema errors
      if (!syntaxError) diagnostics.push({ id: e.id, severity: "error", message: e.message, range: range(e.at), term: form.index });
    }
  }
  for (const w of warnings) {
    diagnostics.push({ id: w.id, severity: "warning", message: w.message, range: range(w.at), term: formIndexAt(parse, w.at.start) });
  }
  const ruleSet: RuleSet = { dialect: chosen, rules: loadError ? [] : rules, loadError };
  return { dialect: chosen, dialectNote, ruleSet, diagnostics };
}

function formIndexAt(parse: LowerInput, offset: number): number | null {
  const f = parse.forms.find((x) => x.start <= offset && offset < x.end);
  return f ? f.index : null;
}
