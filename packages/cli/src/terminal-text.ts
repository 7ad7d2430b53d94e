/**
 * Text for a terminal. Strings from the files, requests and names a user passes (usernames,
 * topics, paths) reach messages; an ESC in a username could clear the screen, move the
 * cursor or print a fake "0 problems", and a bidi override could reorder what is shown.
 * Every control character but newline and tab, and the bidi controls, is shown as an
 * escape instead (the code frame already shows them as `?`).
 */
const UNSAFE = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function terminalText(s: string): string {
  return s.replace(UNSAFE, (c) => {
    const n = c.charCodeAt(0);
    return n <= 0xff ? `\\x${n.toString(16).padStart(2, "0")}` : `\\u{${n.toString(16)}}`;
  });
}
