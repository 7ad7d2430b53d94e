/**
 * A recursive-descent parser for Erlang `re` patterns (PCRE 8.x, 8-bit, no UTF), over a
 * byte string. It rejects what `re:compile/1` rejects with PCRE's message, and records
 * (without rejecting) constructs it cannot translate faithfully in `unsupported`.
 */
import { RegexSyntaxError, type BacktrackVerb, type ParsedRegex, type RegexNode } from "./ast";
import { CompiledSoFar } from "./compiled-so-far";
import { loopingCall } from "./left-recursion";
import {
  emptySet,
  setNot,
  setOf,
  withWideRanges,
  tablesFor,
  UCP_LATIN1_TABLES,
  ucpUtf8Tables,
  utf8Tables,
  type ByteSet,
  type CharTables,
  type RegexFlavor,
} from "./byte-set";
import { decodeUtf8, newlineLength, startOptions, type Newline } from "./start-options";
import { parseClass } from "./parse-class";
import { branchLength, DEFERRED, VARIABLE } from "./fixed-length";
import { escape, readName } from "./parse-escape";
import { groupExtension } from "./parse-group";
import { setToJs } from "./emit-js";
import { PCRE2_CASES_KNOWN, unicodeFold } from "./case-fold";

export interface Options {
  i: boolean;
  m: boolean;
  s: boolean;
  x: boolean;
  U: boolean;
  J: boolean;
  X: boolean;
}

export const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
export const isHex = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const isWordStart = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
export const isWordChar = (c: number) => isWordStart(c) || isDigit(c);
/** PCRE2 10.38+ (OTP 28): `\\K` inside a lookaround, reported at the pattern's end (measured). */
const PCRE2_BSK_IN_LOOK = "\\K is not allowed in lookarounds (but see PCRE2_EXTRA_ALLOW_LOOKAROUND_BSK)";

/** Whitespace (?x) skips (PCRE 8.34+ includes VT). */
const isXSpace = (c: number) => c === 0x20 || (c >= 0x09 && c <= 0x0d);

/** The result of an escape sequence. */
export type Escape =
  | { kind: "char"; code: number }
  | { kind: "class"; set: ByteSet }
  | { kind: "node"; node: RegexNode }
  | { kind: "backref"; ref: number | string; relative?: boolean }
  | { kind: "quote" }
  | { kind: "ignore" };

/** Parser state over one pattern. */
const nameClassCache = new Map<CharTables, { char: string; start: string }>();
function nameClasses(tables: CharTables): { char: string; start: string } {
  let c = nameClassCache.get(tables);
  if (c === undefined) {
    c = { char: setToJs(tables.word), start: setToJs(tables.word.map((v, b) => (b >= 0x30 && b <= 0x39 ? 0 : v))) };
    nameClassCache.set(tables, c);
  }
  return c;
}

const ucpUtf8 = new Map<RegexFlavor, CharTables>();

/** The flavor's (*UCP) UTF-8 tables, built once each. */
function ucpUtf8TablesOf(flavor: RegexFlavor): CharTables {
  let t = ucpUtf8.get(flavor);
  if (t === undefined) ucpUtf8.set(flavor, (t = ucpUtf8Tables(flavor)));
  return t;
}

export class Parser {
  pos = 0;
  groupCount = 0;
  names = new Map<string, number[]>();
  unsupported: string[] = [];
  /** The part of `unsupported` the backtracking matcher cannot follow either. */
  unmatchable: string[] = [];
  /** Backreferences to check once all groups are known: [number|name, offset]. */
  pendingRefs: {
    ref: number | string;
    offset: number;
    node: { group: number };
    exactOffset?: boolean;
    /** `\\K in a lookaround`: PCRE2 refuses it in the same pass, in pattern order. */
    kind?: "call" | "bsk-in-look";
  }[] = [];
  /** How many lookarounds the parser is inside. */
  lookDepth = 0;
  inQuote = false;
  noStartOpt = false;
  newline: Newline = "LF";
  bsrAnyCrlf = false;
  limitMatch: number | undefined;
  /** UTF-8 mode: the code points above U+FFFF, which `src` holds as U+D800 + their index. */
  astral: number[] = [];

  readonly tables: CharTables;
  /** OTP 28's PCRE2: constructs it treats differently are recorded as unsupported. */
  readonly pcre2: boolean;
  /** `(*UTF8)`: `src` holds the pattern's code points one per char (see `astral`). */
  readonly utf: boolean;
  /** `(*UCP)`: Unicode-property tables. */
  readonly ucp: boolean;

  constructor(
    readonly src: string,
    readonly flavor: RegexFlavor = "pcre1-latin1",
    mode: { utf: boolean; ucp: boolean } = { utf: false, ucp: false },
  ) {
    this.pcre2 = flavor === "pcre2-ascii";
    this.utf = mode.utf;
    this.ucp = mode.ucp;
    const base = mode.ucp ? UCP_LATIN1_TABLES : tablesFor(flavor);
    const wide = mode.utf ? (mode.ucp ? ucpUtf8TablesOf(flavor) : utf8Tables(base)) : base;
    // UTF-8 mode folds explicit characters with Unicode's rules (case-fold.ts): k and s gain
    // U+212A and U+017F, Latin-1 letters partners above U+00FF (ÿ↔Ÿ, µ↔Μ, å↔Å); PCRE leaves
    // `\p`, `\w` and the POSIX classes alone, and the parser folds only explicit characters
    this.tables = mode.utf ? { ...wide, fold: (s) => this.utfFold(s) } : base;
  }

  /** Caseless explicit characters in UTF-8 mode: the flavor's Unicode case classes. */
  private utfFold(set: ByteSet): ByteSet {
    if (this.pcre2 && !PCRE2_CASES_KNOWN)
      this.pcre2Differs("caseless matching in UTF-8 mode (this runtime's Unicode is not 16 or 17)");
    return unicodeFold(set, this.flavor);
  }

  /** Records a construct whose UTF-8 / UCP meaning (code points above U+00FF) is not modelled. */
  wideCharsDiffer(what: string): void {
    if (this.utf) this.unsupportedHere(`${what} in UTF-8 mode`);
  }

  /**
   * JS class sources for group-name characters: PCRE uses its ctype "word" table (Latin-1
   * letters on OTP ≤ 27). Built on first use, once per table: building them for every
   * pattern was a fifth of compiling the fleet file's 334 username regexes (profiled).
   */
  get nameChar(): string {
    return nameClasses(tablesFor(this.flavor)).char;
  }
  get nameStart(): string {
    return nameClasses(tablesFor(this.flavor)).start;
  }

  /** Group names use PCRE's ctype table, whatever (*UCP) says. */
  isNameChar(c: number): boolean {
    return c >= 0 && c < 256 && tablesFor(this.flavor).word[c] === 1;
  }

  /** Records a construct whose PCRE2 meaning we do not model (only under the pcre2 flavor). */
  pcre2Differs(what: string): void {
    if (this.pcre2) this.unsupportedHere(`PCRE2 (OTP 28) treats ${what} differently; not modelled`);
  }

  /** The character at `p` as a code point (see `astral`). */
  codeAt(p: number): number {
    const c = this.src.charCodeAt(p);
    return c >= 0xd800 && c <= 0xdfff ? this.astral[c - 0xd800] : c;
  }

  peek(k = 0): number {
    return this.pos + k < this.src.length ? this.src.charCodeAt(this.pos + k) : -1;
  }

  fail(message: string, offset = this.pos, lastByte = false): never {
    throw new RegexSyntaxError(message, offset, lastByte);
  }

  unsupportedHere(reason: string): void {
    this.unsupported.push(reason);
    this.unmatchable.push(reason);
  }

  /** Records a construct neither the DFA nor the JS translation follow, but backtrack.ts does. */
  backtrackOnly(reason: string): void {
    this.unsupported.push(reason);
  }

  /** Parses the whole pattern. */
  parse(): ParsedRegex {
    const opts: Options = { i: false, m: false, s: false, x: false, U: false, J: false, X: false };
    if (this.src.startsWith("(*")) this.leadingOptions();
    const root = this.alternation(opts, 0);
    if (this.pos < this.src.length) this.fail("unmatched parentheses");
    const code = new CompiledSoFar(root);
    this.compileChecks(code);
    for (const r of this.pendingRefs) {
      if (r.kind === "bsk-in-look") this.fail(PCRE2_BSK_IN_LOOK, this.src.length);
      if (typeof r.ref === "string") {
        const nums = this.names.get(r.ref);
        if (!nums) this.fail("reference to non-existent subpattern", r.exactOffset ? r.offset : this.src.length);
        if (nums.length > 1 && "caseless" in r.node) {
          // \k<n> under (?J): the first group of that name that is set (measured)
          (r.node as Extract<RegexNode, { type: "backref" }>).anyOf = nums;
          this.backtrackOnly("backreference to a duplicated group name");
        } else if (nums.length > 1 && r.kind !== "call") this.unsupportedHere("condition on a duplicated group name");
        r.node.group = nums[0];
      } else if (r.ref > this.groupCount) {
        this.fail("reference to non-existent subpattern", r.exactOffset ? r.offset : this.src.length);
      }
    }
    this.resolveLookbehinds(code);
    return {
      root,
      groupCount: this.groupCount,
      names: this.names,
      unsupported: this.unsupported,
      unmatchable: this.unmatchable,
      endsExtended: opts.x,
      endsQuoted: this.inQuote,
      word: this.tables.word,
      flavor: this.flavor,
      utf: this.utf,
      noStartOpt: this.noStartOpt,
      limitMatch: this.limitMatch,
      newline: this.newline,
      hasCrOrLf: hasCrOrLf(this.src),
    };
  }

  /** `(*UTF8)`, `(*UCP)`, `(*CR)` … at the very start: skipped; the unmodelled ones recorded. */
  private leadingOptions(): void {
    const so = startOptions(this.src);
    if (so.length === 0) return;
    for (const u of so.unmodelled) this.unsupportedHere(`start-of-pattern option ${u}`);
    this.noStartOpt = so.noStartOpt === true;
    this.newline = so.newline ?? "LF";
    this.bsrAnyCrlf = so.bsrAnyCrlf === true;
    // the DFA and the JS translation assume LF and Unicode \R
    if (so.newline !== undefined || so.bsrAnyCrlf)
      this.backtrackOnly(`newline convention ${this.src.slice(0, so.length)}`);
    this.limitMatch = so.limitMatch;
    // the DFA knows no limit: a lowered one is for the backtracking matcher only
    if (so.limitMatch !== undefined) this.backtrackOnly("(*LIMIT_MATCH=n)");
    this.pos = so.length;
  }

  /** alternation := sequence ('|' sequence)*; options persist across branches of a group. */
  alternation(opts: Options, depth: number): RegexNode {
    const alts: RegexNode[] = [this.sequence(opts, depth)];
    const bars: number[] = [];
    while (this.peek() === 0x7c) {
      bars.push(this.pos++);
      alts.push(this.sequence(opts, depth));
    }
    this.lastBars = bars;
    return alts.length === 1 ? alts[0] : { type: "alt", alts };
  }

  /** Skips (?x) whitespace and `#` comments. */
  skipExtended(opts: Options): void {
    if (!opts.x) return;
    for (;;) {
      const c = this.peek();
      if (isXSpace(c)) this.pos++;
      else if (c === 0x23) {
        while (this.pos < this.src.length && this.newlineInPattern(this.pos) === 0) this.pos++;
      } else return;
    }
  }

  sequence(opts: Options, depth: number): RegexNode {
    const items: RegexNode[] = [];
    for (;;) {
      if (this.inQuote) {
        if (this.pos >= this.src.length) break;
        if (this.peek() === 0x5c && this.peek(1) === 0x45) {
          this.inQuote = false;
          this.pos += 2;
          this.requantifyLast(items, opts);
          continue;
        }
        items.push(this.quantified(this.literal(this.codeAt(this.pos++), opts), opts, this.pos - 1));
        continue;
      }
      this.skipExtended(opts);
      const c = this.peek();
      if (c === -1 || c === 0x7c || c === 0x29) break;
      if (c === 0x5c && this.peek(1) === 0x45) {
        // \E outside \Q is ignored; a quantifier after it applies to the previous atom.
        this.pos += 2;
        this.requantifyLast(items, opts);
        continue;
      }
      const start = this.pos;
      const atom = this.atom(opts, depth);
      if (atom === null) continue;
      items.push(this.quantified(atom, opts, start));
    }
    return items.length === 1 ? items[0] : { type: "seq", items };
  }

  /** After `\E`, a quantifier binds to the preceding atom (if that atom has none yet). */
  requantifyLast(items: RegexNode[], opts: Options): void {
    if (items.length === 0) return;
    const last = items[items.length - 1];
    if (last.type === "repeat") return;
    items[items.length - 1] = this.quantified(last, opts, this.pos - 3);
  }

  literal(code: number, opts: Options): RegexNode {
    const s = charSet(code);
    return opts.i ? { type: "set", set: this.tables.fold(s), written: code } : { type: "set", set: s };
  }

  /** One atom, or null for something that matches nothing and takes no quantifier. */
  atom(opts: Options, depth: number): RegexNode | null {
    const c = this.codeAt(this.pos);
    switch (c) {
      case 0x5c:
        return this.escapeAtom(opts);
      case 0x5b:
        return { type: "set", set: parseClass(this, opts) };
      case 0x28:
        return this.group(opts, depth);
      case 0x2e:
        this.pos++;
        return opts.s ? { type: "set", set: setNot(emptySet()) } : this.notNewline();
      case 0x5e:
        this.pos++;
        return this.noRepeat({ type: "assert", kind: opts.m ? "line-start" : "start" }, opts);
      case 0x24:
        this.pos++;
        return this.noRepeat({ type: "assert", kind: opts.m ? "line-end" : "end-or-final-newline" }, opts);
      case 0x2a:
      case 0x2b:
      case 0x3f:
        this.fail("nothing to repeat");
      // falls through (fail never returns)
      case 0x7b:
        if (this.quantifierAt(this.pos)) this.fail("nothing to repeat", this.quantifierAt(this.pos)!.end - 1);
        this.pos++;
        return this.literal(c, opts);
      default:
        this.pos++;
        return this.literal(c, opts);
    }
  }

  /**
   * `.` without (?s) and `\N`: any character but a newline of the convention; under (*CRLF)
   * any character where no CR LF starts. Complements, so that in UTF-8 mode they also take
   * code points above U+00FF.
   */
  notNewline(): RegexNode {
    const nl = { LF: [0x0a], CR: [0x0d], CRLF: [], ANYCRLF: [0x0a, 0x0d], ANY: [[0x0a, 0x0d], 0x85] }[this.newline] as (
      number | [number, number]
    )[];
    const set = setNot(setOf(...nl));
    if (this.newline === "ANY" && this.utf)
      return { type: "set", set: setNot(withWideRanges(setOf(...nl), [[0x2028, 0x2029]])) };
    if (this.newline !== "CRLF") return { type: "set", set };
    const crlf: RegexNode = {
      type: "seq",
      items: [
        { type: "set", set: setOf(0x0d) },
        { type: "set", set: setOf(0x0a) },
      ],
    };
    return {
      type: "seq",
      items: [
        { type: "look", behind: false, negate: true, body: crlf },
        { type: "set", set },
      ],
    };
  }

  /** Length of the newline (of the convention) at `p` in the pattern, 0 if none ((?x) comments end there). */
  newlineInPattern(p: number): number {
    const next = p + 1 < this.src.length ? this.src.charCodeAt(p + 1) : -1;
    return newlineLength(this.newline, this.src.charCodeAt(p), next, false);
  }

  /** Anchors cannot be quantified in PCRE 8.x ("nothing to repeat"). */
  noRepeat(node: RegexNode, opts: Options): RegexNode {
    const save = this.pos;
    this.skipExtended(opts);
    const c = this.peek();
    const q =
      c === 0x2a || c === 0x2b || c === 0x3f ? { end: this.pos + 1 } : c === 0x7b ? this.quantifierAt(this.pos) : null;
    if (q) this.fail("nothing to repeat", q.end - 1);
    this.pos = save;
    return node;
  }

  /** Reads `{n}`, `{n,}`, `{n,m}` at `p` if it is a quantifier there (else null: literal `{`). */
  quantifierAt(p: number): { min: number; max: number; end: number } | null {
    // PCRE2 10.43+ also reads {,m} and spaces or tabs around the numbers (pcre2_compile.c
    // read_repeat_counts); PCRE 8 takes those as literal text
    const m = this.pcre2
      ? /^\{[ \t]*(\d*)[ \t]*(?:(,)[ \t]*(\d*)[ \t]*)?\}/.exec(this.src.slice(p, p + 60))
      : /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.src.slice(p, p + 40));
    if (!m || (m[1] === "" && (m[2] === undefined || m[3] === ""))) return null;
    const end = p + m[0].length;
    const min = m[1] === "" ? 0 : Number(m[1]);
    const max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
    if (min > 65535) this.fail("number too big in {} quantifier", p + 1 + m[1].length);
    if (max !== Infinity && max > 65535) this.fail("number too big in {} quantifier", end - 1);
    if (max < min) this.fail("numbers out of order in {} quantifier", end - 1);
    return { min, max, end };
  }

  /** Applies a following quantifier (if any) to `atom`. */
  quantified(atom: RegexNode, opts: Options, start: number): RegexNode {
    if (this.inQuote) {
      // Inside \Q…\E a quantifier char is literal; only a quantifier after \E applies.
      return atom;
    }
    this.skipExtended(opts);
    const c = this.peek();
    let min: number;
    let max: number;
    let end: number;
    if (c === 0x2a) [min, max, end] = [0, Infinity, this.pos + 1];
    else if (c === 0x2b) [min, max, end] = [1, Infinity, this.pos + 1];
    else if (c === 0x3f) [min, max, end] = [0, 1, this.pos + 1];
    else if (c === 0x7b && this.quantifierAt(this.pos)) ({ min, max, end } = this.quantifierAt(this.pos)!);
    else return atom;
    this.pos = end;
    let mode: "greedy" | "lazy" | "possessive" = opts.U ? "lazy" : "greedy";
    if (this.peek() === 0x3f) {
      mode = opts.U ? "greedy" : "lazy";
      this.pos++;
    } else if (this.peek() === 0x2b) {
      mode = "possessive";
      this.pos++;
    }
    this.skipExtended(opts);
    const n = this.peek();
    if (n === 0x2a || n === 0x2b || n === 0x3f) this.fail("nothing to repeat");
    if (n === 0x7b && this.quantifierAt(this.pos)) this.fail("nothing to repeat", this.quantifierAt(this.pos)!.end - 1);
    if (atom.type === "look") this.backtrackOnly("quantified assertion");
    return { type: "repeat", body: atom, min, max, mode, start, end: this.pos };
  }

  /**
   * PCRE 8 in UTF-8 mode tests the first `min` iterations of a repeated `\d \s \w` (and
   * their complements) on the raw byte: only ASCII counts for them, any other character for
   * `\D \S \W` (measured: `(*UTF8)\w+` misses "é", `(*UTF8)\W+` takes it); the rest
   * of the repeat and a single `\w` use the Latin-1 table.
   */
  private utfRepeatMin(): { utfRepeatMin?: ByteSet } {
    const letter = this.src[this.pos - 1];
    // under (*UCP) these are property tests (OP_PROP), without the quirk
    if (!this.utf || this.ucp || this.src[this.pos - 2] !== "\\" || !"dswDSW".includes(letter)) return {};
    const set = this.tables.escape[letter.toLowerCase()];
    const ascii = emptySet();
    for (let b = 0; b < 0x80; b++) ascii[b] = set[b];
    return { utfRepeatMin: letter === letter.toLowerCase() ? ascii : setNot(ascii) };
  }

  escapeAtom(opts: Options): RegexNode | null {
    const esc = this.escape(false, opts);
    switch (esc.kind) {
      case "char":
        return this.literal(esc.code, opts);
      case "class":
        return { type: "set", set: esc.set, ...this.utfRepeatMin() };
      case "node":
        return esc.node.type === "assert" ? this.noRepeat(esc.node, opts) : esc.node;
      case "quote":
        this.inQuote = true;
        return null;
      case "ignore":
        return null;
      case "backref":
        return this.backref(esc, opts);
    }
  }

  backref(esc: Extract<Escape, { kind: "backref" }>, opts: Options): RegexNode {
    const offset = this.pos - 1;
    let ref = esc.ref;
    if (typeof ref === "number" && esc.relative) {
      ref = this.groupCount + 1 + ref;
      if (ref <= 0) this.fail("reference to non-existent subpattern", this.pos - 1);
    }
    const node = { type: "backref" as const, group: typeof ref === "number" ? ref : 0, caseless: opts.i, offset };
    if (opts.i && this.utf && this.pcre2 && !PCRE2_CASES_KNOWN)
      this.pcre2Differs("a caseless backreference in UTF-8 mode (this runtime's Unicode is not 16 or 17)");
    this.pendingRefs.push({ ref, offset, node });
    return node;
  }

  /** Parses the escape at `pos` (a backslash); `inClass` changes a few meanings. */
  escape(inClass: boolean, opts: Options): Escape {
    return escape(this, inClass, opts);
  }

  /** Reads a group name starting at `from`, which must end with `close`; moves past it. */
  readName(from: number, close: number, definition = false): string {
    return readName(this, from, close, definition);
  }

  group(opts: Options, depth: number): RegexNode | null {
    const open = this.pos;
    this.pos++;
    if (
      this.peek() === 0x2a &&
      (this.peek(1) === 0x3a || (this.peek(1) >= 0 && this.tables.posix.alpha[this.peek(1)] === 1))
    ) {
      const verb = this.verb();
      // PCRE2 lets (*ACCEPT) be repeated, as if it were in a non-capturing group (measured);
      // `(*ACCEPT:NAME)` comes as (*MARK:NAME)(*ACCEPT)
      const last = verb.type === "seq" ? verb.items.at(-1) : verb;
      if (this.pcre2 && last?.type === "verb" && last.verb === "ACCEPT")
        return { type: "group", capture: null, body: verb };
      return this.noRepeat(verb, opts);
    }
    if (this.peek() !== 0x3f) {
      const n = ++this.groupCount;
      return { type: "group", capture: n, body: this.captureBody(opts, depth, open) };
    }
    this.pos++;
    return groupExtension(this, opts, depth, open);
  }

  /** Capturing groups open around the parse position. */
  private captures = 0;

  /**
   * A capturing group's body. re:compile (OTP 25) refuses the 799th capturing group nested
   * in the others, "regular expression is too complicated" right after its opening
   * (non-capturing groups nest deeper; measured).
   */
  captureBody(opts: Options, depth: number, open: number): RegexNode {
    if (++this.captures >= 799) this.fail("regular expression is too complicated");
    try {
      return this.groupBody(opts, depth, open);
    } finally {
      this.captures--;
    }
  }

  /** A lookaround's body (`groupBody`), counted in `lookDepth` while it is parsed. */
  lookBody(opts: Options, depth: number, open: number): RegexNode {
    this.lookDepth++;
    const body = this.groupBody(opts, depth, open);
    this.lookDepth--;
    return body;
  }

  /** Parses a group body and its `)`, restoring the options afterwards. */
  groupBody(opts: Options, depth: number, _open: number): RegexNode {
    const inner = { ...opts };
    const body = this.alternation(inner, depth + 1);
    if (this.peek() !== 0x29) this.fail("missing )");
    this.pos++;
    return body;
  }

  verb(): RegexNode {
    const m = /^\(\*([A-Z0-9_]*)(?::[^)]*)?\)/.exec(this.src.slice(this.pos - 1));
    const verbs = ["ACCEPT", "FAIL", "F", "COMMIT", "PRUNE", "SKIP", "THEN", "MARK", ""];
    const startOptions = [
      "CR",
      "LF",
      "CRLF",
      "ANYCRLF",
      "ANY",
      "BSR_ANYCRLF",
      "BSR_UNICODE",
      "UTF8",
      "UTF",
      "UCP",
      "NO_START_OPT",
      "NO_AUTO_POSSESS",
    ];
    const atStart = /^(?:\(\*[A-Z0-9_]+\))*$/.test(this.src.slice(0, this.pos - 1));
    if (!m || !(verbs.includes(m[1]) || (atStart && startOptions.includes(m[1])))) {
      const close = this.src.indexOf(")", this.pos);
      this.fail("(*VERB) not recognized or malformed", close < 0 ? this.src.length : close);
    }
    this.pos += m[0].length - 1;
    if (!verbs.includes(m[1])) {
      this.unsupportedHere(`backtracking control verb (*${m[1]})`);
      return { type: "seq", items: [] };
    }
    this.backtrackOnly(`backtracking control verb (*${m[1]})`);
    const name = m[0].includes(":") ? m[0].slice(m[0].indexOf(":") + 1, -1) : undefined;
    const close = this.pos - 1;
    const verb = m[1] === "" ? "MARK" : m[1] === "F" ? "FAIL" : (m[1] as BacktrackVerb);
    if (name !== undefined && ["ACCEPT", "FAIL", "COMMIT"].includes(verb)) {
      if (!this.pcre2) this.fail("an argument is not allowed for (*ACCEPT), (*FAIL), or (*COMMIT)", close);
      // PCRE2: (*ACCEPT:NAME) and (*FAIL:NAME) are (*MARK:NAME) and the verb; a (*COMMIT)
      // name is only passed back to the caller
      if (verb === "COMMIT") return { type: "verb", verb };
      return {
        type: "seq",
        items: [
          { type: "verb", verb: "MARK", name },
          { type: "verb", verb },
        ],
      };
    }
    if (verb === "MARK" && !name) this.fail("(*MARK) must have an argument", close);
    return { type: "verb", verb, ...(name !== undefined ? { name } : {}) };
  }

  /** A lookbehind; where its branches end (their `|`, its `)`) is kept for the length check. */
  lookbehind(negate: boolean, body: RegexNode, closeOffset: number): Extract<RegexNode, { type: "look" }> {
    const node = { type: "look" as const, behind: true, negate, body };
    this.lookbehinds.push({ node, ends: [...this.lastBars, closeOffset] });
    return node;
  }

  /** Every lookbehind, with the offsets where its branches end. */
  private readonly lookbehinds: { node: Extract<RegexNode, { type: "look" }>; ends: number[] }[] = [];

  /** The offsets of the `|` of the last alternation parsed (a group body's, read right after it). */
  private lastBars: number[] = [];

  /**
   * The errors PCRE finds while compiling, after the syntax: the first in pattern order of
   * a lookbehind branch that is not of fixed length (at the branch's end) and a recursive
   * call that could loop (at the call). A branch that meets a call first waits for the end
   * of the pattern (`resolveLookbehinds`).
   */
  private compileChecks(code: CompiledSoFar): void {
    let lookbehindError = Infinity;
    for (const { node, ends } of this.lookbehinds) {
      const branches = node.body.type === "alt" ? node.body.alts : [node.body];
      node.lengths = branches.map((b, k) => {
        const len = branchLength(b, code, false);
        if (len === VARIABLE) lookbehindError = Math.min(lookbehindError, ends[k]);
        return len;
      });
    }
    // PCRE2 does not check at compile time; re:run finds such a loop (recursion loop: nomatch)
    const call = this.pcre2 ? null : loopingCall(code);
    if (call !== null && call.offset < lookbehindError)
      this.fail("recursive call could loop indefinitely", call.offset);
    if (lookbehindError < Infinity) this.fail("lookbehind assertion is not fixed length", lookbehindError);
  }

  /** PCRE's check at the end of compiling: each deferred branch with its calls' lengths. */
  private resolveLookbehinds(code: CompiledSoFar): void {
    for (const { node } of this.lookbehinds) {
      if (!node.lengths!.includes(DEFERRED)) continue;
      const branches = node.body.type === "alt" ? node.body.alts : [node.body];
      node.lengths = node.lengths!.map((len, k) => {
        if (len !== DEFERRED) return len;
        const resolved = branchLength(branches[k], code, true);
        if (resolved < 0) this.fail("lookbehind assertion is not fixed length", this.src.length);
        return resolved;
      });
    }
  }
}

/** Parses a pattern (byte string); throws RegexSyntaxError on what re:compile rejects. */
export function parseRegex(pattern: string, flavor: RegexFlavor = "pcre1-latin1"): ParsedRegex {
  const src = effectivePattern(pattern, flavor);
  const so = startOptions(src);
  if (!so.utf) return new Parser(src, flavor, so).parse();
  // UTF-8 mode: the pattern is UTF-8 text; parse its code points, one char each
  const cps = decodeUtf8(src.slice(so.length));
  if (!Array.isArray(cps)) throw new RegexSyntaxError("invalid UTF-8 string", so.length + cps.invalidAt);
  // one char per code point: those above U+FFFF (no surrogate is valid UTF-8) as a
  // surrogate that indexes `astral`
  const astral: number[] = [];
  const code = (c: number) => (c <= 0xffff ? c : astral.length < 0x800 ? 0xd800 + astral.push(c) - 1 : 0x78);
  const body = cps.map((c) => String.fromCharCode(code(c))).join("");
  const parser = new Parser(src.slice(0, so.length) + body, flavor, so);
  parser.astral = astral;
  try {
    const parsed = parser.parse();
    // past 2048 of them the rest became `x`
    if (cps.filter((c) => c > 0xffff).length > astral.length) {
      parsed.unsupported.unshift("more than 2048 characters above U+FFFF");
      parsed.unmatchable.unshift("more than 2048 characters above U+FFFF");
    }
    return parsed;
  } catch (e) {
    if (!(e instanceof RegexSyntaxError)) throw e;
    // PCRE reports byte offsets; the parser counted characters
    const k = e.offset - so.length;
    if (k < 0) throw e;
    const last = e.lastByte && k < cps.length ? utf8Length(cps[k]) - 1 : 0;
    throw new RegexSyntaxError(e.message, so.length + cps.slice(0, k).reduce((n, c) => n + utf8Length(c), last));
  }
}

const utf8Length = (c: number) => (c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4);

/** One character as a set (UTF-8 mode: a code point above U+00FF as its wide part). */
export function charSet(code: number): ByteSet {
  return code <= 0xff ? setOf(code) : withWideRanges(emptySet(), [[code, code]]);
}

/**
 * The bytes PCRE actually compiles. PCRE 8's pcre_compile takes a NUL-terminated string, so
 * on OTP ≤ 27 a pattern stops at its first NUL byte (measured: `<<0,"mA">>` matches
 * everything); PCRE2 takes a length.
 */
export function effectivePattern(pattern: string, flavor: RegexFlavor = "pcre1-latin1"): string {
  const nul = flavor === "pcre1-latin1" ? pattern.indexOf("\0") : -1;
  return nul < 0 ? pattern : pattern.slice(0, nul);
}

/**
 * Whether the pattern names CR or LF explicitly (PCRE's HASCRORLF flag, approximated from
 * the text; `\s`, `\v`, `\R` do not count, measured): then re:run does not skip from a CR
 * to past its LF when a start fails.
 */
function hasCrOrLf(src: string): boolean {
  return /[\r\n]|\\[rn]|\\x0?[aAdD](?![0-9a-fA-F])|\\x\{0*[aAdD]\}|\\0?1[25]|\\c[jJmM]/.test(src);
}
