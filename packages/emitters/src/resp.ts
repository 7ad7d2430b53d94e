/**
 * RESP: the Redis wire protocol `redis-cli --pipe` reads. Bulk strings are
 * length-prefixed, so any bytes (quotes, NUL, newlines) pass unchanged.
 */
import type { Bytes } from "@emqx-acl/core";

/** One command as RESP (arguments are byte strings). */
export function respCommand(args: Bytes[]): string {
  let out = `*${args.length}\r\n`;
  for (const a of args) out += `$${a.length}\r\n${a}\r\n`;
  return out;
}

/** Parses a RESP command stream (what `respCommand` wrote) back into argument lists. */
export function parseResp(text: Bytes): Bytes[][] {
  const out: Bytes[][] = [];
  let i = 0;
  const line = () => {
    const j = text.indexOf("\r\n", i);
    if (j < 0) throw new Error(`RESP: unterminated line at byte ${i}`);
    const s = text.slice(i, j);
    i = j + 2;
    return s;
  };
  while (i < text.length) {
    const head = line();
    if (!head.startsWith("*")) throw new Error(`RESP: expected '*' at byte ${i - head.length - 2}`);
    const n = Number(head.slice(1));
    const args: Bytes[] = [];
    for (let k = 0; k < n; k++) {
      const len = line();
      if (!len.startsWith("$")) throw new Error(`RESP: expected '$' at byte ${i - len.length - 2}`);
      const size = Number(len.slice(1));
      args.push(text.slice(i, i + size));
      i += size + 2;
    }
    out.push(args);
  }
  return out;
}
