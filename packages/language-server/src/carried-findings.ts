/**
 * While a term is broken EMQX refuses the whole file, so lint does not run; yet the
 * findings on the rules the edit did not touch still describe that text. They are carried
 * from the last version that loaded: lines before the first changed line keep their place,
 * lines after the last changed one move by the change in line count, and a finding (or
 * related location) on a changed line is dropped. Carried findings say where they come
 * from and lose their fixes (a fix is offered again once the file loads).
 */
import { allRules } from "@emqx-acl/analysis";
import type { Diagnostic, Range } from "@emqx-acl/syntax";

const LINT_IDS = new Set(allRules.map((r) => r.id));
export const CARRIED_NOTE = " (as of the last version EMQX could load)";

export class CarriedFindings {
  private readonly last = new Map<string, { lines: string[]; lint: Diagnostic[] }>();

  /** The lint findings of a version that loaded. */
  remember(uri: string, text: string, diagnostics: Diagnostic[]): void {
    this.last.set(uri, { lines: text.split("\n"), lint: diagnostics.filter((d) => LINT_IDS.has(d.id)) });
  }

  /** The remembered findings that still stand on `text` (a version that does not load). */
  carry(uri: string, text: string): Diagnostic[] {
    const last = this.last.get(uri);
    if (!last) return [];
    const map = lineMap(last.lines, text.split("\n"));
    const out: Diagnostic[] = [];
    for (const d of last.lint) {
      const range = map(d.range);
      if (!range) continue;
      const related = d.related?.flatMap((r) => {
        const m = map(r.range);
        return m ? [{ ...r, range: m }] : [];
      });
      const c: Diagnostic = { id: d.id, severity: d.severity, message: d.message + CARRIED_NOTE, range, term: d.term };
      if (related?.length) c.related = related;
      out.push(c);
    }
    return out;
  }

  forget(uri: string): void {
    this.last.delete(uri);
  }

  /** How many documents it remembers findings of. */
  get size(): number {
    return this.last.size;
  }

  /** Settings changed: the findings were made under the old ones. */
  clear(): void {
    this.last.clear();
  }
}

/** Maps a range of the old lines onto the new ones; null when it touches a changed line. */
function lineMap(old: string[], now: string[]): (r: Range) => Range | null {
  const most = Math.min(old.length, now.length);
  let p = 0;
  while (p < most && old[p] === now[p]) p++;
  let s = 0;
  while (s < most - p && old[old.length - 1 - s] === now[now.length - 1 - s]) s++;
  const afterOld = old.length - s;
  const shift = now.length - old.length;
  return (r) => {
    if (r.end.line < p) return r;
    if (r.start.line >= afterOld)
      return {
        start: { line: r.start.line + shift, character: r.start.character },
        end: { line: r.end.line + shift, character: r.end.character },
      };
    return null;
  };
}
