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

/** A buffer publications are written into; `gen` counts its reuses. */
interface Slot {
  buf: Buffer;
  gen: number;
}

/** Where a diagnostic's JSON sits in the last publication that held it (while `gen` is its slot's). */
interface Placed {
  slot: Slot;
  gen: number;
  start: number;
  end: number;
}

/** A piece of the next publication: bytes [start, end) of `buf`. */
interface Piece {
  buf: Buffer;
  start: number;
  end: number;
}

/**
 * `idle`: nothing written earlier is still on its way out (the stream holds no pending
 * bytes). Then the publication before last, which is no longer being written, is written
 * over instead of allocating a buffer per publication: a 4 MB buffer per keystroke on the
 * fleet file, left to the garbage collector, grew the server's resident memory by tens of
 * megabytes over a few dozen keystrokes.
 */
export function diagnosticsCachingEncoder(idle: () => boolean = () => false): ContentTypeEncoder {
  const placed = new WeakMap<object, Placed>();
  const slots: { latest: Slot | null; spare: Slot | null } = { latest: null, spare: null };
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
        assemble(
          Buffer.from(`${before}[`, "utf8"),
          diagnostics,
          Buffer.from(`]${after}`, "utf8"),
          placed,
          () => {
            const reuse = slots.spare !== null && idle() ? slots.spare : null;
            if (reuse) reuse.gen++; // what it held is gone: its placements no longer count
            return reuse;
          },
          (used) => {
            if (used !== slots.latest) [slots.spare, slots.latest] = [slots.latest, used];
          },
        ),
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
function assemble(
  open: Buffer,
  diagnostics: object[],
  close: Buffer,
  placed: WeakMap<object, Placed>,
  recycled: () => Slot | null,
  done: (slot: Slot) => void,
): Buffer {
  // the target first: placements into a reused buffer are invalid before any is read
  const target = recycled();
  const pieces: Piece[] = [{ buf: open, start: 0, end: open.length }];
  const lengths = new Array<number>(diagnostics.length);
  let run: Piece | null = null;
  for (let i = 0; i < diagnostics.length; i++) {
    const d = diagnostics[i];
    let at = placed.get(d);
    if (at !== undefined && at.gen !== at.slot.gen) at = undefined;
    if (at !== undefined) {
      lengths[i] = at.end - at.start;
      // the next diagnostic of the same earlier publication: extend the run (comma included)
      if (run !== null && at.slot.buf === run.buf && at.start === run.end + 1) {
        run.end = at.end;
        continue;
      }
    }
    if (i) pieces.push(COMMA);
    if (at !== undefined) pieces.push((run = { buf: at.slot.buf, start: at.start, end: at.end }));
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
  // room to grow, so that the next publications fit too
  const slot =
    target && target.buf.length >= total ? target : { buf: Buffer.allocUnsafeSlow(total + (total >> 3)), gen: 0 };
  const out = slot.buf;
  let o = 0;
  for (const p of pieces) o += p.buf.copy(out, o, p.start, p.end);
  let pos = open.length;
  for (let i = 0; i < diagnostics.length; i++) {
    if (i) pos += 1;
    placed.set(diagnostics[i], { slot, gen: slot.gen, start: pos, end: pos + lengths[i] });
    pos += lengths[i];
  }
  done(slot);
  return out.subarray(0, total);
}

const COMMA: Piece = { buf: Buffer.from(","), start: 0, end: 1 };
