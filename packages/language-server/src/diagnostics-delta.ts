/**
 * A document's diagnostics go from the worker to the server thread with every result;
 * after a keystroke inside one rule the sorted list differs only around that rule (the
 * fleet file's 9k diagnostics cost ~30-60 ms to copy between threads). The worker sends
 * how many leading and trailing diagnostics equal (deeply) those of its last reply for the
 * document, and the ones between; the server thread rebuilds the list from its previous
 * copy, so unchanged diagnostics are the same objects there (their LSP form is reused).
 *
 * The ends stay in step as in `reachability-delta.ts`: the worker remembers a list once
 * posted, the runner decodes every reply of its current worker.
 */
import type { Diagnostic } from "@emqx-acl/syntax";

export type DiagnosticsWire = { full: Diagnostic[] } | { head: number; tail: number; middle: Diagnostic[] };

export class DiagnosticsSender {
  private readonly sent = new Map<string, Diagnostic[]>();

  encode(uri: string, now: Diagnostic[]): DiagnosticsWire {
    const before = this.sent.get(uri);
    this.sent.set(uri, now);
    if (!before) return { full: now };
    const most = Math.min(before.length, now.length);
    let head = 0;
    while (head < most && sameDiagnostic(before[head], now[head])) head++;
    let tail = 0;
    while (tail < most - head && sameDiagnostic(before[before.length - 1 - tail], now[now.length - 1 - tail])) tail++;
    if ((head + tail) * 2 < now.length) return { full: now };
    return { head, tail, middle: now.slice(head, now.length - tail) };
  }

  forget(uri: string): void {
    this.sent.delete(uri);
  }

  /** How many documents it remembers. */
  get size(): number {
    return this.sent.size;
  }
}

export class DiagnosticsReceiver {
  private readonly got = new Map<string, Diagnostic[]>();

  /** The full list, or null when a delta arrives without its base (the document was closed meanwhile). */
  decode(uri: string, wire: DiagnosticsWire): Diagnostic[] | null {
    if ("full" in wire) {
      this.got.set(uri, wire.full);
      return wire.full;
    }
    const before = this.got.get(uri);
    if (!before || wire.head + wire.tail > before.length) return null;
    const now = [...before.slice(0, wire.head), ...wire.middle, ...before.slice(before.length - wire.tail)];
    this.got.set(uri, now);
    return now;
  }

  forget(uri: string): void {
    this.got.delete(uri);
  }

  /** How many documents it remembers. */
  get size(): number {
    return this.got.size;
  }

  clear(): void {
    this.got.clear();
  }
}

const sameRange = (a: Diagnostic["range"], b: Diagnostic["range"]) =>
  a.start.line === b.start.line &&
  a.start.character === b.start.character &&
  a.end.line === b.end.line &&
  a.end.character === b.end.character;

/** Deep equality of two diagnostics (every field the shape has). */
export function sameDiagnostic(a: Diagnostic, b: Diagnostic): boolean {
  if (a === b) return true;
  if (
    a.id !== b.id ||
    a.severity !== b.severity ||
    a.term !== b.term ||
    a.message !== b.message ||
    !sameRange(a.range, b.range)
  )
    return false;
  const ra = a.related ?? [];
  const rb = b.related ?? [];
  if (ra.length !== rb.length || (a.related === undefined) !== (b.related === undefined)) return false;
  for (let i = 0; i < ra.length; i++)
    if (ra[i].message !== rb[i].message || !sameRange(ra[i].range, rb[i].range)) return false;
  if ((a.fix === undefined) !== (b.fix === undefined)) return false;
  if (a.fix && b.fix) {
    if (a.fix.title !== b.fix.title || a.fix.edits.length !== b.fix.edits.length) return false;
    for (let i = 0; i < a.fix.edits.length; i++)
      if (a.fix.edits[i].newText !== b.fix.edits[i].newText || !sameRange(a.fix.edits[i].range, b.fix.edits[i].range))
        return false;
  }
  return Object.keys(a).length === Object.keys(b).length;
}
