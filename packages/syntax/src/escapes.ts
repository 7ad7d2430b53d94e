/**
 * Backslash escapes in strings, quoted atoms and `$\c` characters, as `erl_scan` reads
 * them: `\b \d \e \f \n \r \s \t \v`, octal `\o` `\oo` `\ooo`, `\xHH`, `\x{H...}`,
 * `\^c` (control character: c band 31) and any other `\c` = `c`.
 */

export interface Escape {
  /** The code point the escape stands for (0 when `error` is set). */
  code: number;
  /** Offset just after the escape. */
  end: number;
  error?: string;
}

const SIMPLE: Record<number, number> = {
  98: 8, // \b
  100: 127, // \d = DEL
  101: 27, // \e
  102: 12, // \f
  110: 10, // \n
  114: 13, // \r
  115: 32, // \s
  116: 9, // \t
  118: 11, // \v
};

const isOctal = (c: number) => c >= 48 && c <= 55;
const isHex = (c: number) => (c >= 48 && c <= 57) || (c >= 97 && c <= 102) || (c >= 65 && c <= 70);

/** Reads the escape whose backslash is just before offset `p`. */
export function scanEscape(text: string, p: number): Escape {
  if (p >= text.length) return { code: 0, end: p, error: "a '\\' at the end of the file starts no escape" };
  const c = text.charCodeAt(p);
  if (isOctal(c)) {
    let end = p + 1;
    while (end < p + 3 && isOctal(text.charCodeAt(end))) end++;
    return { code: parseInt(text.slice(p, end), 8), end };
  }
  if (c === 120) return hexEscape(text, p + 1);
  if (c === 94) {
    if (p + 1 >= text.length)
      return { code: 0, end: p + 1, error: "'\\^' must be followed by a character, as in \\^a" };
    const cp = text.codePointAt(p + 1)!;
    return { code: cp & 31, end: p + 1 + (cp > 0xffff ? 2 : 1) };
  }
  const simple = SIMPLE[c];
  if (simple !== undefined) return { code: simple, end: p + 1 };
  const cp = text.codePointAt(p)!;
  return { code: cp, end: p + (cp > 0xffff ? 2 : 1) };
}

function hexEscape(text: string, p: number): Escape {
  if (text.charCodeAt(p) === 123) {
    let end = p + 1;
    while (isHex(text.charCodeAt(end))) end++;
    if (end === p + 1 || text.charCodeAt(end) !== 125) {
      return {
        code: 0,
        end: Math.max(end, p + 1),
        error: "'\\x{' must be followed by hex digits and '}', as in \\x{263A}",
      };
    }
    const code = end - p - 1 > 8 ? 0x110000 : parseInt(text.slice(p + 1, end), 16);
    if (code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) {
      return { code: 0, end: end + 1, error: `\\x{${text.slice(p + 1, end)}} is not a valid Unicode code point` };
    }
    return { code, end: end + 1 };
  }
  if (isHex(text.charCodeAt(p)) && isHex(text.charCodeAt(p + 1))) {
    return { code: parseInt(text.slice(p, p + 2), 16), end: p + 2 };
  }
  return { code: 0, end: p, error: "'\\x' must be followed by two hex digits (\\x41) or braces (\\x{41})" };
}
