/**
 * Text → HOCON syntax tree, with every lexing or grammar problem as a `hocon-syntax`
 * diagnostic (line/column via {@link LineIndex}); never throws on bad input.
 */
import type { Diagnostic } from "../diagnostic";
import { LineIndex } from "../line-index";
import type { HoconObjectNode } from "./ast";
import type { IToken } from "chevrotain";
import { HLBracket, HLCurly, HRBracket, HRCurly, lexHocon } from "./lexer";
import { MAX_CONFIG_DEPTH } from "./limits";
import { hoconParser } from "./parser";

export interface HoconParseResult {
  /** Null when the text does not parse; the diagnostics say why. */
  ast: HoconObjectNode | null;
  diagnostics: Diagnostic[];
  lines: LineIndex;
}

function syntaxDiagnostic(lines: LineIndex, start: number, end: number, message: string): Diagnostic {
  return { id: "hocon-syntax", severity: "error", message, range: lines.range(start, end), term: null };
}

/** Parses one HOCON file (no includes or substitutions resolved: see `loadHocon`). */
export function parseHocon(text: string): HoconParseResult {
  const lines = new LineIndex(text);
  const { tokens, errors } = lexHocon(text);
  const diagnostics = errors.map((e) => syntaxDiagnostic(lines, e.offset, e.offset + e.length, e.message));
  // the grammar recurses per bracket: refuse what would overflow the stack before parsing
  const tooDeep = firstTooDeep(tokens);
  if (tooDeep) {
    const message = `objects and arrays nest deeper than ${MAX_CONFIG_DEPTH} levels here`;
    const d: Diagnostic = {
      id: "hocon-too-deep",
      severity: "error",
      message,
      range: lines.range(tooDeep.startOffset, tooDeep.startOffset + 1),
      term: null,
    };
    return { ast: null, diagnostics: [...diagnostics, d], lines };
  }
  const parser = hoconParser();
  parser.input = tokens;
  const ast = parser.document();
  for (const p of parser.tokenProblems) diagnostics.push(syntaxDiagnostic(lines, p.start, p.end, p.message));
  for (const err of parser.errors) {
    const t = err.token;
    const eof = t.tokenType.name === "EOF" || Number.isNaN(t.startOffset);
    const start = eof ? text.length : t.startOffset;
    const end = eof ? text.length : t.startOffset + t.image.length;
    const found = eof
      ? "end of file"
      : t.image === "\n" || t.image === "\r\n"
        ? "end of line"
        : JSON.stringify(t.image);
    diagnostics.push(syntaxDiagnostic(lines, start, end, `unexpected ${found}: ${describe(err.message)}`));
  }
  const ok = diagnostics.length === 0;
  return { ast: ok ? ast : null, diagnostics, lines };
}

/** The first `{` or `[` that opens a level past {@link MAX_CONFIG_DEPTH}, if any. */
function firstTooDeep(tokens: IToken[]): IToken | undefined {
  let depth = 0;
  for (const t of tokens) {
    if (t.tokenType === HLCurly || t.tokenType === HLBracket) {
      if (++depth > MAX_CONFIG_DEPTH) return t;
    } else if (t.tokenType === HRCurly || t.tokenType === HRBracket) depth = Math.max(0, depth - 1);
  }
  return undefined;
}

/** Chevrotain messages are long and name internal token types; keep the gist. */
function describe(message: string): string {
  if (/EOF/.test(message) && /Expecting/.test(message)) return "the document ended early (missing '}' or ']'?)";
  const m = /Expecting (?:token of type )?--> (\S+) <--/.exec(message);
  if (m) return `expected ${m[1].replace(/^'|'$/g, "")}`;
  if (/one of these possible Token sequences/.test(message)) return "expected a key, a value or a separator";
  return message.split("\n")[0];
}
