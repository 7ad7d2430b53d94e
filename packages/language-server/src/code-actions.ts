/**
 * Code actions: every fix a diagnostic carries, v4 → v5 migrations (the acl emitter's), removing
 * an unreachable rule, an `%% emqx-acl ignore:<id>` comment for what may be suppressed, and
 * "fix all" as a source action.
 */
import { fixAllEdits, removalEdit, type DocumentAnalysis } from "@emqx-acl/analysis";
import type { Diagnostic, Range, TextEdit } from "@emqx-acl/syntax";
import { CodeActionKind, type CodeAction } from "vscode-languageserver";
import { toLspDiagnostic } from "./convert";
import { migrationsBetween, v4Migrations } from "./migrate";

const before = (a: Range["start"], b: Range["start"]) =>
  a.line < b.line || (a.line === b.line && a.character < b.character);
const overlaps = (a: Range, b: Range) => !before(a.end, b.start) && !before(b.end, a.start);

/** Ids of diagnostics that say a rule can never match. */
export const isUnreachable = (id: string): boolean => /unreachable|shadowed|redundant|dead/.test(id);

function removeFormEdit(a: DocumentAnalysis, index: number): TextEdit | null {
  const li = a.parse.lineIndex;
  const e = removalEdit({ text: li.text, forms: a.parse.forms, lineIndex: li }, index);
  return e && { range: li.range(e.start, e.end), newText: e.newText };
}

/**
 * `%% emqx-acl ignore:<id>` on its own line right above the diagnostic's term (where the
 * analysis looks for it), indented like the term; above the diagnostic's line otherwise.
 */
function ignoreEdit(a: DocumentAnalysis, d: Diagnostic): TextEdit {
  const li = a.parse.lineIndex;
  const eol = /\r\n/.test(li.text) ? "\r\n" : "\n";
  const marker = `%% emqx-acl ignore:${d.id}`;
  const form = d.term !== null ? a.parse.forms[d.term - 1] : undefined;
  const at = form && form.index === d.term ? form.start : li.offset(d.range.start);
  const pos = li.position(at);
  const before = li.text.slice(li.lineStart(pos.line), at);
  if (/^[ \t]*$/.test(before) || !form) {
    const indent = /^[ \t]*/.exec(before)?.[0] ?? "";
    return {
      range: { start: { line: pos.line, character: 0 }, end: { line: pos.line, character: 0 } },
      newText: `${indent}${marker}${eol}`,
    };
  }
  // the term shares its line with an earlier one: break the line before it
  return { range: { start: pos, end: pos }, newText: `${eol}${marker}${eol}` };
}

function action(
  title: string,
  kind: string,
  uri: string,
  edits: TextEdit[],
  diags: Diagnostic[],
  preferred = false,
): CodeAction {
  return {
    title,
    kind,
    diagnostics: diags.map((d) => toLspDiagnostic(d, uri)),
    edit: { changes: { [uri]: edits } },
    ...(preferred ? { isPreferred: true } : {}),
  };
}

export const MIGRATE_KIND = "source.migrate.emqx5";

/** Diagnostics the rule's migration answers: EMQX 5's refusal, or EMQX 4 placeholders read as text. */
const answeredByMigration = (d: Diagnostic) => d.severity === "error" || d.id === "v4-syntax-in-v5";

/**
 * v4 → v5 rewrites of the rules under the cursor (quick fixes where EMQX 5 refuses the rule
 * or reads its placeholders as text), and of every rule at once when the file is EMQX 4's.
 */
function migrations(a: DocumentAnalysis, uri: string, range: Range, here: Diagnostic[], out: CodeAction[]): void {
  const li = a.parse.lineIndex;
  for (const m of migrationsBetween(a, li.offset(range.start), li.offset(range.end)).filter(
    (x) => x.v4Only && overlaps(x.edit.range, range),
  )) {
    const fixes = here.filter((d) => d.term === m.term && answeredByMigration(d));
    out.push(
      action(
        m.title,
        fixes.length ? CodeActionKind.QuickFix : CodeActionKind.RefactorRewrite,
        uri,
        [m.edit],
        fixes,
        fixes.length > 0,
      ),
    );
  }
  const all = v4Migrations(a);
  if (all.length) {
    out.push(
      action(
        `Migrate ${all.length} rule${all.length > 1 ? "s" : ""} to EMQX 5`,
        MIGRATE_KIND,
        uri,
        all.map((m) => m.edit),
        [],
      ),
    );
  }
}

/** Code actions for `range`; `only` filters by kind prefix as LSP asks. */
export function provideCodeActions(a: DocumentAnalysis, uri: string, range: Range, only?: string[]): CodeAction[] {
  const out: CodeAction[] = [];
  const here = a.diagnostics.filter((d) => overlaps(d.range, range));
  for (const d of here) {
    if (d.fix) out.push(action(d.fix.title, CodeActionKind.QuickFix, uri, d.fix.edits, [d], true));
    // lint rules usually carry the removal as their fix; offer it only when they do not
    if (d.term !== null && isUnreachable(d.id) && !d.fix) {
      const edit = removeFormEdit(a, d.term);
      if (edit) out.push(action(`Remove unreachable rule #${d.term}`, CodeActionKind.QuickFix, uri, [edit], [d]));
    }
    if (d.severity !== "error" && !d.id.startsWith("syntax-")) {
      out.push(
        action(
          `Ignore ${d.id} here (%% emqx-acl ignore:${d.id})`,
          CodeActionKind.QuickFix,
          uri,
          [ignoreEdit(a, d)],
          [d],
        ),
      );
    }
  }
  migrations(a, uri, range, here, out);
  const all = fixAllEdits(a.diagnostics);
  if (all.length) {
    out.push(
      action(
        "Fix all emqx-acl problems",
        CodeActionKind.SourceFixAll,
        uri,
        all,
        a.diagnostics.filter((d) => d.fix),
      ),
    );
  }
  return only?.length ? out.filter((c) => only.some((k) => c.kind === k || c.kind!.startsWith(`${k}.`))) : out;
}
