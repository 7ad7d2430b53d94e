/**
 * Semantic tokens: atoms (permissions as keywords, the rest as enum members), strings with
 * placeholders as variables, numbers and comments. Tokens never span lines.
 */
import type { DocumentAnalysis } from "@emqx-acl/analysis";
import type { Range, Term, TopLevelForm } from "@emqx-acl/syntax";
import type { SemanticTokens, SemanticTokensLegend } from "vscode-languageserver";
import { firstFormFrom } from "./locate";
import { findPlaceholders } from "./placeholders";

export const tokenTypes = ["keyword", "enumMember", "string", "number", "comment", "variable"] as const;
export const semanticLegend: SemanticTokensLegend = { tokenTypes: [...tokenTypes], tokenModifiers: [] };

const KEYWORDS = new Set(["allow", "deny"]);

/**
 * A form's tokens as flat triples (start, end, type index) relative to the form's start.
 * Cached per form object: the incremental parser keeps the objects of forms an edit did not
 * touch (moving them in place), so after a keystroke only the edited form is walked again.
 */
const formTokens = new WeakMap<TopLevelForm, number[]>();

function tokensOf(text: string, f: TopLevelForm, t: Term): number[] {
  let toks = formTokens.get(f);
  if (!toks) {
    toks = [];
    leafTokens(text, t, f.start, toks);
    formTokens.set(f, toks);
  }
  return toks;
}

function leafTokens(text: string, t: Term, base: number, out: number[]): void {
  switch (t.kind) {
    case "atom":
      out.push(t.start - base, t.end - base, KEYWORDS.has(t.value) ? KEYWORD : ENUM_MEMBER);
      return;
    case "integer":
    case "float":
      out.push(t.start - base, t.end - base, NUMBER);
      return;
    case "string":
    case "binary": {
      let at = t.start;
      const literal = text.slice(t.start, t.end);
      const maybe = literal.includes("$") || literal.includes("%");
      for (const p of maybe ? findPlaceholders(literal, t.start) : []) {
        if (p.start > at) out.push(at - base, p.start - base, STRING);
        out.push(p.start - base, p.end - base, VARIABLE);
        at = p.end;
      }
      if (t.end > at) out.push(at - base, t.end - base, STRING);
      return;
    }
    case "tuple":
    case "list":
      for (const c of t.elements) leafTokens(text, c, base, out);
      if (t.kind === "list" && t.tail) leafTokens(text, t.tail, base, out);
      return;
    case "map":
      for (const e of t.entries) {
        leafTokens(text, e.key, base, out);
        leafTokens(text, e.value, base, out);
      }
  }
}

const [KEYWORD, ENUM_MEMBER, STRING, NUMBER, COMMENT, VARIABLE] = tokenTypes.map((_, i) => i);

/** All tokens of the document (or of the forms in `range`), encoded as LSP asks (relative positions). */
export function provideSemanticTokens(a: DocumentAnalysis, range?: Range): SemanticTokens {
  const li = a.parse.lineIndex;
  const text = li.text;
  // a range request (the visible part of a large file) only looks at the forms in it
  const from = range ? li.offset(range.start) : 0;
  const to = range ? li.offset(range.end) : text.length;
  const forms = a.parse.forms;
  const comments = a.parse.comments;
  const data: number[] = [];
  let c = 0;
  while (c < comments.length && comments[c].end < from) c++;
  // tokens come in offset order, so one forward walk over line starts replaces a binary
  // search per token (this runs after every edit of a 10k-rule file)
  // (from the first token's line: the first form in a range may start above the range)
  let line = -1;
  let lineStart = 0;
  let nextLineStart = 0;
  let prevLine = 0;
  let prevChar = 0;
  let lastEnd = -1;
  const emit = (start: number, end: number, type: number) => {
    if (start < lastEnd) return; // a comment inside a concatenated string was already covered
    lastEnd = end;
    if (line < 0) {
      line = li.position(start).line;
      lineStart = li.lineStart(line);
      nextLineStart = line + 1 < li.lineCount ? li.lineStart(line + 1) : Infinity;
    }
    // split at line breaks: LSP tokens are single-line
    for (let s = start; s < end;) {
      while (s >= nextLineStart) {
        line++;
        lineStart = nextLineStart;
        nextLineStart = line + 1 < li.lineCount ? li.lineStart(line + 1) : Infinity;
      }
      const e = Math.min(end, nextLineStart);
      let len = e - s;
      while (len > 0 && (text.charCodeAt(s + len - 1) === 10 || text.charCodeAt(s + len - 1) === 13)) len--;
      if (len > 0) {
        const char = s - lineStart;
        data.push(line - prevLine, line === prevLine ? char - prevChar : char, len, type, 0);
        prevLine = line;
        prevChar = char;
      }
      s = e;
    }
  };
  const commentsBefore = (offset: number) => {
    for (; c < comments.length && comments[c].start <= to && comments[c].start < offset; c++)
      emit(comments[c].start, comments[c].end, COMMENT);
  };
  for (let i = range ? firstFormFrom(forms, from) : 0; i < forms.length && forms[i].start <= to; i++) {
    const f = forms[i];
    if (!f.term) continue;
    const toks = tokensOf(text, f, f.term);
    for (let k = 0; k < toks.length; k += 3) {
      commentsBefore(f.start + toks[k]);
      emit(f.start + toks[k], f.start + toks[k + 1], toks[k + 2]);
    }
  }
  commentsBefore(Infinity);
  return { data };
}
