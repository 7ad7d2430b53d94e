/**
 * Analysis waits while the client is still sending document traffic. A client opening (and
 * closing) a thousand documents in one burst used to have every one parsed and queued for
 * analysis between two of its messages, only for the next messages to close it: seconds of
 * stall, and a thousand models in memory at once. While document messages come less than
 * `quietMs` apart, a document's analysis waits until they pause, so what is closed within
 * the burst is never analysed; a client that never pauses still gets its diagnostics after
 * `maxWaitMs`. A lone message (a keystroke) is no burst and waits for nothing.
 * Analyses also start at least `quietMs` apart: the time one takes on this thread is not
 * a pause in the traffic, and the client's next messages are read in between.
 */
export class TrafficPause {
  private lastTraffic = Number.NEGATIVE_INFINITY;
  /** The last two document messages came less than `quietMs` apart. */
  private burst = false;
  private lastAnalysis = Number.NEGATIVE_INFINITY;

  constructor(
    readonly quietMs = 20,
    readonly maxWaitMs = 3000,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** A document was opened, changed or closed. */
  noteTraffic(): void {
    const now = this.now();
    this.burst = now - this.lastTraffic < this.quietMs;
    this.lastTraffic = now;
  }

  /** An analysis starts now. */
  noteAnalysis(): void {
    this.lastAnalysis = this.now();
  }

  /** How much longer an analysis due since `since` should wait (0: start it now). */
  remaining(since: number): number {
    const now = this.now();
    const spacing = this.lastAnalysis + this.quietMs - now;
    const quiet =
      !this.burst || now - since >= this.maxWaitMs
        ? 0
        : Math.min(this.lastTraffic + this.quietMs, since + this.maxWaitMs) - now;
    return Math.max(0, spacing, quiet);
  }
}
