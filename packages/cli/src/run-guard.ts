/**
 * What a long lint of a huge file needs from the terminal: progress on a TTY (stderr, so
 * the report on stdout stays clean) and a clean stop, with a message, before Node's heap
 * runs out — V8 aborts with a native stack trace that no `catch` can turn into one.
 * Both ride on the analysis's cancellation polls (a few per thousand work steps).
 */
import { getHeapStatistics } from "node:v8";
import type { CancelToken } from "@emqx-acl/analysis";

/** Stop once the heap holds this much of its limit (V8 needs room to collect and report). */
const HEAP_STOP = 0.9;
/** Read the heap statistics every this many polls (a read costs about a microsecond). */
const POLLS_PER_READ = 256;

export interface HeapState {
  used: number;
  limit: number;
}

/** Cancels the analysis when the heap nears its limit; says where it stopped. */
export class MemoryGuard implements CancelToken {
  private polls = 0;
  /** Set once the guard stopped the analysis. */
  stopped: HeapState | null = null;

  constructor(private readonly read: () => HeapState = heapState) {}

  get cancelled(): boolean {
    if (this.stopped) return true;
    if (++this.polls % POLLS_PER_READ !== 0) return false;
    const h = this.read();
    if (h.used > HEAP_STOP * h.limit) this.stopped = h;
    return this.stopped !== null;
  }
}

/**
 * Test hook: `EMQX_ACL_TEST_HEAP_LIMIT_MB` pretends the heap limit is that small, so the
 * end-to-end test sees the stop without making V8 itself run out.
 */
const testLimit = Number(process.env.EMQX_ACL_TEST_HEAP_LIMIT_MB ?? 0) * 1024 ** 2;

function heapState(): HeapState {
  const s = getHeapStatistics();
  return { used: s.used_heap_size, limit: testLimit || s.heap_size_limit };
}

const GB = 1024 ** 3;

/** The message for a stop: how much was used, of what, and how to give Node more. */
export function outOfMemoryMessage(path: string, h: HeapState, where: string | null): string {
  const at = where ? ` during ${where}` : "";
  return `${path}: out of memory${at}: the analysis used ${(h.used / GB).toFixed(1)} GB of Node's ${(h.limit / GB).toFixed(1)} GB heap; run it with a larger heap, e.g. NODE_OPTIONS=--max-old-space-size=${1024 * Math.ceil((2 * h.limit) / GB)}`;
}

/** Progress lines on a terminal: one line rewritten in place, at most a few times a second. */
export class TtyProgress {
  private last = -Infinity;
  private shown = false;
  private at: { phase: string; done: number; total: number } | null = null;

  constructor(
    private readonly out: { write(s: string): unknown; isTTY?: boolean },
    private readonly now: () => number = Date.now,
    private readonly intervalMs = 200,
  ) {}

  report(path: string, phase: string, done: number, total: number): void {
    // Called once per rule: keep the numbers, format them only when asked.
    this.at = { phase, done, total };
    if (!this.out.isTTY) return;
    const t = this.now();
    if (t - this.last < this.intervalMs && done < total) return;
    this.last = t;
    this.shown = true;
    this.out.write(
      `\r\x1b[Kemqx-acl: ${path}: ${phase} ${done.toLocaleString("en-US")}/${total.toLocaleString("en-US")} rules`,
    );
  }

  /** Where the analysis is (for the out-of-memory message). */
  get where(): string | null {
    const at = this.at;
    return at && `${at.phase}, rule ${at.done.toLocaleString("en-US")} of ${at.total.toLocaleString("en-US")}`;
  }

  /** Erases the progress line (before the report or an error is written). */
  clear(): void {
    if (this.shown) this.out.write("\r\x1b[K");
    this.shown = false;
  }
}
