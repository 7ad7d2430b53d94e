/**
 * `check`'s worker threads: each loads the rules itself (while the main thread loads its
 * own copy) and answers the batches of request lines it is sent, in the order sent. The
 * main thread writes the answers in request order, so output and exit code are the ones a
 * sequential run gives; only the wall time changes (the load and the decisions spread
 * over the machine's cores).
 */
import { existsSync } from "node:fs";
import { join } from "node:path";
import { Worker } from "node:worker_threads";
import type { Dialect } from "@emqx-acl/core";
import type { BatchResult } from "./check-batch";

/** What a worker is started with: the acl file's bytes and how to load them. */
export interface CheckWorkerData {
  acl: Uint8Array;
  engine: Dialect;
  securityProfile?: "legacy" | "hardened";
}

/** A batch of request lines for a worker. */
export interface CheckJob {
  seq: number;
  lines: string[];
  firstLine: number;
}

export type CheckWorkerReply = { seq: number; result: BatchResult } | { seq: number; error: string };

/** The worker bundle beside the CLI's bundles, or null (sources, odd installs: one thread then). */
export function findCheckWorker(dir: string | undefined = typeof __dirname === "string" ? __dirname : undefined) {
  if (!dir) return null;
  const file = join(dir, "check-worker.cjs");
  return existsSync(file) ? file : null;
}

export class CheckPool {
  private readonly workers: Worker[] = [];
  private readonly waiting = new Map<number, { resolve(r: BatchResult): void; reject(e: Error): void }>();
  private seq = 0;
  private closing = false;

  constructor(file: string, size: number, data: CheckWorkerData) {
    for (let i = 0; i < size; i++) {
      const w = new Worker(file, { workerData: data });
      w.on("message", (m: CheckWorkerReply) => {
        const p = this.waiting.get(m.seq);
        this.waiting.delete(m.seq);
        if ("error" in m) p?.reject(new Error(m.error));
        else p?.resolve(m.result);
      });
      w.on("error", (e) => this.failAll(e));
      w.on("exit", (code) => {
        if (!this.closing) this.failAll(new Error(`a check worker stopped (exit code ${code})`));
      });
      this.workers.push(w);
    }
  }

  /** Answers a batch in a worker (round robin). */
  submit(lines: string[], firstLine: number): Promise<BatchResult> {
    const seq = this.seq++;
    const w = this.workers[seq % this.workers.length];
    const p = new Promise<BatchResult>((resolve, reject) => {
      this.waiting.set(seq, { resolve, reject });
      w.postMessage({ seq, lines, firstLine } satisfies CheckJob);
    });
    // awaited in request order, maybe after it fails: not an unhandled rejection meanwhile
    p.catch(() => undefined);
    return p;
  }

  private failAll(e: Error): void {
    for (const p of this.waiting.values()) p.reject(new Error(`check worker failed: ${e.message}`));
    this.waiting.clear();
  }

  async close(): Promise<void> {
    this.closing = true;
    await Promise.all(this.workers.map((w) => w.terminate()));
  }
}
