/**
 * Re-lowering after an edit: the forms an edit left alone keep their lowering (moved
 * along with their text), only the re-parsed ones are lowered again — unless the dialect
 * `auto` picks changes, which redoes everything. The result equals `lower(parse, dialect)`.
 * Like the parser's, a result is valid until the next call (carried-over rules move in place).
 */
import type { FormSplice, TopLevelForm } from "@emqx-acl/syntax";
import { DIALECTS, perDialect, type Dialect } from "../model/dialects";
import { shiftRule, shiftSpan } from "../model/move-rule";
import { chooseDialect, collectEvidence, noEvidence, type Construct, type DialectEvidence } from "./detect-dialect";
import { assembleLowering, lowerForm, type FormLowering, type LowerInput, type LowerResult } from "./lower";

/** The first construct of each generation one form uses (what choosing a dialect needs). */
type FormEvidence = Partial<Record<Dialect, Construct>>;

export class IncrementalLowerer {
  private forms: FormLowering[] = [];
  private dialect: Dialect | null = null;
  /** Kept only while `auto` is asked for. */
  private evidence: FormEvidence[] | null = null;

  /**
   * Lowers `parse`, the result of applying `splice` to the forms of the previous call's
   * parse (null: the forms are all new).
   */
  lower(parse: LowerInput, dialect: Dialect | "auto", splice: FormSplice | null): LowerResult {
    // the splice must describe the forms this lowerer saw last
    const valid =
      splice !== null &&
      this.dialect !== null &&
      this.forms.length === parse.forms.length - splice.inserted + splice.removed;
    let evidence: DialectEvidence | null = null;
    if (dialect === "auto") {
      this.evidence =
        valid && this.evidence
          ? spliced(this.evidence, splice!, parse.forms, formEvidence, moveEvidence)
          : parse.forms.map(formEvidence);
      evidence = firsts(this.evidence);
    } else this.evidence = null;
    const chosen = evidence ? chooseDialect(evidence).dialect : (dialect as Dialect);
    this.forms =
      valid && chosen === this.dialect
        ? spliced(this.forms, splice!, parse.forms, (f) => lowerForm(f, chosen), moveLowering)
        : parse.forms.map((f) => lowerForm(f, chosen));
    this.dialect = chosen;
    return assembleLowering(parse, chosen, evidence, this.forms);
  }
}

/** Applies a form splice to per-form values: kept, computed for the new forms, moved. */
function spliced<V>(
  old: readonly V[],
  s: FormSplice,
  forms: readonly TopLevelForm[],
  compute: (f: TopLevelForm) => V,
  move: (v: V, delta: number, renumber: number) => V,
): V[] {
  const out = old.slice(0, s.keep);
  for (let i = s.keep; i < s.keep + s.inserted; i++) out.push(compute(forms[i]));
  const renumber = s.inserted - s.removed;
  for (let i = s.keep + s.removed; i < old.length; i++) out.push(move(old[i], s.delta, renumber));
  return out;
}

/** Moves a carried-over form's lowering in place (its spans are its own: see `lowerForm`). */
function moveLowering(l: FormLowering, delta: number, renumber: number): FormLowering {
  if (l.rule) shiftRule(l.rule, delta, renumber);
  if (delta === 0) return l;
  if (l.error) shiftSpan(l.error.at, delta);
  for (const w of l.warnings) shiftSpan(w.at, delta);
  return l;
}

/** A form's evidence, its spans copied (the lowerer moves them; the term tree moves itself). */
function formEvidence(f: TopLevelForm): FormEvidence {
  const ev = collectEvidence([f]);
  const own = (c: Construct | undefined) => c && { name: c.name, at: { start: c.at.start, end: c.at.end } };
  return perDialect((d) => own(ev[d][0]));
}

function moveEvidence(e: FormEvidence, delta: number): FormEvidence {
  if (delta === 0) return e;
  for (const d of DIALECTS) {
    const c = e[d];
    if (c) shiftSpan(c.at, delta);
  }
  return e;
}

/** The file's evidence, reduced to the first construct of each generation. */
function firsts(per: readonly FormEvidence[]): DialectEvidence {
  const ev = noEvidence();
  for (const e of per) {
    for (const d of DIALECTS) {
      const c = e[d];
      if (c && !ev[d].length) ev[d].push(c);
    }
  }
  return ev;
}
