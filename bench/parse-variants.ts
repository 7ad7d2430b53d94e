/**
 * The measurements behind the parser's design (`pnpm bench parse --variants`): Chevrotain's
 * regex lexer (full vs `onlyOffset` position tracking) against the hand-written scanner,
 * recovery on/off, `maxLookahead`, a CST parser against the embedded-actions parser, one
 * whole-file parser call against batches of whole forms. CPU milliseconds, best of 5.
 */
import { CstParser, Lexer, createToken, type IToken, type TokenType } from "chevrotain";
import { Scanner, tokenize } from "../packages/syntax/src/lexer";
import { TermParser } from "../packages/syntax/src/parser";
import { parseDocument } from "../packages/syntax/src/parse-document";
import * as T from "../packages/syntax/src/tokens";
import { table } from "./harness";

function cpuBest(fn: () => unknown, runs = 5): number {
  fn();
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const c0 = process.cpuUsage();
    fn();
    const c = process.cpuUsage(c0);
    best = Math.min(best, (c.user + c.system) / 1000);
  }
  return best;
}

/** A conventional Chevrotain lexer for the same language (regex per token). */
function chevrotainLexer(positionTracking: "full" | "onlyOffset"): Lexer {
  const tok = (name: string, pattern: RegExp, extra: object = {}) =>
    createToken({ name: `${name}X`, pattern, ...extra });
  const defs: TokenType[] = [
    tok("WS", /[\s\u0080-\u00a0]+/, { group: Lexer.SKIPPED }),
    tok("Comment", /%[^\n\r]*/, { group: "comments" }),
    tok("String", /"(?:[^"\\]|\\[\s\S])*"/),
    tok("QuotedAtom", /'(?:[^'\\]|\\[\s\S])*'/),
    tok("Float", /\d(?:_?\d)*\.\d(?:_?\d)*(?:[eE][+-]?\d+)?/),
    tok("Integer", /\d(?:_?\d)*(?:#[0-9a-zA-Z](?:_?[0-9a-zA-Z])*)?/),
    tok("Char", /\$(?:\\(?:x\{[0-9a-fA-F]+\}|x[0-9a-fA-F]{2}|[0-7]{1,3}|\^.|[\s\S])|[\s\S])/),
    tok("Atom", /[a-z\u00df-\u00f6\u00f8-\u00ff][\w@\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]*/),
    tok("Var", /[A-Z_\u00c0-\u00d6\u00d8-\u00de][\w@\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u00ff]*/),
    tok("LBin", /<</),
    tok("RBin", />>/),
    tok("Arrow", /=>/),
    tok("Dot", /\.(?=[\s%]|(?![\s\S]))/),
    tok("Punct", /[{}[\](),|#:\/+\-.]/),
    tok("Op", /[^\s\w]/),
  ];
  return new Lexer(defs, { positionTracking, ensureOptimizations: false });
}

/** The same grammar as a CST parser (no actions), to compare with embedded actions. */
class CstTermParser extends CstParser {
  constructor() {
    super(T.allTokenTypes, { recoveryEnabled: false, maxLookahead: 1, skipValidations: true });
    this.performSelfAnalysis();
  }
  public document = this.RULE("document", () =>
    this.MANY(() => {
      this.SUBRULE(this.term);
      this.CONSUME(T.Dot);
    }),
  );
  public term = this.RULE("term", () =>
    this.OR([
      { ALT: () => this.CONSUME(T.Atom) },
      { ALT: () => this.CONSUME(T.QuotedAtom) },
      { ALT: () => this.AT_LEAST_ONE(() => this.CONSUME(T.StringLit)) },
      { ALT: () => this.CONSUME(T.Integer) },
      { ALT: () => this.CONSUME(T.Float) },
      { ALT: () => this.CONSUME(T.Char) },
      { ALT: () => this.SUBRULE(this.tuple) },
      { ALT: () => this.SUBRULE(this.list) },
      { ALT: () => this.SUBRULE(this.binary) },
    ]),
  );
  private elements = this.RULE("elements", () => {
    this.SUBRULE(this.term);
    this.MANY(() => {
      this.CONSUME(T.Comma);
      this.SUBRULE2(this.term);
    });
  });
  private tuple = this.RULE("tuple", () => {
    this.CONSUME(T.LCurly);
    this.OPTION(() => this.SUBRULE(this.elements));
    this.CONSUME(T.RCurly);
  });
  private list = this.RULE("list", () => {
    this.CONSUME(T.LBracket);
    this.OPTION(() => {
      this.SUBRULE(this.elements);
      this.OPTION2(() => {
        this.CONSUME(T.Bar);
        this.SUBRULE(this.term);
      });
    });
    this.CONSUME(T.RBracket);
  });
  private binary = this.RULE("binary", () => {
    this.CONSUME(T.LBin);
    this.MANY_SEP({
      SEP: T.Comma,
      DEF: () => {
        this.AT_LEAST_ONE(() => this.CONSUME(T.StringLit));
        this.OPTION3(() => {
          this.CONSUME(T.Slash);
          this.CONSUME2(T.Atom);
        });
      },
    });
    this.CONSUME(T.RBin);
  });
}

function parserWith(config: { recoveryEnabled?: boolean; maxLookahead?: number }): TermParser {
  return new TermParser(config);
}

/** Runs every variant on `text` and prints one table. */
export function runVariants(text: string, label: string): void {
  const rows: (string | number)[][] = [];
  const mb = text.length / 1e6;
  const row = (name: string, ms: number) => rows.push([name, ms, mb / (ms / 1000)]);
  // our own code first: Chevrotain's token objects, seen later, make shared code polymorphic
  row(
    "parseDocument (scanner + parser in batches + LineIndex)",
    cpuBest(() => parseDocument(text)),
  );
  row(
    "hand-written scanner, 4096-token batches, tokens recycled",
    cpuBest(() => {
      const s = new Scanner(text);
      s.reuse = true;
      while (!s.done) {
        s.scan(4096);
        s.take();
      }
    }),
  );
  row(
    "hand-written scanner, all tokens kept",
    cpuBest(() => tokenize(text)),
  );
  const tokens = tokenize(text).tokens;
  for (const [name, cfg] of [
    ["recovery off, maxLookahead 1", {}],
    ["recovery on, maxLookahead 1", { recoveryEnabled: true }],
    ["recovery off, maxLookahead 3", { maxLookahead: 3 }],
  ] as const) {
    const p = parserWith(cfg);
    row(
      `embedded actions (terms), whole file, ${name}`,
      cpuBest(() => {
        p.input = tokens;
        p.document();
      }),
    );
  }
  const cst = new CstTermParser();
  row(
    "CstParser (CST only, no terms), whole file",
    cpuBest(() => {
      cst.input = tokens as IToken[];
      cst.document();
    }),
  );
  for (const tracking of ["full", "onlyOffset"] as const) {
    const lexer = chevrotainLexer(tracking);
    row(
      `chevrotain Lexer, positionTracking ${tracking}`,
      cpuBest(() => lexer.tokenize(text)),
    );
  }
  table(`parser variants on ${label} (CPU ms, best of 5)`, ["variant", "ms", "MB/s"], rows);
}
