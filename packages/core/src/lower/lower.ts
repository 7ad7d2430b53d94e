/**
 * `lower(parse, dialect)`: the parsed forms → the rule model of one EMQX version, plus
 * `schema-*` error diagnostics for every term that version refuses to load (EMQX stops at
 * the first: `ruleSet.loadError`), `regex-unsupported` and `dialect-mixed` warnings.
 *
 * Each form is lowered on its own (`lowerForm`); only the dialect choice and the
 * assembly look at the whole file, which is what lets `IncrementalLowerer` redo just the
 * forms an edit touched.
 */
import type { Diagnostic, ParseResult, Span, TopLevelForm } from "@emqx-acl/syntax";
import type { Dialect, LoadError, Rule, RuleSet } from "../model/rule";
import { lowerRule } from "./lower-rule";
import { chooseDialect, collectEvidence, type DialectEvidence } from "./detect-dialect";
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

/** What one form lowers to, whatever the other forms are. */
export interface FormLowering {
  /** null when the form has no tree or EMQX refuses it. */
  rule: Rule | null;
  error: LowerWarning | null;
  warnings: LowerWarning[];
}

/** Lowers a parsed document for one dialect (or infers it with `auto`). */
export function lower(parse: LowerInput, dialect: Dialect | "auto"): LowerResult {
  const evidence = dialect === "auto" ? collectEvidence(parse.forms) : null;
  const chosen = evidence ? chooseDialect(evidence).dialect : (dialect as Dialect);
  return assembleLowering(
    parse,
    chosen,
    evidence,
    parse.forms.map((f) => lowerForm(f, chosen)),
  );
}

/** Lowers one form. Its error and warnings get spans of their own (not the term nodes'). */
export function lowerForm(form: TopLevelForm, dialect: Dialect): FormLowering {
  const found: LowerWarning[] = [];
  if (form.term === null) return { rule: null, error: null, warnings: found };
  const own = (w: LowerWarning) => ({ id: w.id, message: w.message, at: { start: w.at.start, end: w.at.end } });
  try {
    const rule = lowerRule(form.term, form.index, { dialect, warnings: found });
    return { rule, error: null, warnings: found.map(own) };
  } catch (e) {
    if (!(e instanceof SchemaError)) throw e;
    return { rule: null, error: own(e), warnings: found.map(own) };
  }
}

/**
 * The whole file's result from its forms' lowerings (in form order) and, for `auto`, the
 * evidence the dialect was chosen from (`chosen` must be what that evidence picks).
 */
export function assembleLowering(
  parse: LowerInput,
  chosen: Dialect,
  evidence: DialectEvidence | null,
  forms: readonly FormLowering[],
): LowerResult {
  const diagnostics: Diagnostic[] = [];
  const range = (s: Span) => parse.lineIndex.range(s.start, s.end);
  let dialectNote: string | null = null;
  if (evidence) {
    dialectNote = chooseDialect(evidence).note;
    if (evidence.v4.length && (evidence.v5.length || evidence.v6.length)) {
      const a = evidence.v4[0];
      const b = evidence.v5[0] ?? evidence.v6[0];
      diagnostics.push({
        id: "dialect-mixed",
        severity: "warning",
        message: `this file mixes EMQX 4 syntax (${a.name}) with EMQX 5+ syntax (${b.name}); no single EMQX version loads both as intended`,
        range: range(a.at),
        term: formIndexAt(parse, a.at.start),
        related: [{ range: range(b.at), message: `EMQX 5+ construct: ${b.name}` }],
      });
    }
  }

  const syntaxError = parse.diagnostics.find((d) => d.severity === "error");
  const rules: Rule[] = [];
  let loadError: LoadError | null = syntaxError ? { message: syntaxError.message, term: null } : null;
  for (let i = 0; i < forms.length; i++) {
    const { rule, error } = forms[i];
    if (rule) rules.push(rule);
    if (!error) continue;
    const index = parse.forms[i].index;
    loadError ??= { message: error.message, term: index };
    // when the file does not even consult, EMQX never compiles a rule: no schema errors
    if (!syntaxError)
      diagnostics.push({
        id: error.id,
        severity: "error",
        message: error.message,
        range: range(error.at),
        term: index,
      });
  }
  for (let i = 0; i < forms.length; i++) {
    for (const w of forms[i].warnings) {
      diagnostics.push({
        id: w.id,
        severity: "warning",
        message: w.message,
        range: range(w.at),
        term: parse.forms[i].index,
      });
    }
  }
  const ruleSet: RuleSet = { dialect: chosen, rules: loadError ? [] : rules, loadError };
  return { dialect: chosen, dialectNote, ruleSet, diagnostics };
}

function formIndexAt(parse: LowerInput, offset: number): number | null {
  const f = parse.forms.find((x) => x.start <= offset && offset < x.end);
  return f ? f.index : null;
}
