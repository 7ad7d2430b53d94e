/**
 * Writing Erlang string literals: the one escaper the emitters, the lint fixes and the
 * synthetic rules of property checks share. What it writes reads back (file:consult, and
 * this package's parser) as exactly the code points given.
 */

/** Printable beyond Latin-1 controls: kept as written so a migrated file stays readable. */
const READABLE = /[\p{L}\p{N}\p{P}\p{S}\p{M}]/u;

/** The inside of a string literal for these code points: `"` and `\` escaped, the unreadable as `\xHH` / `\x{H…}`. */
export function erlStringBody(text: string): string {
  let out = "";
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (ch === '"') out += '\\"';
    else if (ch === "\\") out += "\\\\";
    else if (c >= 0x20 && c < 0x7f) out += ch;
    else if (c > 0xa0 && READABLE.test(ch)) out += ch;
    else
      out += c < 0x100 ? `\\x${c.toString(16).padStart(2, "0").toUpperCase()}` : `\\x{${c.toString(16).toUpperCase()}}`;
  }
  return out;
}

/** A string literal, quotes included, for these code points. */
export function erlStringLiteral(text: string): string {
  return `"${erlStringBody(text)}"`;
}
