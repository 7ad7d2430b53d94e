/**
 * Semantic tokens: atoms (permissions as keywords, the rest as enum members), strings with
 * placeholders as variables, numbers and comments. Tokens never span lines.
 */
import type { DocumentAnalysis } from "@emqx-acl/analysis";
import type { Range, Term } from "@emqx-acl/syntax";
import { SemanticTokensBuilder, type SemanticTokens, type SemanticTokensLegend } from "vscode-languageserver";
import { childrenOf, firstFormFrom } from "./locate";
import { findPlaceholders } from "./placeholders";

export const tokenTypes = ["keyword", "enumMember", "string", "number", "comment", "variable"] as const;
type TokenType = (typeof tokenTypes)[number];
export const semanticLegend: SemanticTokensLegend = { tokenTypes: [...tokenTypes], tokenModifiers: [] };

const KEYWORDS = new Set(["allow", "deny"]);
const TYPE_INDEX = Object.fromEntries(tokenTypes.map((t, i) => [t, i])) as Record<TokenType, number>;

interface Tok {
  start: number;
  end: number;
  type: TokenType;
}

function leafTokens(text: string, t: Term, out: Tok[]): void {
  switch (t.kind) {
    case "atom":
      out.push({ start: t.start, end: t.end, type: KEYWORDS.has(t.value) ? "keyword" : "enumMember" });
      return;
    case "integer":
    case "float":
      out.push({ start: t.start, end: t.end, type: "number" });
      return;
    case "string":
    case "binary": {
      let at = t.start;
      const literal = text.slice(t.start, t.end);
      const maybe = literal.includes("$") || literal.includes("%");
      for (const p of maybe ? findPlaceholders(literal, t.start) : []) {
        if (p.start > at) out.push({ start: at, end: p.start, type: "string" });
        out.push({ start: p.start, end: p.end, type: "variable" });
        at = p.end;
      }
      if (t.end > at) out.push({ start: at, end: t.end, type: "string" });
      return;
    }
    default:
      for (const c of childrenOf(t)) leafTokens(text, c, out);
  }
}

/** All tokens of the document, encoded as LSP asks (relative positions). */
export function provideSemanticTokens(a: DocumentAnalysis, range?: Range): SemanticTokens {
  const li = a.parse.lineIndex;
  // a range request (the visible part of a large file) only looks at the forms in it
  const from = range ? li.offset(range.start) : 0;
  const to = range ? li.offset(range.end) : li.text.length;
  const toks: Tok[] = [];
  const forms = a.parse.forms;
  for (let i = range ? firstFormFrom(forms, from) : 0; i < forms.length && forms[i].start <= to; i++) {
    const t = forms[i].term;
    if (t) leafTokens(li.text, t, toks);
  }
  const comments: Tok[] = [];
  for (const c of a.parse.comments) if (c.end >= from && c.start <= to) comments.push({ start: c.start, end: c.end, type: "comment" });
  const all = mergeSorted(toks, comments);
  const builder = new SemanticTokensBuilder();
  const text = li.text;
  let lastEnd = -1;
  // tokens come in offset order, so one forward walk over line starts replaces a binary
  // search per token (this runs on every edit of a 10k-rule file)
  let line = all.length ? li.position(all[0].start).line : 0;
  let nextLineStart = line + 1 < li.lineCount ? li.lineStart(line + 1) : Infinity;
  const advance = (offset: number) => {
    while (offset >= nextLineStart) {
      line++;
      nextLineStart = line + 1 < li.lineCount ? li.lineStart(line + 1) : Infinity;
    }
  };
  for (const tok of all) {
    if (tok.start < lastEnd) continue; // a comment inside a concatenated string was already covered
    lastEnd = tok.end;
    const type = TYPE_INDEX[tok.type];
    // split at line breaks: LSP tokens are single-line
    let s = tok.start;
    while (s < tok.end) {
      advance(s);
      const e = Math.min(tok.end, nextLineStart);
      let len = e - s;
      while (len > 0 && (text.charCodeAt(s + len - 1) === 10 || text.charCodeAt(s + len - 1) === 13)) len--;
      if (len > 0) builder.push(line, s - li.lineStart(line), len, type, 0);
      s = e;
    }
  }
  return builder.build();
}

function mergeSorted(a: Tok[], b: Tok[]): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    if (j >= b.length || (i < a.length && a[i].start <= b[j].start)) out.push(a[i++]);
    else out.push(b[j++]);
  }
  return out;
}
