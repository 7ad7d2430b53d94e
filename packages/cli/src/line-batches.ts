/**
 * Lines of a text stream, a chunk's worth at a time: the same lines `readline` gives
 * (`\n`, `\r\n` and a lone `\r` end a line; a last line without an end is kept; UTF-8 split
 * across chunks is decoded whole), without an await and an event per line — `check`
 * reads hundreds of thousands of short lines.
 */
import { isAscii } from "node:buffer";
import { StringDecoder } from "node:string_decoder";
import type { Readable } from "node:stream";

const BREAK = /\r\n|\n|\r/;

/**
 * UTF-8 text of `buf[start, end)`. ASCII bytes are their own Latin-1 decoding, which is
 * several times quicker than Node's UTF-8 decoder (measured).
 */
function utf8(buf: Buffer, start: number, end: number, ascii = isAscii(buf.subarray(start, end))): string {
  return ascii ? buf.toString("latin1", start, end) : buf.toString("utf8", start, end);
}

/**
 * The lines of a chunk without any \r, up to its last \n (`nl`), the first one joined to
 * the bytes `pending` from the previous chunk: each line decoded on its own. One string
 * per chunk split into lines cost twice as much in a fresh process (the 1 MB strings are
 * new memory each time, measured).
 */
function plainLines(pending: Buffer | null, buf: Buffer, nl: number): string[] {
  const lines: string[] = [];
  let start = 0;
  if (pending) {
    // only the line the previous chunk left open is joined (copied), not the whole chunk
    start = buf.indexOf(10) + 1;
    const joined = Buffer.concat([pending, buf.subarray(0, start - 1)]);
    lines.push(utf8(joined, 0, joined.length));
  }
  const ascii = isAscii(buf.subarray(start, nl));
  while (start <= nl) {
    const end = buf.indexOf(10, start);
    lines.push(utf8(buf, start, end, ascii));
    start = end + 1;
  }
  return lines;
}

/** Yields the complete lines of each chunk as one array (never an empty array). */
export async function* lineBatches(stream: Readable): AsyncGenerator<string[]> {
  let pending: Buffer | null = null;
  let rest = "";
  const decoder = new StringDecoder("utf8");
  for await (const chunk of stream) {
    let text: string;
    if (typeof chunk === "string") {
      text = rest + chunk;
    } else {
      // decode up to the last \n only (a \n byte is never inside a UTF-8 sequence); the
      // bytes after it wait for the next chunk
      const buf = chunk as Buffer;
      const nl = buf.lastIndexOf(10);
      if (nl < 0) {
        pending = pending ? Buffer.concat([pending, buf]) : buf;
        continue;
      }
      // the common case: no \r to tell \r\n from a lone \r (rest is then always empty)
      if (rest === "" && buf.indexOf(13) < 0 && (pending === null || pending.indexOf(13) < 0)) {
        const lines = plainLines(pending, buf, nl);
        pending = nl + 1 < buf.length ? buf.subarray(nl + 1) : null;
        yield lines;
        continue;
      }
      text = rest;
      if (pending) {
        // only the line the previous chunk left open is joined (copied), not the whole chunk
        const first = buf.indexOf(10);
        const joined = Buffer.concat([pending, buf.subarray(0, first + 1)]);
        text += utf8(joined, 0, joined.length) + utf8(buf, first + 1, nl + 1);
      } else text += utf8(buf, 0, nl + 1);
      pending = nl + 1 < buf.length ? buf.subarray(nl + 1) : null;
    }
    // a final \r may be the first half of \r\n: keep it for the next chunk
    let held = "";
    if (text.endsWith("\r")) {
      held = "\r";
      text = text.slice(0, -1);
    }
    // one-character split when the chunk has no \r (the common case) is several times faster
    const lines = text.indexOf("\r") < 0 ? text.split("\n") : text.split(BREAK);
    rest = lines.pop()! + held;
    if (lines.length) yield lines;
  }
  if (pending) rest += decoder.write(pending) + decoder.end();
  if (rest === "") return;
  const lines = rest.split(BREAK);
  // a trailing break ends the last line; it does not start an empty one
  if (lines[lines.length - 1] === "") lines.pop();
  yield lines;
}
