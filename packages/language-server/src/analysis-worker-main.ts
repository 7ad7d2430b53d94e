/**
 * Entry of `analysis-worker.cjs`: runs `analyzeDocument` for the server, one job at a time,
 * re-parsing and re-lowering each document incrementally from its previous version.
 */
import { parentPort, workerData } from "node:worker_threads";
import { AnalysisCancelled } from "@emqx-acl/analysis";
import type { WorkerData, WorkerForgot, WorkerReply, WorkerRequest, WorkerSizes } from "./analysis-runner";
import { DocumentAnalyzer } from "./incremental-analysis";
import { DiagnosticsSender } from "./diagnostics-delta";
import { ReachabilitySender } from "./reachability-delta";

const analyzer = new DocumentAnalyzer();
const reach = new ReachabilitySender();
const diags = new DiagnosticsSender();
const flag = (workerData as WorkerData | null)?.cancel;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/**
 * Test hook: block each analysis first for this many ms per 1000 characters, the way a
 * CPU-bound analysis of a big file blocks the worker, so responsiveness tests do not depend
 * on how slow the real analysis happens to be.
 */
const simulatedMsPerKB = Number(process.env.EMQX_ACL_LSP_SIMULATED_MS_PER_KB ?? 0);

parentPort?.on("message", (message: WorkerRequest) => {
  if ("sizes" in message) {
    const sizes: WorkerSizes = {
      sizes: { analyzer: analyzer.size, reachability: reach.size, diagnostics: diags.size },
    };
    return parentPort!.postMessage(sizes);
  }
  if ("forget" in message) {
    reach.forget(message.forget);
    diags.forget(message.forget);
    analyzer.forget(message.forget);
    const forgot: WorkerForgot = { forgot: message.forget };
    return parentPort!.postMessage(forgot);
  }
  const job = message;
  let reply: WorkerReply;
  const cancel = {
    get cancelled() {
      return flag !== undefined && Atomics.load(flag, 0) === job.id;
    },
  };
  const simulatedMs = (simulatedMsPerKB * job.text.length) / 1000;
  // the simulated work polls the cancel flag, like lint does
  for (const until = Date.now() + simulatedMs; Date.now() < until && !cancel.cancelled;) Atomics.wait(sleeper, 0, 0, 5);
  try {
    const a = analyzer.analyze(job.uri, job.text, { ...job.options, cancel });
    reply = {
      id: job.id,
      uri: job.uri,
      diagnostics: diags.encode(job.uri, a.diagnostics),
      dialect: a.lowered.dialect,
      reachability: reach.encode(job.uri, a.reachability ?? null),
    };
  } catch (err) {
    if (err instanceof AnalysisCancelled) reply = { id: job.id, cancelled: true };
    else reply = { id: job.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  parentPort!.postMessage(reply);
  // after the reply: the diagnostics need not wait for it, and the next job (queued behind
  // this) would do it anyway
  if (!("cancelled" in reply) && !("error" in reply)) analyzer.settle(job.uri);
});
