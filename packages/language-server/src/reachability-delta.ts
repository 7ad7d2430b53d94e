/**
 * Lint's reachability verdicts go from the worker to the server thread with every result;
 * after a keystroke inside one rule nearly all of them are the very same objects (the
 * linter keeps a rule's result while its verdict and numbering stand), so the worker sends
 * only the entries that changed since its last reply for the document (10k results cost
 * ~20-35 ms to copy between threads per keystroke on the fleet file).
 *
 * Both ends keep the last full array per document; they stay in step because the worker
 * remembers an array only once it has posted it, and the runner applies every reply the
 * worker posts (a restarted worker starts empty and sends whole arrays again).
 */
import type { ReachabilityResult } from "@emqx-acl/analysis";

export type ReachabilityWire =
  { full: ReachabilityResult[] | null } | { length: number; changed: [number, ReachabilityResult][] };

/** Worker side: what to send for `uri`, and remembers it as sent. */
export class ReachabilitySender {
  private readonly sent = new Map<string, ReachabilityResult[]>();

  encode(uri: string, now: ReachabilityResult[] | null): ReachabilityWire {
    const before = this.sent.get(uri);
    if (now) this.sent.set(uri, now);
    else this.sent.delete(uri);
    if (!now || !before || before.length !== now.length) return { full: now };
    const changed: [number, ReachabilityResult][] = [];
    for (let i = 0; i < now.length; i++) if (now[i] !== before[i]) changed.push([i, now[i]]);
    return changed.length * 2 > now.length ? { full: now } : { length: now.length, changed };
  }

  forget(uri: string): void {
    this.sent.delete(uri);
  }

  /** How many documents it remembers. */
  get size(): number {
    return this.sent.size;
  }
}

/** Runner side: the full arrays back from what the worker sent. */
export class ReachabilityReceiver {
  private readonly got = new Map<string, ReachabilityResult[]>();

  decode(uri: string, wire: ReachabilityWire): ReachabilityResult[] | null {
    if ("full" in wire) {
      if (wire.full) this.got.set(uri, wire.full);
      else this.got.delete(uri);
      return wire.full;
    }
    const before = this.got.get(uri);
    // only after the document was closed meanwhile (the worker forgets it after this reply)
    if (!before || before.length !== wire.length) return null;
    // a copy: the previous array may still be held by an earlier analysis
    const now = before.slice();
    for (const [i, r] of wire.changed) now[i] = r;
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
