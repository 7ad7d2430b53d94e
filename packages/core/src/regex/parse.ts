/**
 * A recursive-descent parser for Erlang `re` patterns (PCRE 8.x, 8-bit, no UTF), over a
 * byte string. It rejects what `re:compile/1` rejects with PCRE's message, and records
 * (without rejecting) constructs it cannot translate faithfully in `unsupported`.
 */
import { RegexSyntaxError, type ParsedRegex, type RegexNode } from "./ast";
import { emptySet, setAddAll, setNot, setOf, tablesFor, type ByteSet, type CharTables, type RegexFlavor } from "./byte-set";
import { parseClass } from "./parse-class";
import { lookbehindFixed } from "./fixed-length";

export interface Options {
  i: boolean;
  m: boolean;
  s: boolean;
  x: boolean;
  U: boolean;
  J: boolean;
  X: boolean;
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isHex = (c: number) => isDigit(c) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
const isWordStart = (c: number) => (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
const isWordChar = (c: number) => isWordStart(c) || isDigit(c);
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
export class Parser {
  pos = 0;
  groupCount = 0;
  names = new Map<string, number[]>();
  unsupported: string[] = [];
  /** Backreferences to check once all groups are known: [number|name, offset]. */
  pendingRefs: { ref: number | string; offset: number; node: { group: number } }[] = [];
  inQuote = false;

  readonly tables: CharTables;
  /** OTP 28's PCRE2: constructs it treats differently are recorded as unsupported. */
  readonly pcre2: boolean;

  constructor(
    readonly src: string,
    readonly flavor: RegexFlavor = "pcre1-latin1",
  ) {
    this.tables = tablesFor(flavor);
    this.pcre2 = flavor === "pcre2-ascii";
  }

  /** Records a construct whose PCRE2 meaning we do not model (only under the pcre2 flavor). */
  pcre2Differs(what: string): void {
    if (this.pcre2) this.unsupportedHere(`PCRE2 (OTP 28) treats ${what} differently; not modelled`);
  }

  peek(k = 0): number {
    return this.pos + k < this.src.length ? this.src.charCodeAt(this.pos + k) : -1;
  }

  fail(message: string, offset = this.pos): never {
    throw new RegexSyntaxError(message, offset);
  }

  unsupportedHere(reason: string): void {
    this.unsupported.push(reason);
  }

  /** Parses the whole pattern. */
  parse(): ParsedRegex {
    const opts: Options = { i: false, m: false, s: false, x: false, U: false, J: false, X: false };
    if (this.src.startsWith("(*")) this.leadingVerbs();
    const root = this.alternation(opts, 0);
    if (this.pos < this.src.length) this.fail("unmatched parentheses");
    for (const r of this.pendingRefs) {
      if (typeof r.ref === "string") {
        const nums = this.names.get(r.ref);
        if (!nums) this.fail("reference to non-existent subpattern", this.src.length);
        if (nums.length > 1) this.unsupportedHere("backreference to a duplicated group name");
        r.node.group = nums[0];
      } else if (r.ref > this.groupCount) {
        this.fail("reference to non-existent subpattern", this.src.length);
      }
    }
    return { root, groupCount: this.groupCount, names: this.names, unsupported: this.unsupported, endsExtended: opts.x, endsQuoted: this.inQuote, word: this.tables.word, flavor: this.flavor };
  }

  /** `(*CR)`, `(*UTF8)` … at the very start change compile options: not translated. */
  private leadingVerbs(): void {
    const m = /^\(\*[A-Z0-9_=]+\)/.exec(this.src);
    if (m) this.unsupportedHere(`start-of-pattern option ${m[0]}`);
  }

  /** alternation := sequence ('|' sequence)*; options persist across branches of a group. */
  alternation(opts: Options, depth: number): RegexNode {
    const alts: RegexNode[] = [this.sequence(opts, depth)];
    while (this.peek() === 0x7c) {
      this.pos++;
      alts.push(this.sequence(opts, depth));
    }
    return alts.length === 1 ? alts[0] : { type: "alt", alts };
  }

  /** Skips (?x) whitespace and `#` comments. */
  skipExtended(opts: Options): void {
    if (!opts.x) return;
    for (;;) {
      const c = this.peek();
      if (isXSpace(c)) this.pos++;
      else if (c === 0x23) {
        while (this.pos < this.src.length && this.peek() !== 0x0a) this.pos++;
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
        items.push(this.quantified(this.literal(this.src.charCodeAt(this.pos++), opts), opts, this.pos - 1));
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
    const s = setOf(code);
    return { type: "set", set: opts.i ? this.tables.fold(s) : s };
  }

  /** One atom, or null for something that matches nothing and takes no quantifier. */
  atom(opts: Options, depth: number): RegexNode | null {
    const c = this.src.charCodeAt(this.pos);
    switch (c) {
      case 0x5c:
        return this.escapeAtom(opts);
      case 0x5b:
        return { type: "set", set: parseClass(this, opts) };
      case 0x28:
        return this.group(opts, depth);
      case 0x2e:
        this.pos++;
        return { type: "set", set: opts.s ? setOf([0, 255]) : setNot(setOf(0x0a)) };
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

  /** Anchors cannot be quantified in PCRE 8.x ("nothing to repeat"). */
  noRepeat(node: RegexNode, opts: Options): RegexNode {
    const save = this.pos;
    this.skipExtended(opts);
    const c = this.peek();
    const q = c === 0x2a || c === 0x2b || c === 0x3f ? { end: this.pos + 1 } : c === 0x7b ? this.quantifierAt(this.pos) : null;
    if (q) this.fail("nothing to repeat", q.end - 1);
    this.pos = save;
    return node;
  }

  /** Reads `{n}`, `{n,}`, `{n,m}` at `p` if it is a quantifier there (else null: literal `{`). */
  quantifierAt(p: number): { min: number; max: number; end: number } | null {
    const m = /^\{(\d+)(?:(,)(\d*))?\}/.exec(this.src.slice(p, p + 40));
    if (!m) {
      // PCRE2 10.43+ reads {,n} and spaces inside braces as quantifiers; PCRE 8 as literals.
      if (/^\{[\s\d]*,?[\s\d]*\}/.test(this.src.slice(p, p + 40)) && /\d/.test(this.src.slice(p, this.src.indexOf("}", p)))) this.pcre2Differs("{,n} and spaced {n, m}");
      return null;
    }
    const end = p + m[0].length;
    const min = Number(m[1]);
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
    if (atom.type === "look") this.unsupportedHere("quantified assertion");
    return { type: "repeat", body: atom, min, max, mode, start, end: this.pos };
  }

  escapeAtom(opts: Options): RegexNode | null {
    const esc = this.escape(false, opts);
    switch (esc.kind) {
      case "char":
        return this.literal(esc.code, opts);
      case "class":
        return { type: "set", set: esc.set };
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
    this.pendingRefs.push({ ref, offset, node });
    return node;
  }

  /** Parses the escape at `pos` (a backslash); `inClass` changes a few meanings. */
  escape(inClass: boolean, opts: Options): Escape {
    this.pos++;
    if (this.pos >= this.src.length) this.fail("\\ at end of pattern");
    const c = this.src.charCodeAt(this.pos++);
    const ch = String.fromCharCode(c);
    const simple: Record<string, number> = { a: 7, e: 0x1b, f: 0x0c, n: 0x0a, r: 0x0d, t: 0x09 };
    if (ch in simple) return { kind: "char", code: simple[ch] };
    if ("dwshv".includes(ch)) return { kind: "class", set: this.tables.escape[ch] };
    if ("DWSHV".includes(ch)) return { kind: "class", set: setNot(this.tables.escape[ch.toLowerCase()]) };
    if (ch === "Q") return { kind: "quote" };
    if (ch === "E") return { kind: "ignore" };
    if (ch === "x") return { kind: "char", code: this.hexEscape() };
    if (ch === "o") return { kind: "char", code: this.octalBraced() };
    if (ch === "c") return { kind: "char", code: this.controlEscape() };
    if (ch === "0") return { kind: "char", code: this.octalDigits(0, 2) };
    if (c >= 0x31 && c <= 0x39) return this.digitEscape(c, inClass);
    if ("LlUu".includes(ch)) this.fail("PCRE does not support \\L, \\l, \\N{name}, \\U, or \\u", this.pos - 1);
    if (inClass) return this.classOnlyEscape(c, opts);
    switch (ch) {
      case "b":
        return { kind: "node", node: { type: "assert", kind: "word-boundary" } };
      case "B":
        return { kind: "node", node: { type: "assert", kind: "not-word-boundary" } };
      case "A":
      case "G":
        return { kind: "node", node: { type: "assert", kind: "start" } };
      case "z":
        return { kind: "node", node: { type: "assert", kind: "end" } };
      case "Z":
        return { kind: "node", node: { type: "assert", kind: "end-or-final-newline" } };
      case "N":
        if (this.peek() === 0x7b && !this.quantifierAt(this.pos)) this.fail("PCRE does not support \\L, \\l, \\N{name}, \\U, or \\u", this.pos - 1);
        return { kind: "class", set: setNot(setOf(0x0a)) };
      case "C":
        return { kind: "class", set: setOf([0, 255]) };
      case "R":
        return { kind: "node", node: newlineSequence() };
      case "g":
        return this.gEscape();
      case "k":
        return this.kEscape();
    }
    return this.otherEscape(c, opts);
  }

  /** Escapes only meaningful outside a class are literal (or errors) inside one. */
  classOnlyEscape(c: number, opts: Options): Escape {
    const ch = String.fromCharCode(c);
    if (ch === "b") return { kind: "char", code: 8 };
    if (ch === "N") this.fail("\\N is not supported in a class", this.pos - 1);
    if ("pPX".includes(ch)) return this.otherEscape(c, opts);
    if ("BRXACGzZgkK".includes(ch)) {
      if (opts.X) this.fail("unrecognized character follows \\", this.pos - 1);
      this.pcre2Differs(`\\${ch} in a character class`);
      return { kind: "char", code: c };
    }
    return this.otherEscape(c, opts);
  }

  otherEscape(c: number, opts: Options): Escape {
    const ch = String.fromCharCode(c);
    if (ch === "p" || ch === "P") {
      this.propertyEscape();
      return { kind: "class", set: emptySet() };
    }
    if (ch === "X") {
      this.unsupportedHere("\\X (extended grapheme cluster)");
      return { kind: "class", set: emptySet() };
    }
    if (ch === "K") {
      this.unsupportedHere("\\K (reset match start)");
      return { kind: "ignore" };
    }
    const alnum = isWordChar(c) && c !== 0x5f;
    if (alnum && opts.X) this.fail("unrecognized character follows \\", this.pos - 1);
    if (alnum) this.pcre2Differs(`the unknown escape \\${ch}`);
    return { kind: "char", code: c };
  }

  /** `\pL`, `\p{Name}`, `\p{^Name}`: validated like PCRE, then recorded as unsupported. */
  propertyEscape(): void {
    let name: string;
    const at = this.pos;
    if (this.pos >= this.src.length) this.fail("malformed \\P or \\p sequence");
    if (this.peek() === 0x7b) {
      const close = this.src.indexOf("}", this.pos);
      if (close < 0) this.fail("malformed \\P or \\p sequence", this.src.length);
      name = this.src.slice(this.pos + 1, close).replace(/^\^/, "");
      this.pos = close + 1;
    } else name = this.src[this.pos++];
    if (!UNICODE_CATEGORIES.has(name) && !/^[A-Z][a-z]+(?:_[A-Z][a-z]+)*$/.test(name)) this.fail("unknown property name after \\P or \\p", at);
    this.unsupportedHere("Unicode property \\p / \\P");
  }

  hexEscape(): number {
    if (this.peek() === 0x7b) {
      let p = this.pos + 1;
      let v = 0;
      while (p < this.src.length && isHex(this.src.charCodeAt(p))) {
        v = v * 16 + parseInt(this.src[p], 16);
        if (v > 255) this.fail("character value in \\x{} or \\o{} is too large", p + 1);
        p++;
      }
      if (p === this.pos + 1 && this.src.charCodeAt(p) === 0x7d) this.fail("digits missing in \\x{} or \\o{}", p);
      if (this.src.charCodeAt(p) !== 0x7d) this.fail("non-hex character in \\x{} (closing brace missing?)", p);
      this.pos = p + 1;
      return v;
    }
    let v = 0;
    if (!isHex(this.peek())) this.pcre2Differs("\\x without hex digits");
    for (let k = 0; k < 2 && isHex(this.peek()); k++) v = v * 16 + parseInt(this.src[this.pos++], 16);
    return v;
  }

  octalBraced(): number {
    if (this.peek() !== 0x7b) this.fail("missing opening brace after \\o", this.pos);
    let p = this.pos + 1;
    let v = 0;
    while (p < this.src.length && this.src.charCodeAt(p) >= 0x30 && this.src.charCodeAt(p) <= 0x37) {
      v = v * 8 + (this.src.charCodeAt(p) - 0x30);
      if (v > 255) this.fail("character value in \\x{} or \\o{} is too large", p + 1);
      p++;
    }
    if (p === this.pos + 1) this.fail("digits missing in \\x{} or \\o{}", p);
    if (this.src.charCodeAt(p) !== 0x7d) this.fail("non-octal character in \\o{} (closing brace missing?)", p);
    this.pos = p + 1;
    return v;
  }

  controlEscape(): number {
    if (this.pos >= this.src.length) this.fail("\\c at end of pattern");
    const x = this.src.charCodeAt(this.pos);
    if (x > 127) this.fail("\\c must be followed by an ASCII character");
    this.pos++;
    const up = x >= 0x61 && x <= 0x7a ? x - 0x20 : x;
    return up ^ 0x40;
  }

  /** Up to `more` further octal digits after an initial value. */
  octalDigits(v: number, more: number): number {
    for (let k = 0; k < more; k++) {
      const d = this.peek();
      if (d < 0x30 || d > 0x37) break;
      v = v * 8 + (d - 0x30);
      this.pos++;
    }
    if (v > 255) this.fail("octal value is greater than \\377 in 8-bit non-UTF-8 mode", this.pos - 1);
    return v;
  }

  /** `\1`…: a backreference if < 8 or enough groups opened so far, else octal or a literal digit. */
  digitEscape(c: number, inClass: boolean): Escape {
    const start = this.pos - 1;
    if (!inClass) {
      let p = start;
      while (p < this.src.length && isDigit(this.src.charCodeAt(p))) p++;
      const n = Number(this.src.slice(start, p));
      if (n < 8 || n <= this.groupCount) {
        if (n > 65535 || p - start > 5) this.fail("number is too big", p);
        this.pos = p;
        return { kind: "backref", ref: n };
      }
    }
    if (c >= 0x38) {
      this.pcre2Differs(`\\${String.fromCharCode(c)} without that many groups`);
      return { kind: "char", code: c };
    }
    return { kind: "char", code: this.octalDigits(c - 0x30, 2) };
  }

  /** `\g{n}`, `\g{-n}`, `\gn`, `\g-n`, `\g{name}`; `\g<…>`/`\g'…'` are subroutine calls. */
  gEscape(): Escape {
    const c = this.peek();
    if (c === 0x3c || c === 0x27) {
      this.unsupportedHere("subroutine call \\g<…>");
      const close = this.src.indexOf(c === 0x3c ? ">" : "'", this.pos + 1);
      if (close < 0) this.fail("\\g is not followed by a braced, angle-bracketed, or quoted name/number or by a plain number");
      this.pos = close + 1;
      return { kind: "ignore" };
    }
    const braced = c === 0x7b;
    let p = braced ? this.pos + 1 : this.pos;
    const neg = this.src.charCodeAt(p) === 0x2d;
    if (neg) p++;
    const ds = p;
    while (p < this.src.length && isDigit(this.src.charCodeAt(p))) p++;
    if (p === ds) {
      if (braced && !neg) return this.namedRef(0x7d, this.pos + 1);
      this.fail("a numbered reference must not be zero", neg ? p : this.pos - 1);
    }
    const n = Number(this.src.slice(ds, p));
    if (braced) {
      if (this.src.charCodeAt(p) !== 0x7d) this.fail("\\g is not followed by a braced, angle-bracketed, or quoted name/number or by a plain number", p);
      p++;
    }
    this.pos = p;
    if (n === 0) this.fail("a numbered reference must not be zero", p - 1);
    return neg ? { kind: "backref", ref: -n, relative: true } : { kind: "backref", ref: n };
  }

  /** `\k<name>`, `\k'name'`, `\k{name}`. */
  kEscape(): Escape {
    const c = this.peek();
    const close = c === 0x3c ? 0x3e : c === 0x27 ? 0x27 : c === 0x7b ? 0x7d : -1;
    if (close < 0) this.fail("\\k is not followed by a braced, angle-bracketed, or quoted name", this.pos - 1);
    return this.namedRef(close, this.pos + 1);
  }

  namedRef(close: number, from: number): Escape {
    const name = this.readName(from, close);
    return { kind: "backref", ref: name };
  }

  /** Reads a group name starting at `from`, which must end with `close`; moves past it. */
  readName(from: number, close: number): string {
    let p = from;
    if (isDigit(this.src.charCodeAt(p))) this.fail("group name must start with a non-digit", p);
    while (p < this.src.length && isWordChar(this.src.charCodeAt(p))) p++;
    if (p - from > 32) this.fail("subpattern name is too long (maximum 32 characters)", p);
    if (p === from) this.fail(p >= this.src.length ? "syntax error in subpattern name (missing terminator)" : "subpattern name expected", p);
    if (this.src.charCodeAt(p) !== close) this.fail("syntax error in subpattern name (missing terminator)", p);
    this.pos = p + 1;
    return this.src.slice(from, p);
  }

  group(opts: Options, depth: number): RegexNode | null {
    const open = this.pos;
    this.pos++;
    if (this.peek() === 0x2a && (this.peek(1) === 0x3a || (this.peek(1) >= 0 && this.tables.posix.alpha[this.peek(1)] === 1))) return this.verb();
    if (this.peek() !== 0x3f) {
      const n = ++this.groupCount;
      return { type: "group", capture: n, body: this.groupBody(opts, depth, open) };
    }
    this.pos++;
    return groupExtension(this, opts, depth, open);
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
    const startOptions = ["CR", "LF", "CRLF", "ANYCRLF", "ANY", "BSR_ANYCRLF", "BSR_UNICODE", "UTF8", "UTF", "UCP", "NO_START_OPT", "NO_AUTO_POSSESS"];
    const atStart = /^(?:\(\*[A-Z0-9_]+\))*$/.test(this.src.slice(0, this.pos - 1));
    if (!m || !(verbs.includes(m[1]) || (atStart && startOptions.includes(m[1])))) {
      const close = this.src.indexOf(")", this.pos);
      this.fail("(*VERB) not recognized or malformed", close < 0 ? this.src.length : close);
    }
    this.unsupportedHere(`backtracking control verb (*${m[1]})`);
    this.pos += m[0].length - 1;
    return { type: "seq", items: [] };
  }

  /** Checks a lookbehind body for PCRE's fixed-length rule. */
  checkLookbehind(body: RegexNode, closeOffset: number): void {
    if (!lookbehindFixed(body)) this.fail("lookbehind assertion is not fixed length", closeOffset);
  }
}

/** General categories and PCRE's special properties (scripts are accepted by shape). */
const UNICODE_CATEGORIES = new Set(
  "C Cc Cf Cn Co Cs L L& Ll Lm Lo Lt Lu M Mc Me Mn N Nd Nl No P Pc Pd Pe Pf Pi Po Ps S Sc Sk Sm So Z Zl Zp Zs Any Xan Xps Xsp Xuc Xwd".split(" "),
);


/** `\R`: `(?>\r\n|[\n\v\f\r\x85])`. */
function newlineSequence(): RegexNode {
  return {
    type: "atomic",
    body: { type: "alt", alts: [{ type: "seq", items: [{ type: "set", set: setOf(0x0d) }, { type: "set", set: setOf(0x0a) }] }, { type: "set", set: setOf([0x0a, 0x0d], 0x85) }] },
  };
}

/** Everything after `(?`. */
function groupExtension(p: Parser, opts: Options, depth: number, open: number): RegexNode | null {
  const c = p.peek();
  const ch = c < 0 ? "" : String.fromCharCode(c);
  if (ch === "#") {
    const close = p.src.indexOf(")", p.pos);
    if (close < 0) p.fail("missing ) after comment", p.src.length);
    p.pos = close + 1;
    return null;
  }
  if (ch === ":" || ch === ">" || ch === "=" || ch === "!" || ch === "|") {
    p.pos++;
    if (ch === "|") p.unsupportedHere("branch reset group (?|…)");
    const body = p.groupBody(opts, depth, open);
    if (ch === ">") return { type: "atomic", body };
    if (ch === "=" || ch === "!") return { type: "look", behind: false, negate: ch === "!", body };
    return { type: "group", capture: null, body };
  }
  if (ch === "<" && (p.peek(1) === 0x3d || p.peek(1) === 0x21)) {
    const negate = p.peek(1) === 0x21;
    p.pos += 2;
    const body = p.groupBody(opts, depth, open);
    p.checkLookbehind(body, p.pos - 1);
    return { type: "look", behind: true, negate, body };
  }
  if (ch === "<" || ch === "'" || (ch === "P" && p.peek(1) === 0x3c)) {
    if (ch === "P") p.pos++;
    const close = p.peek() === 0x3c ? 0x3e : 0x27;
    if (close === 0x3e && !isWordChar(p.peek(1)) && p.peek(1) !== -1) p.fail("unrecognized character after (?<", p.pos + 1);
    if (p.pos + 1 >= p.src.length) p.fail(close === 0x3e ? "unrecognized character after (?<" : "syntax error in subpattern name (missing terminator)", p.pos + 1);
    const name = p.readName(p.pos + 1, close);
    const n = ++p.groupCount;
    const prev = p.names.get(name);
    if (prev && !opts.J) p.fail("two named subpatterns have the same name", p.pos - 1);
    p.names.set(name, [...(prev ?? []), n]);
    return { type: "group", capture: n, name, body: p.groupBody(opts, depth, open) };
  }
  if (ch === "P") return pExtension(p, opts);
  if (ch === "R" || ch === "&" || /^[+-]?\d/.test(p.src.slice(p.pos, p.pos + 2))) return recursion(p);
  if (ch === "(") return conditional(p);
  if (ch === "C") return callout(p);
  return optionSetting(p, opts, depth, open);
}

function pExtension(p: Parser, opts: Options): RegexNode {
  const n = p.peek(1);
  if (n === 0x3d) {
    const offset = p.pos - 2;
    const name = p.readName(p.pos + 2, 0x29);
    const node = { type: "backref" as const, group: 0, caseless: opts.i, offset };
    p.pendingRefs.push({ ref: name, offset: p.pos - 1, node });
    return node;
  }
  if (n === 0x3e) {
    p.unsupportedHere("subroutine call (?P>name)");
    p.readName(p.pos + 2, 0x29);
    return { type: "seq", items: [] };
  }
  p.fail("unrecognized character after (?P", p.pos + 1);
}

function recursion(p: Parser): RegexNode {
  const m = /^(?:R|[+-]?\d+|&\w+)\)/.exec(p.src.slice(p.pos));
  if (!m) p.fail("(?R or (?[+-]digits must be followed by )", p.pos + 1);
  p.unsupportedHere(`recursion or subroutine call (?${m[0]}`);
  p.pos += m[0].length;
  return { type: "seq", items: [] };
}

function conditional(p: Parser): RegexNode {
  p.unsupportedHere("conditional group (?(…)…)");
  // Skip to the matching parenthesis so that later syntax errors are still found.
  let depth = 1;
  let q = p.pos - 2;
  for (q = p.pos; q < p.src.length && depth > 0; q++) {
    const c = p.src.charCodeAt(q);
    if (c === 0x5c) q++;
    else if (c === 0x28) depth++;
    else if (c === 0x29) depth--;
  }
  if (depth > 0) p.fail("missing )", p.src.length);
  p.pos = q;
  return { type: "seq", items: [] };
}

function callout(p: Parser): RegexNode {
  const m = /^C(\d*)\)/.exec(p.src.slice(p.pos));
  if (!m) p.fail("closing ) for (?C expected", p.pos + 1);
  if (m[1] !== "" && Number(m[1]) > 255) p.fail("number after (?C is > 255", p.pos + m[0].length - 1);
  p.unsupportedHere("callout (?C)");
  p.pos += m[0].length;
  return { type: "seq", items: [] };
}

/** `(?imsxJUX-imsxJUX)` (changes the rest of the enclosing group) or `(?…:…)`. */
function optionSetting(p: Parser, opts: Options, depth: number, open: number): RegexNode | null {
  const next = { ...opts };
  let on = true;
  for (;;) {
    const c = p.peek();
    const ch = c < 0 ? "" : String.fromCharCode(c);
    if (ch === "-" && on) {
      on = false;
      p.pos++;
    } else if ("imsxJUX".includes(ch) && ch !== "") {
      next[ch as keyof Options] = on;
      p.pos++;
    } else if (ch === ")") {
      p.pos++;
      Object.assign(opts, next);
      return null;
    } else if (ch === ":") {
      p.pos++;
      return { type: "group", capture: null, body: p.groupBody(next, depth, open) };
    } else p.fail("unrecognized character after (? or (?-", p.pos);
  }
}

/** Parses a pattern (byte string); throws RegexSyntaxError on what re:compile rejects. */
export function parseRegex(pattern: string, flavor: RegexFlavor = "pcre1-latin1"): ParsedRegex {
  return new Parser(pattern, flavor).parse();
}

export { setAddAll };
