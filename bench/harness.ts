/**
 * A tiny benchmark harness: suites measure wall time and memory of real work and print
 * figures beside a baseline measured in the same run (ratios, not absolute thresholds).
 */
import { performance } from "node:perf_hooks";

export interface Measurement {
  ms: number;
  result: unknown;
}

/** Runs `fn` `repeat` times (after one warm-up unless `warmup` is false); returns the median. */
export async function measure<T>(
  fn: () => T | Promise<T>,
  repeat = 3,
  warmup = true,
): Promise<{ ms: number; result: T }> {
  if (warmup) await fn();
  const times: number[] = [];
  let result!: T;
  for (let i = 0; i < repeat; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    const t0 = performance.now();
    result = await fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: times[Math.floor(times.length / 2)], result };
}

export function heapMB(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed / 1e6;
}

/** Prints one aligned table row set. */
export function table(title: string, header: string[], rows: (string | number)[][]): void {
  const cells = [header, ...rows.map((r) => r.map((c) => (typeof c === "number" ? fmt(c) : c)))];
  const widths = header.map((_, i) => Math.max(...cells.map((r) => String(r[i] ?? "").length)));
  console.log(`\n## ${title}`);
  for (const r of cells) console.log(r.map((c, i) => String(c ?? "").padStart(widths[i])).join("  "));
}

export function fmt(n: number): string {
  if (!Number.isFinite(n)) return String(n);
  if (Math.abs(n) >= 100) return n.toFixed(0);
  if (Math.abs(n) >= 1) return n.toFixed(2);
  return n.toPrecision(3);
}

export type Suite = { name: string; run: (args: string[]) => Promise<void> };
