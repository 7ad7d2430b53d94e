/**
 * Runs `analyzeDocument` — the one pipeline, whose lint and reachability can take seconds
 * on large files — off the LSP thread, in a worker bundled next to the server
 * (`analysis-worker.cjs`). One analysis at a time; only the newest version of a document
 * is queued. A newer edit cancels the running analysis of an older version at once through
 * a flag in shared memory that the worker's lint polls (so the worker keeps its incremental
 * state); a run that does not stop within `abandonAfterMs` is cut short by restarting the
 * worker. Without the worker file (sources, odd installs) analyses run on the main thread,
 * one per event-loop turn.
 */
import { existsSync } from "node:fs";
import { Worker } from "node:worker_threads";
import type { AnalyzeOptions, ReachabilityResult } from "@emqx-acl/analysis";
import type { Diagnostic } from "@emqx-acl/syntax";
import { DocumentAnalyzer } from "./incremental-analysis";
import { DiagnosticsReceiver, type DiagnosticsWire } from "./diagnostics-delta";
import { ReachabilityReceiver, type ReachabilityWire } from "./reachability-delta";

export interface Job {
  uri: string;
  version: number;
  text: string;
  options: AnalyzeOptions;
  /** The settings the job was made with, handed back with the result. */
  key: string;
}

export interface JobResult {
  uri: string;
  version: number;
  key: string;
  diagnostics: Diagnostic[];
  /** The dialect the analysis used (what `auto` chose). */
  dialect: string;
  /** Lint's reachability verdicts (hover and inlay hints show them), if it computed them. */
  reachability: ReachabilityResult[] | null;
}

export interface RunnerEvents {
  done(r: JobResult): void;
  failed(job: Job, message: string): void;
  /** The worker stopped a stale run when asked (a newer version is queued). */
  cancelled?(job: Job): void;
}

/**
 * Message protocol between the runner and `analysis-worker-main.ts`: a job, a closed
 * document, or (tests) how many documents the worker keeps state for.
 */
export type WorkerRequest = (Job & { id: number }) | { forget: string } | { sizes: true };
export type WorkerReply =
  | { id: number; uri: string; diagnostics: DiagnosticsWire; dialect: string; reachability: ReachabilityWire }
  | { id: number; error: string }
  | { id: number; cancelled: true };
export type WorkerSizes = { sizes: Record<string, number> };
/** The worker has dropped a closed document (every reply about it came before this). */
export type WorkerForgot = { forgot: string };

/** What the worker is started with: `cancel[0]` holds the id of the job to stop. */
export interface WorkerData {
  cancel: Int32Array;
}

export class AnalysisRunner {
  private worker: Worker | null = null;
  private readonly pending = new Map<string, Job>();
  private running: { job: Job; id: number; since: number } | null = null;
  private nextId = 1;
  /** The worker's reachability arrays, rebuilt from what it sends (see reachability-delta.ts). */
  private readonly reach = new ReachabilityReceiver();
  private readonly diags = new DiagnosticsReceiver();
  private disposed = false;
  /** Without a worker: the incremental analyses, on this thread. */
  private readonly inline = new DocumentAnalyzer();
  /** Shared with the worker: the id of the run to cancel. */
  private readonly cancelFlag = new Int32Array(new SharedArrayBuffer(4));
  private stopTimer: NodeJS.Timeout | undefined;
  private readonly sizeWaiters: ((s: Record<string, number>) => void)[] = [];

  constructor(
    private readonly events: RunnerEvents,
    private readonly workerFile: string | null,
    private readonly abandonAfterMs = 1000,
  ) {}

  /** Whether analyses run in a worker thread. */
  get threaded(): boolean {
    return this.workerFile !== null;
  }

  /** Queues the newest version of a document (replacing an older queued one). */
  submit(job: Job): void {
    if (this.disposed) return;
    this.pending.set(job.uri, job);
    const r = this.running;
    if (r && r.job.uri === job.uri && r.job.version !== job.version) this.stop(r.id);
    this.pump();
  }

  /** Asks the worker to stop a stale run; restarts it if the run goes on regardless. */
  private stop(id: number): void {
    if (!this.workerFile) return; // inline runs are never interrupted
    Atomics.store(this.cancelFlag, 0, id);
    clearTimeout(this.stopTimer);
    this.stopTimer = setTimeout(() => {
      if (this.running?.id === id) this.restart();
      this.pump();
    }, this.abandonAfterMs);
    this.stopTimer.unref?.();
  }

  /** Drops the queued job of a document and stops its running one (a newer version needs none). */
  cancel(uri: string): void {
    this.pending.delete(uri);
    const r = this.running;
    if (r && r.job.uri === uri) this.stop(r.id);
  }

  /** The worker thread's id (null before the first job): a restart changes it. */
  get workerThreadId(): number | null {
    return this.worker?.threadId ?? null;
  }

  /** Forgets a closed document (and the worker's incremental state for it); its running analysis stops. */
  forget(uri: string): void {
    this.pending.delete(uri);
    const r = this.running;
    if (r && r.job.uri === uri) {
      if (this.workerFile) this.stop(r.id);
      else {
        // an inline run not started yet is skipped (it would make state for a closed document)
        this.running = null;
        this.pump();
      }
    }
    this.inline.forget(uri);
    this.reach.forget(uri);
    this.diags.forget(uri);
    this.worker?.postMessage({ forget: uri } satisfies WorkerRequest);
  }

  /** How many documents each of its maps holds (on this thread). */
  sizes(): Record<string, number> {
    return {
      pending: this.pending.size,
      running: this.running ? 1 : 0,
      inline: this.inline.size,
      reachability: this.reach.size,
      diagnostics: this.diags.size,
    };
  }

  /** The same for the worker (empty when there is none). */
  workerSizes(): Promise<Record<string, number>> {
    if (!this.worker) return Promise.resolve({});
    this.worker.postMessage({ sizes: true } satisfies WorkerRequest);
    return new Promise((resolve) => this.sizeWaiters.push(resolve));
  }

  dispose(): void {
    this.disposed = true;
    clearTimeout(this.stopTimer);
    void this.worker?.terminate();
    this.worker = null;
  }

  private pump(): void {
    if (this.running || this.disposed) return;
    const next = this.pending.values().next();
    if (next.done) return;
    const job = next.value;
    this.pending.delete(job.uri);
    const id = this.nextId++;
    this.running = { job, id, since: Date.now() };
    if (this.workerFile) {
      const { uri, version, text, options, key } = job;
      this.ensureWorker().postMessage({ id, uri, version, text, options, key } satisfies WorkerRequest);
    } else setImmediate(() => this.runInline(job, id));
  }

  private runInline(job: Job, id: number): void {
    if (this.running?.id !== id) return;
    let reply: WorkerReply;
    try {
      const a = this.inline.analyze(job.uri, job.text, job.options);
      reply = {
        id,
        uri: job.uri,
        diagnostics: { full: a.diagnostics },
        dialect: a.lowered.dialect,
        reachability: { full: a.reachability ?? null },
      };
    } catch (err) {
      reply = { id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
    }
    this.finish(reply);
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(this.workerFile!, { workerData: { cancel: this.cancelFlag } satisfies WorkerData });
    // a new worker sends whole lists first
    this.reach.clear();
    this.diags.clear();
    w.on("message", (m: WorkerReply | WorkerSizes | WorkerForgot) => {
      if ("sizes" in m) this.sizeWaiters.shift()?.(m.sizes);
      else if (this.worker !== w) return;
      else if ("forgot" in m) {
        // a reply the worker sent before it forgot the document was decoded into state here
        this.reach.forget(m.forgot);
        this.diags.forget(m.forgot);
      } else this.finish(m);
    });
    w.on("error", (err) => this.crashed(w, err.stack ?? err.message));
    w.on("exit", (code) => this.crashed(w, `analysis worker exited with code ${code}`));
    w.unref();
    this.worker = w;
    return w;
  }

  private finish(m: WorkerReply): void {
    // every result is decoded, even one no job waits for any more: the worker counts it as sent
    const reachability = "diagnostics" in m ? this.reach.decode(m.uri, m.reachability) : null;
    const diagnostics = "diagnostics" in m ? this.diags.decode(m.uri, m.diagnostics) : null;
    const r = this.running;
    if (!r || r.id !== m.id) return;
    this.running = null;
    if ("cancelled" in m) this.events.cancelled?.(r.job);
    else if ("error" in m) this.events.failed(r.job, m.error);
    // no base: the document was closed meanwhile, its result is of no use
    else if (!diagnostics) this.events.cancelled?.(r.job);
    else
      this.events.done({
        uri: r.job.uri,
        version: r.job.version,
        key: r.job.key,
        diagnostics,
        dialect: m.dialect,
        reachability,
      });
    this.pump();
  }

  private crashed(w: Worker, message: string): void {
    if (this.worker !== w) return; // a worker we terminated on purpose
    this.worker = null;
    this.answerSizes();
    const r = this.running;
    this.running = null;
    if (r) this.events.failed(r.job, message);
    this.pump();
  }

  private restart(): void {
    const w = this.worker;
    this.worker = null;
    this.running = null;
    this.answerSizes();
    void w?.terminate();
  }

  /** A worker that is gone holds nothing: whoever asked what it holds is told so. */
  private answerSizes(): void {
    for (const answer of this.sizeWaiters.splice(0)) answer({});
  }
}

/** The worker bundle beside the server bundle, or null when there is none. */
export function findWorkerFile(dir: string | undefined): string | null {
  if (!dir) return null;
  const file = `${dir}/analysis-worker.cjs`;
  return existsSync(file) ? file : null;
}
