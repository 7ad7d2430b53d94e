/** Entry of `analysis-worker.cjs`: runs `analyzeDocument` for the server, one job at a time. */
import { parentPort } from "node:worker_threads";
import { analyzeDocument } from "@emqx-acl/analysis";
import type { WorkerReply, WorkerRequest } from "./analysis-runner";

parentPort?.on("message", (job: WorkerRequest) => {
  let reply: WorkerReply;
  try {
    const a = analyzeDocument(job.text, job.options);
    reply = { id: job.id, diagnostics: a.diagnostics, dialect: a.lowered.dialect };
  } catch (err) {
    reply = { id: job.id, error: err instanceof Error ? (err.stack ?? err.message) : String(err) };
  }
  parentPort!.postMessage(reply);
});
