/**
 * Text for a terminal. Strings from the files, requests and names a user passes (usernames,
 * topics, paths) reach messages; an ESC in a username could clear the screen, move the
 * cursor or print a fake "0 problems", and a bidi override could reorder what is shown.
 * Every control character but newline and tab, and the bidi controls, is shown as an
 * escape instead (the code frame shows them as `?`).
 */

/** The code points never sent raw: C0 but tab and newline, DEL and C1, the bidi controls. */
const UNSAFE_RANGES: [number, number][] = [
  [0x00, 0x08],
  [0x0b, 0x1f],
  [0x7f, 0x9f],
  [0x61c, 0x61c],
  [0x200e, 0x200f],
  [0x202a, 0x202e],
  [0x2066, 0x2069],
];
const hex = (n: number) => `\\u${n.toString(16).padStart(4, "0")}`;
const UNSAFE = new RegExp(
  `[${UNSAFE_RANGES.map(([a, b]) => (a === b ? hex(a) : `${hex(a)}-${hex(b)}`)).join("")}]`,
  "g",
);

/** Whether the code point must not reach a terminal raw (tab and newline may). */
export function isTerminalUnsafe(cp: number): boolean {
  return UNSAFE_RANGES.some(([a, b]) => cp >= a && cp <= b);
}

/**
 * A path or name shown inside one line (`path:line:col: …`): its line breaks and tabs are
 * escapes too, so a file named "x\n0 problems" cannot start a line of its own.
 */
export function terminalName(s: string): string {
  return terminalText(s).replace(/[\n\t]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

export function terminalText(s: string): string {
  return s.replace(UNSAFE, (c) => {
    const n = c.charCodeAt(0);
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, "0")}` : `\\u{${n.toString(16)}}`;
  });
}
