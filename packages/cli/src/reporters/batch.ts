/** Joins many small pieces of text into chunks of about `size` characters (fewer writes). */
export function* batch(pieces: Iterable<string>, size = 1 << 16): Generator<string> {
  let buf = "";
  for (const p of pieces) {
    buf += p;
    if (buf.length >= size) {
      yield buf;
      buf = "";
    }
  }
  if (buf) yield buf;
}
