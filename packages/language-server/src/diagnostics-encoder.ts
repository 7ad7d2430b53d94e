/**
 * The server's JSON encoder for outgoing messages, with one shortcut: a
 * `textDocument/publishDiagnostics` notification is written from the cached JSON of each
 * diagnostic object. After a keystroke in a large file nearly every diagnostic is the same
 * object as in the last publication (the server keeps their LSP form), and stringifying
 * the whole list again (9k diagnostics, ~5 MB on the 10k fleet file) was the largest cost
 * of the server thread per keystroke. The bytes are exactly what `JSON.stringify` of the
 * message gives. Diagnostic objects must not change once published (they never do: a
 * changed diagnostic is a new object).
 */
import type { ContentTypeEncoder, Message } from "vscode-languageserver/node";

const PUBLISH = "textDocument/publishDiagnostics";

interface PublishMessage {
  jsonrpc: string;
  method: typeof PUBLISH;
  params: { uri: string; version?: number; diagnostics: object[] };
}

/** Only the plain shape is taken by the shortcut; anything else goes through JSON.stringify. */
function isPlainPublish(msg: Message): msg is Message & PublishMessage {
  const m = msg as Partial<PublishMessage> & { id?: unknown };
  if (m.method !== PUBLISH || m.id !== undefined || Object.keys(m).length !== 3) return false;
  const p = m.params;
  if (!p || !Array.isArray(p.diagnostics) || typeof p.uri !== "string") return false;
  for (const k of Object.keys(p)) if (k !== "uri" && k !== "version" && k !== "diagnostics") return false;
  return true;
}

/** Where a diagnostic's JSON sits in the last publication that held it. */
interface Placed {
  buf: Buffer;
  start: number;
  end: number;
}

export function diagnosticsCachingEncoder(): ContentTypeEncoder {
  const placed = new WeakMap<object, Placed>();
  return {
    name: "application/json",
    encode(msg, options) {
      if (!isPlainPublish(msg) || !/^utf-?8$/i.test(options.charset))
        return Promise.resolve(Buffer.from(JSON.stringify(msg), options.charset));
      const { uri, version, diagnostics } = msg.params;
      // keys in the order the message object has them, as JSON.stringify writes them
      const head = [`{"jsonrpc":${JSON.stringify(msg.jsonrpc)},"method":"${PUBLISH}","params":{`];
      for (const k of Object.keys(msg.params)) {
        if (k === "uri") head.push(`"uri":${JSON.stringify(uri)},`);
        else if (k === "version" && version !== undefined) head.push(`"version":${JSON.stringify(version)},`);
        else if (k === "diagnostics") head.push(`"diagnostics":\u0000,`);
      }
      const [before, after] = `${head.join("").slice(0, -1)}}}`.split("\u0000");
      return Promise.resolve(
        assemble(Buffer.from(`${before}[`, "utf8"), diagnostics, Buffer.from(`]${after}`, "utf8"), placed),
      );
    },
  };
}

/**
 * `open` + the diagnostics' JSON joined by commas + `close`. Diagnostics that sat next to
 * each other in an earlier publication are copied from it as one run (after a keystroke
 * the list is a few long runs), new ones are stringified; every diagnostic's place then
 * moves to the new buffer.
 */
function assemble(open: Buffer, diagnostics: object[], close: Buffer, placed: WeakMap<object, Placed>): Buffer {
  const pieces: Placed[] = [{ buf: open, start: 0, end: open.length }];
  const lengths = new Array<number>(diagnostics.length);
  let run: Placed | null = null;
  for (let i = 0; i < diagnostics.length; i++) {
    const d = diagnostics[i];
    const at = placed.get(d);
    if (at !== undefined) {
      lengths[i] = at.end - at.start;
      // the next diagnostic of the same earlier publication: extend the run (comma included)
      if (run !== null && at.buf === run.buf && at.start === run.end + 1) {
        run.end = at.end;
        continue;
      }
    }
    if (i) pieces.push(COMMA);
    if (at !== undefined) pieces.push((run = { buf: at.buf, start: at.start, end: at.end }));
    else {
      const b = Buffer.from(JSON.stringify(d), "utf8");
      lengths[i] = b.length;
      pieces.push({ buf: b, start: 0, end: b.length });
      run = null;
    }
  }
  pieces.push({ buf: close, start: 0, end: close.length });
  let total = 0;
  for (const p of pieces) total += p.end - p.start;
  const out = Buffer.allocUnsafe(total);
  let o = 0;
  for (const p of pieces) o += p.buf.copy(out, o, p.start, p.end);
  let pos = open.length;
  for (let i = 0; i < diagnostics.length; i++) {
    if (i) pos += 1;
    placed.set(diagnostics[i], { buf: out, start: pos, end: pos + lengths[i] });
    pos += lengths[i];
  }
  return out;
}

const COMMA: Placed = { buf: Buffer.from(","), start: 0, end: 1 };
