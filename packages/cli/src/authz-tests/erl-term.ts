/** Erlang term text for the synthetic rules a property check builds (EMQX 5/6 syntax). */

/** An Erlang string literal of this text (UTF-8, as EMQX 5/6 read strings). */
export function erlString(text: string): string {
  let out = "";
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (ch === '"' || ch === "\\") out += `\\${ch}`;
    else if (c < 0x20 || c === 0x7f) out += `\\x{${c.toString(16)}}`;
    else out += ch;
  }
  return `"${out}"`;
}
