/**
 * HOCON grammar (Chevrotain, embedded actions) producing the {@link HoconObjectNode} tree.
 * Separators are forgiving the way HOCON is: fields may be separated by newlines or
 * commas, and trailing commas are allowed.
 */
import { EmbeddedActionsParser, type IToken } from "chevrotain";
import type { HoconArrayNode, HoconField, HoconInclude, HoconKeySegment, HoconNode, HoconObjectNode } from "./ast";
import {
  HBadString,
  HComma,
  HLBracket,
  HLCurly,
  HNewline,
  HPlusEquals,
  HRBracket,
  HRCurly,
  HSeparator,
  HString,
  HSubstitution,
  HTripleString,
  HUnquoted,
  hoconTokens,
} from "./lexer";

/** Decodes the JSON escapes of a `"…"` token; null when an escape is invalid. */
export function unquoteHocon(image: string): string | null {
  try {
    const v: unknown = JSON.parse(image);
    return typeof v === "string" ? v : null;
  } catch {
    return null;
  }
}

function tokenEnd(t: IToken): number {
  return t.startOffset + t.image.length;
}

const INCLUDE_WRAPPERS = /^(required|file|url|classpath)\($/;

class HoconParser extends EmbeddedActionsParser {
  /** Problems found inside tokens (bad escapes); the grammar errors are in `errors`. */
  tokenProblems: { start: number; end: number; message: string }[] = [];

  constructor() {
    super(hoconTokens, { maxLookahead: 2, recoveryEnabled: false });
    this.performSelfAnalysis();
  }

  document = this.RULE("document", (): HoconObjectNode => {
    this.MANY(() => this.CONSUME(HNewline));
    const root = this.OR([
      { ALT: () => this.SUBRULE(this.braced) },
      { ALT: () => this.SUBRULE(this.body, { ARGS: [0] }) },
    ]);
    this.MANY2(() => this.OR2([{ ALT: () => this.CONSUME2(HNewline) }, { ALT: () => this.CONSUME(HComma) }]));
    return root;
  });

  braced = this.RULE("braced", (): HoconObjectNode => {
    const open = this.CONSUME(HLCurly);
    const inner = this.SUBRULE(this.body, { ARGS: [open.startOffset] });
    const close = this.CONSUME(HRCurly);
    return this.ACTION(() => ({ ...inner, start: open.startOffset, end: tokenEnd(close) }));
  });

  body = this.RULE("body", (start: number): HoconObjectNode => {
    const items: (HoconField | HoconInclude)[] = [];
    this.MANY(() =>
      this.OR([
        { ALT: () => this.CONSUME(HNewline) },
        { ALT: () => this.CONSUME(HComma) },
        {
          GATE: () => this.LA(1).image === "include" && this.isIncludeTarget(this.LA(2)),
          ALT: () => items.push(this.SUBRULE(this.include)),
        },
        { ALT: () => items.push(this.SUBRULE(this.field)) },
      ]),
    );
    return this.ACTION(() => {
      const last = items[items.length - 1];
      return { kind: "object", items, start, end: last ? last.end : start };
    });
  });

  private isIncludeTarget(t: IToken): boolean {
    return t.tokenType === HString || (t.tokenType === HUnquoted && INCLUDE_WRAPPERS.test(t.image));
  }

  include = this.RULE("include", (): HoconInclude => {
    const kw = this.CONSUME(HUnquoted);
    let wrapper: IToken | undefined;
    this.OPTION(() => (wrapper = this.CONSUME2(HUnquoted)));
    const file = this.CONSUME(HString);
    let close: IToken | undefined;
    this.OPTION2(() => (close = this.CONSUME3(HUnquoted)));
    return this.ACTION(() => {
      if (wrapper && close?.image !== ")") {
        this.tokenProblems.push({
          start: file.startOffset,
          end: tokenEnd(file),
          message: "expected ')' after the include file name",
        });
      }
      return {
        kind: "include",
        file: this.decode(file),
        required: wrapper?.image === "required(",
        fileSpan: { start: file.startOffset, end: tokenEnd(file) },
        start: kw.startOffset,
        end: tokenEnd(close ?? file),
      };
    });
  });

  field = this.RULE("field", (): HoconField => {
    const path = this.SUBRULE(this.key);
    let op: "set" | "append" = "set";
    const value = this.OR([
      {
        ALT: () => {
          this.CONSUME(HSeparator);
          return this.SUBRULE(this.value);
        },
      },
      {
        ALT: () => {
          this.CONSUME(HPlusEquals);
          op = "append";
          return this.SUBRULE2(this.value);
        },
      },
      { ALT: () => this.SUBRULE(this.braced) },
    ]);
    return this.ACTION(() => ({ kind: "field", path, op, value, start: path[0].start, end: value.end }));
  });

  key = this.RULE("key", (): HoconKeySegment[] => {
    const toks: IToken[] = [];
    this.AT_LEAST_ONE(() =>
      this.OR([{ ALT: () => toks.push(this.CONSUME(HUnquoted)) }, { ALT: () => toks.push(this.CONSUME(HString)) }]),
    );
    return this.ACTION(() => this.keySegments(toks));
  });

  value = this.RULE("value", (): HoconNode => {
    const parts: HoconNode[] = [];
    this.AT_LEAST_ONE(() =>
      this.OR([
        { ALT: () => parts.push(this.stringNode(this.CONSUME(HUnquoted), "none")) },
        { ALT: () => parts.push(this.stringNode(this.CONSUME(HString), "double")) },
        { ALT: () => parts.push(this.stringNode(this.CONSUME(HTripleString), "triple")) },
        { ALT: () => parts.push(this.substitution(this.CONSUME(HSubstitution))) },
        { ALT: () => parts.push(this.SUBRULE(this.braced)) },
        { ALT: () => parts.push(this.SUBRULE(this.array)) },
        { ALT: () => parts.push(this.badString(this.CONSUME(HBadString))) },
      ]),
    );
    return this.ACTION(() =>
      parts.length === 1
        ? parts[0]
        : { kind: "concat", parts, start: parts[0].start, end: parts[parts.length - 1].end },
    );
  });

  array = this.RULE("array", (): HoconArrayNode => {
    const open = this.CONSUME(HLBracket);
    const items: HoconNode[] = [];
    this.MANY(() =>
      this.OR([
        { ALT: () => this.CONSUME(HNewline) },
        { ALT: () => this.CONSUME(HComma) },
        { ALT: () => items.push(this.SUBRULE(this.value)) },
      ]),
    );
    const close = this.CONSUME(HRBracket);
    return this.ACTION(() => ({ kind: "array", items, start: open.startOffset, end: tokenEnd(close) }));
  });

  private decode(t: IToken): string {
    const v = unquoteHocon(t.image);
    if (v === null) {
      this.tokenProblems.push({
        start: t.startOffset,
        end: tokenEnd(t),
        message: "invalid escape sequence in quoted string",
      });
      return t.image.slice(1, -1);
    }
    return v;
  }

  private stringNode(t: IToken, quoted: "none" | "double" | "triple"): HoconNode {
    const value = quoted === "none" ? t.image : quoted === "double" ? this.decode(t) : t.image.slice(3, -3);
    return { kind: "string", value, quoted, start: t.startOffset, end: tokenEnd(t) };
  }

  private badString(t: IToken): HoconNode {
    this.tokenProblems.push({ start: t.startOffset, end: tokenEnd(t), message: "unterminated quoted string" });
    return { kind: "string", value: t.image.slice(1), quoted: "double", start: t.startOffset, end: tokenEnd(t) };
  }

  private substitution(t: IToken): HoconNode {
    const optional = t.image.startsWith("${?");
    const path = t.image.slice(optional ? 3 : 2, -1).trim();
    return { kind: "substitution", path, optional, start: t.startOffset, end: tokenEnd(t) };
  }

  /** Splits unquoted key text on dots; quoted pieces are taken whole. */
  private keySegments(toks: IToken[]): HoconKeySegment[] {
    const segs: HoconKeySegment[] = [];
    let cur: HoconKeySegment | null = null;
    let prevEnd = -1;
    for (const t of toks) {
      const gap = prevEnd >= 0 ? " ".repeat(t.startOffset - prevEnd) : "";
      if (t.tokenType === HString) {
        if (!cur) {
          cur = { name: "", start: t.startOffset, end: t.startOffset };
          segs.push(cur);
        }
        cur.name += gap + this.decode(t);
        cur.end = tokenEnd(t);
      } else {
        let offset = t.startOffset;
        const pieces = t.image.split(".");
        pieces.forEach((piece, i) => {
          if (i > 0 || !cur) {
            cur = { name: "", start: offset, end: offset };
            segs.push(cur);
          } else cur.name += gap;
          cur.name += piece;
          cur.end = offset + piece.length;
          offset += piece.length + 1;
        });
      }
      prevEnd = tokenEnd(t);
    }
    return segs;
  }
}

let shared: HoconParser | null = null;

/** The parser is stateless between runs apart from its input; build it once. */
export function hoconParser(): HoconParser {
  shared ??= new HoconParser();
  shared.tokenProblems = [];
  return shared;
}

export type { HoconParser };
