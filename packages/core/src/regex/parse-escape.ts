/**
 * Escape sequences of PCRE 8.x (8-bit, no UTF): literal bytes, class escapes, anchors,
 * backreferences in all their spellings, and group names. Functions over the Parser state.
 */
import type { RegexNode } from "./ast";
import { emptySet, setNot, setOf, withWideRanges, type ByteSet } from "./byte-set";
import { subroutineCall } from "./parse-group";
import { propertySet } from "./unicode-property";
import { loosePropertyName } from "./pcre-ucd";
import { isDigit, isHex, isWordChar, type Escape, type Options, type Parser } from "./parse";

/** Parses the escape at `pos` (a backslash); `inClass` changes a few meanings. */
export function escape(ps: Parser, inClass: boolean, opts: Options): Escape {
  ps.pos++;
  if (ps.pos >= ps.src.length) ps.fail("\\ at end of pattern");
  const c = ps.codeAt(ps.pos++);
  const ch = String.fromCharCode(c);
  const simple: Record<string, number> = { a: 7, e: 0x1b, f: 0x0c, n: 0x0a, r: 0x0d, t: 0x09 };
  if (ch in simple) return { kind: "char", code: simple[ch] };
  if ("dwshv".includes(ch)) return { kind: "class", set: ps.tables.escape[ch] };
  if ("DWSHV".includes(ch)) return { kind: "class", set: setNot(ps.tables.escape[ch.toLowerCase()]) };
  if (ch === "Q") return { kind: "quote" };
  if (ch === "E") return { kind: "ignore" };
  if (ch === "x") return { kind: "char", code: hexEscape(ps) };
  if (ch === "o") return { kind: "char", code: octalBraced(ps) };
  if (ch === "c") return { kind: "char", code: controlEscape(ps) };
  if (ch === "0") return { kind: "char", code: octalDigits(ps, 0, 2) };
  if (c >= 0x31 && c <= 0x39) return digitEscape(ps, c, inClass);
  if (ps.pcre2 && "FLlUu".includes(ch)) ps.fail("PCRE2 does not support \\F, \\L, \\l, \\N{name}, \\U, or \\u", ps.pos);
  if ("LlUu".includes(ch)) ps.fail("PCRE does not support \\L, \\l, \\N{name}, \\U, or \\u", ps.pos - 1);
  if (inClass) return classOnlyEscape(ps, c, opts);
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
      if (ps.peek() === 0x7b && !ps.quantifierAt(ps.pos))
        ps.fail("PCRE does not support \\L, \\l, \\N{name}, \\U, or \\u", ps.pos - 1);
      return ps.newline === "LF"
        ? { kind: "class", set: setNot(setOf(0x0a)) }
        : { kind: "node", node: ps.notNewline() };
    case "C":
      ps.wideCharsDiffer("\\C (one byte of a character)");
      return { kind: "class", set: setOf([0, 255]) };
    case "R":
      return { kind: "node", node: newlineSequence(ps.utf, ps.bsrAnyCrlf) };
    case "g":
      return gEscape(ps);
    case "k":
      return kEscape(ps);
  }
  return otherEscape(ps, c, opts);
}

/** Escapes only meaningful outside a class are literal (or errors) inside one. */
export function classOnlyEscape(ps: Parser, c: number, opts: Options): Escape {
  const ch = String.fromCharCode(c);
  if (ch === "b") return { kind: "char", code: 8 };
  if (ch === "N") ps.fail("\\N is not supported in a class", ps.pos - 1);
  if ("pP".includes(ch)) return otherEscape(ps, c, opts);
  if ("BRXACGzZgkK".includes(ch)) {
    if (opts.X) ps.fail("unrecognized character follows \\", ps.pos - 1);
    // PCRE2 refuses these in a class, but for \g and \k (literal letters there too)
    if (ps.pcre2 && ch !== "g" && ch !== "k") ps.fail("escape sequence is invalid in character class", ps.pos - 1);
    return { kind: "char", code: c };
  }
  return otherEscape(ps, c, opts);
}

export function otherEscape(ps: Parser, c: number, opts: Options): Escape {
  const ch = String.fromCharCode(c);
  if (ch === "p" || ch === "P") return { kind: "class", set: propertyEscape(ps, ch === "P", opts) };
  if (ch === "X") {
    // PCRE2 (OTP 28) delimits clusters by newer Unicode rules (emoji sequences among them)
    ps.pcre2Differs("\\X (extended grapheme cluster)");
    return { kind: "node", node: { type: "cluster" } };
  }
  if (ch === "K") {
    // where the reported match starts does not change whether there is one
    ps.backtrackOnly("\\K (reset match start)");
    if (ps.pcre2 && ps.lookDepth > 0)
      ps.pendingRefs.push({ ref: 0, offset: ps.pos, node: { group: 0 }, kind: "bsk-in-look" });
    return { kind: "ignore" };
  }
  const alnum = isWordChar(c) && c !== 0x5f;
  if (alnum && opts.X) ps.fail("unrecognized character follows \\", ps.pos - 1);
  // PCRE 8 takes an unknown letter or digit escape as the character; PCRE2 refuses it
  if (alnum && ps.pcre2) ps.fail("unrecognized character follows \\", ps.pos - 1);
  return { kind: "char", code: c };
}

/**
 * `\pL`, `\p{Name}`, `\p{^Name}` (and `\P…`, the complement): the names PCRE 8's tables
 * know (pcre-ucd.ts; a script added to Unicode after 7.0 is refused as re:compile refuses it),
 * with their members above U+00FF in UTF-8 mode.
 */
export function propertyEscape(ps: Parser, negated: boolean, opts: Options): ByteSet {
  let name: string;
  if (ps.pos >= ps.src.length) ps.fail("malformed \\P or \\p sequence");
  const braced = ps.peek() === 0x7b;
  if (braced) {
    const close = ps.src.indexOf("}", ps.pos);
    if (close < 0) ps.fail("malformed \\P or \\p sequence", ps.src.length);
    name = ps.src.slice(ps.pos + 1, close);
    ps.pos = close + 1;
  } else name = ps.src[ps.pos++];
  if (name.startsWith("^")) [name, negated] = [name.slice(1), !negated];
  if (ps.pcre2) {
    const known = loosePropertyName(name);
    // PCRE2's names (and `bc=…`, `sc:…` forms) are letters, digits and separators; a name
    // without braces is one of the one-letter categories (measured: `\PD`, `\P8` are refused)
    if (known === null && (!braced || !/^[A-Za-z0-9 _\-=:&]+$/.test(name)))
      ps.fail("unknown property name after \\P or \\p", ps.pos - 1);
    if (known === null) {
      ps.pcre2Differs(`the property name ${JSON.stringify(name)}`);
      return emptySet();
    }
    // caseless, PCRE2 takes \p{Lu}, \p{Ll} and \p{Lt} for any cased letter (measured)
    name = opts.i && ["Lu", "Ll", "Lt"].includes(known) ? "L&" : known;
  }
  const set = propertySet(name, ps.utf, ps.flavor);
  // PCRE points at the name's last character: the letter, or the closing brace
  if (set === null) ps.fail("unknown property name after \\P or \\p", ps.pos - 1);
  return negated ? setNot(set) : set;
}

/** UTF-8 mode allows code points above U+00FF in `\\x{…}` / `\\o{…}`, but no surrogate. */
function wideEscape(ps: Parser, v: number, close: number): number {
  if (v >= 0xd800 && v <= 0xdfff) ps.fail("disallowed Unicode code point (>= 0xd800 && <= 0xdfff)", close);
  return v;
}

export function hexEscape(ps: Parser): number {
  if (ps.peek() === 0x7b) {
    let p = ps.pos + 1;
    let v = 0;
    while (p < ps.src.length && isHex(ps.src.charCodeAt(p))) {
      v = v * 16 + parseInt(ps.src[p], 16);
      if (v > (ps.utf ? 0x10ffff : 255)) ps.fail("character value in \\x{} or \\o{} is too large", p + 1);
      p++;
    }
    if (p === ps.pos + 1 && ps.src.charCodeAt(p) === 0x7d) ps.fail("digits missing in \\x{} or \\o{}", p);
    if (ps.src.charCodeAt(p) !== 0x7d) ps.fail("non-hex character in \\x{} (closing brace missing?)", p);
    ps.pos = p + 1;
    return wideEscape(ps, v, p);
  }
  let v = 0;
  if (!isHex(ps.peek()) && ps.pcre2) ps.fail("digits missing after \\x or in \\x{} or \\o{} or \\N{U+}", ps.pos);
  for (let k = 0; k < 2 && isHex(ps.peek()); k++) v = v * 16 + parseInt(ps.src[ps.pos++], 16);
  return v;
}

export function octalBraced(ps: Parser): number {
  if (ps.peek() !== 0x7b) ps.fail("missing opening brace after \\o", ps.pos);
  let p = ps.pos + 1;
  let v = 0;
  while (p < ps.src.length && ps.src.charCodeAt(p) >= 0x30 && ps.src.charCodeAt(p) <= 0x37) {
    v = v * 8 + (ps.src.charCodeAt(p) - 0x30);
    if (v > (ps.utf ? 0x10ffff : 255)) ps.fail("character value in \\x{} or \\o{} is too large", p + 1);
    p++;
  }
  if (p === ps.pos + 1) ps.fail("digits missing in \\x{} or \\o{}", p);
  if (ps.src.charCodeAt(p) !== 0x7d) ps.fail("non-octal character in \\o{} (closing brace missing?)", p);
  ps.pos = p + 1;
  return wideEscape(ps, v, p);
}

export function controlEscape(ps: Parser): number {
  if (ps.pos >= ps.src.length) ps.fail("\\c at end of pattern");
  const x = ps.src.charCodeAt(ps.pos);
  if (ps.pcre2 && (x < 0x20 || x > 0x7e)) ps.fail("\\c must be followed by a printable ASCII character");
  if (x > 127) ps.fail("\\c must be followed by an ASCII character");
  ps.pos++;
  const up = x >= 0x61 && x <= 0x7a ? x - 0x20 : x;
  return up ^ 0x40;
}

/** Up to `more` further octal digits after an initial value. */
export function octalDigits(ps: Parser, v: number, more: number): number {
  for (let k = 0; k < more; k++) {
    const d = ps.peek();
    if (d < 0x30 || d > 0x37) break;
    v = v * 8 + (d - 0x30);
    ps.pos++;
  }
  // UTF-8 mode takes up to \777 (U+01FF)
  if (v > 255 && !ps.utf) ps.fail("octal value is greater than \\377 in 8-bit non-UTF-8 mode", ps.pos - 1);
  return v;
}

/** `\1`…: a backreference if < 8 or enough groups opened so far, else octal or a literal digit. */
export function digitEscape(ps: Parser, c: number, inClass: boolean): Escape {
  const start = ps.pos - 1;
  if (!inClass) {
    let p = start;
    while (p < ps.src.length && isDigit(ps.src.charCodeAt(p))) p++;
    const n = Number(ps.src.slice(start, p));
    // PCRE2 also reads \8, \9 and any number they start as a backreference
    if (n < 8 || n <= ps.groupCount || (ps.pcre2 && (n < 10 || c >= 0x38))) {
      if (n > 65535 || p - start > 5) ps.fail("number is too big", p);
      ps.pos = p;
      return { kind: "backref", ref: n };
    }
  }
  if (c >= 0x38) return { kind: "char", code: c };
  return { kind: "char", code: octalDigits(ps, c - 0x30, 2) };
}

/** `\g{n}`, `\g{-n}`, `\gn`, `\g-n`, `\g{name}`; `\g<…>`/`\g'…'` are subroutine calls. */
export function gEscape(ps: Parser): Escape {
  const c = ps.peek();
  if (c === 0x3c || c === 0x27) {
    ps.backtrackOnly("subroutine call \\g<…>");
    const close = ps.src.indexOf(c === 0x3c ? ">" : "'", ps.pos + 1);
    if (close < 0)
      ps.fail("\\g is not followed by a braced, angle-bracketed, or quoted name/number or by a plain number");
    const ref = ps.src.slice(ps.pos + 1, close);
    ps.pos = close + 1;
    return { kind: "node", node: subroutineCall(ps, ref, close) };
  }
  const braced = c === 0x7b;
  let p = braced ? ps.pos + 1 : ps.pos;
  const neg = ps.src.charCodeAt(p) === 0x2d;
  if (neg) p++;
  const ds = p;
  while (p < ps.src.length && isDigit(ps.src.charCodeAt(p))) p++;
  if (p === ds) {
    if (braced && !neg) return namedRef(ps, 0x7d, ps.pos + 1);
    ps.fail("a numbered reference must not be zero", neg ? p : ps.pos - 1);
  }
  const n = Number(ps.src.slice(ds, p));
  if (braced) {
    if (ps.src.charCodeAt(p) !== 0x7d)
      ps.fail("\\g is not followed by a braced, angle-bracketed, or quoted name/number or by a plain number", p);
    p++;
  }
  ps.pos = p;
  if (n === 0) ps.fail("a numbered reference must not be zero", p - 1);
  return neg ? { kind: "backref", ref: -n, relative: true } : { kind: "backref", ref: n };
}

/** `\k<name>`, `\k'name'`, `\k{name}`. */
export function kEscape(ps: Parser): Escape {
  const c = ps.peek();
  const close = c === 0x3c ? 0x3e : c === 0x27 ? 0x27 : c === 0x7b ? 0x7d : -1;
  if (close < 0) ps.fail("\\k is not followed by a braced, angle-bracketed, or quoted name", ps.pos - 1);
  return namedRef(ps, close, ps.pos + 1);
}

export function namedRef(ps: Parser, close: number, from: number): Escape {
  const name = readName(ps, from, close);
  return { kind: "backref", ref: name };
}

/** Reads a group name starting at `from`, which must end with `close`; moves past it. */
export function readName(ps: Parser, from: number, close: number, definition = false): string {
  let p = from;
  if (isDigit(ps.src.charCodeAt(p))) ps.fail("group name must start with a non-digit", p);
  while (p < ps.src.length && ps.isNameChar(ps.src.charCodeAt(p))) p++;
  if (p - from > 32) ps.fail("subpattern name is too long (maximum 32 characters)", p);
  // PCRE 8 accepts an empty name in (?'') and (?P<>) definitions, not in references.
  if (p === from && !definition) ps.fail("subpattern name expected", p);
  if (ps.src.charCodeAt(p) !== close) ps.fail("syntax error in subpattern name (missing terminator)", p);
  ps.pos = p + 1;
  return ps.src.slice(from, p);
}

/** `\R`: `(?>\r\n|[\n\v\f\r\x85])`; in UTF-8 mode the single ends include U+2028 and U+2029. */
function newlineSequence(utf: boolean, anyCrlf: boolean): RegexNode {
  const single = anyCrlf ? setOf(0x0a, 0x0d) : setOf([0x0a, 0x0d], 0x85);
  return {
    type: "atomic",
    newline: true,
    body: {
      type: "alt",
      alts: [
        {
          type: "seq",
          items: [
            { type: "set", set: setOf(0x0d) },
            { type: "set", set: setOf(0x0a) },
          ],
        },
        { type: "set", set: utf && !anyCrlf ? withWideRanges(single, [[0x2028, 0x2029]]) : single },
      ],
    },
  };
}
