/**
 * The `(*…)` items at the very start of a pattern that set compile options (PCRE 8
 * pcre_compile: `(*UTF8)`, `(*UTF)`, `(*UCP)`, newline and `\R` conventions, and the two
 * optimisation switches). Only the ones whose meaning is modelled are "understood":
 *
 * - `(*UTF8)` / `(*UTF)`: pattern and subject are UTF-8; a character is a code point.
 * - `(*UCP)`: `\w \d \s \b` and POSIX classes follow Unicode properties.
 * - `(*NO_START_OPT)`, `(*NO_AUTO_POSSESS)`: optimisations only, no change to what matches
 *   (patterns with backtracking verbs, where they can matter, are unsupported anyway).
 * - `(*LF)`: Erlang's default newline already.
 * - `(*LIMIT_MATCH=n)`: modelled by the backtracking matcher for n ≥ 1000.
 * - `(*LIMIT_RECURSION=n)`, `(*LIMIT_MATCH=n)` with n < 1000: recognised, not modelled.
 */
export interface StartOptions {
  utf: boolean;
  ucp: boolean;
  /** `(*NO_START_OPT)`: re:run tries every start position (matters with (*COMMIT) etc.). */
  noStartOpt?: boolean;
  /**
   * `(*LIMIT_MATCH=n)` (n ≥ 1000; the smallest if repeated): lowers re:run's match limit.
   * Only the backtracking matcher follows it; smaller values stay unmodelled (the step
   * calibration is proportional and too coarse for a handful of steps).
   */
  limitMatch?: number;
  /** `(*CR)`, `(*CRLF)`, `(*ANYCRLF)`, `(*ANY)` (the last one given), absent for LF. */
  newline?: Newline;
  /** `(*BSR_ANYCRLF)`: `\R` is only CR, LF or CRLF (the last of the two BSR items wins). */
  bsrAnyCrlf?: boolean;
  /** Bytes the items take at the start of the pattern. */
  length: number;
  /** Items recognised by PCRE whose meaning is not modelled (`(*CR)`, `(*BSR_ANYCRLF)`…). */
  unmodelled: string[];
}

const MODELLED = new Set(["UTF8", "UTF", "UCP", "NO_START_OPT", "NO_AUTO_POSSESS", "LF"]);
/** Newline conventions and `\R` settings: the backtracking matcher follows them. */
const CONVENTIONS = new Set(["CR", "CRLF", "ANYCRLF", "ANY", "BSR_ANYCRLF", "BSR_UNICODE"]);
const KNOWN = new Set([...MODELLED, ...CONVENTIONS]);

/** PCRE's newline conventions (`LF` is Erlang's default). */
export type Newline = "LF" | "CR" | "CRLF" | "ANYCRLF" | "ANY";

/**
 * Length of the newline of `convention` that starts with character `c` (followed by
 * `next`, -1 at the end), 0 if none. `utf`: (*ANY) also counts U+2028 and U+2029.
 */
export function newlineLength(convention: Newline, c: number, next: number, utf: boolean): number {
  const crlf = c === 0x0d && next === 0x0a;
  switch (convention) {
    case "LF":
      return c === 0x0a ? 1 : 0;
    case "CR":
      return c === 0x0d ? 1 : 0;
    case "CRLF":
      return crlf ? 2 : 0;
    case "ANYCRLF":
      return crlf ? 2 : c === 0x0a || c === 0x0d ? 1 : 0;
    case "ANY":
      return crlf ? 2 : anyNewline(c, utf) ? 1 : 0;
  }
}

/** A one-character newline under (*ANY): LF, VT, FF, CR, NEL (and LS, PS in UTF-8 mode). */
export function anyNewline(c: number, utf: boolean): boolean {
  return (c >= 0x0a && c <= 0x0d) || c === 0x85 || (utf && (c === 0x2028 || c === 0x2029));
}

/** Reads the leading option items (unknown names stop the scan; the parser reports them). */
export function startOptions(src: string): StartOptions {
  const out: StartOptions = { utf: false, ucp: false, length: 0, unmodelled: [] };
  // (*LIMIT_MATCH=n) / (*LIMIT_RECURSION=n) cap backtracking: recognised, not modelled
  const item = /^\(\*([A-Z0-9_]+|LIMIT_(?:MATCH|RECURSION)=[0-9]+)\)/;
  const known = (name: string) => KNOWN.has(name) || name.startsWith("LIMIT_");
  for (let m = item.exec(src); m && known(m[1]); m = item.exec(src.slice(out.length))) {
    if (m[1] === "UTF8" || m[1] === "UTF") out.utf = true;
    else if (m[1] === "UCP") out.ucp = true;
    else if (m[1] === "NO_START_OPT") out.noStartOpt = true;
    else if (CONVENTIONS.has(m[1]) && m[1].startsWith("BSR_")) out.bsrAnyCrlf = m[1] === "BSR_ANYCRLF";
    else if (CONVENTIONS.has(m[1])) out.newline = m[1] as Newline;
    else if (m[1] === "LF") out.newline = undefined;
    else if (m[1].startsWith("LIMIT_MATCH=") && Number(m[1].slice(12)) >= 1000)
      out.limitMatch = Math.min(Number(m[1].slice(12)), out.limitMatch ?? Infinity);
    else if (!MODELLED.has(m[1])) out.unmodelled.push(m[0]);
    out.length += m[0].length;
  }
  return out;
}

/**
 * The code points of UTF-8 text, or the byte offset of the first invalid sequence (PCRE's
 * UTF-8 check: no overlongs, no surrogates, nothing above U+10FFFF).
 */
export function decodeUtf8(bytes: string): number[] | { invalidAt: number } {
  const out: number[] = [];
  for (let i = 0; i < bytes.length;) {
    const b = bytes.charCodeAt(i);
    const n = b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (n < 0) return { invalidAt: i };
    let cp = n === 0 ? b : b & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const c = bytes.charCodeAt(i + k); // NaN past the end: invalid too
      if (!(c >= 0x80 && c <= 0xbf)) return { invalidAt: i };
      cp = (cp << 6) | (c & 0x3f);
    }
    const min = [0, 0x80, 0x800, 0x10000][n];
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return { invalidAt: i };
    out.push(cp);
    i += n + 1;
  }
  return out;
}
