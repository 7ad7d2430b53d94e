/**
 * Entry of `check-worker.cjs`: loads the rules it is given (as the main thread does) and
 * answers each batch of request lines it is sent (see check-pool.ts).
 */
import { parentPort, workerData } from "node:worker_threads";
import { loadRuleSet } from "@emqx-acl/analysis";
import { compileDecider } from "@emqx-acl/core";
import { answerBatch, answerWith } from "./check-batch";
import type { CheckJob, CheckWorkerData, CheckWorkerReply } from "./check-pool";

const data = workerData as CheckWorkerData;
const rules = loadRuleSet(data.acl, { dialect: data.engine }).lowered.ruleSet;
// the main thread reports a load error and sends no batch; a batch still answers one
const answer = rules.loadError ? null : answerWith(compileDecider(rules, { securityProfile: data.securityProfile }));

parentPort!.on("message", (job: CheckJob) => {
  const reply: CheckWorkerReply = answer
    ? { seq: job.seq, result: answerBatch(job.lines, job.firstLine, answer) }
    : { seq: job.seq, error: "the acl file does not load" };
  parentPort!.postMessage(reply);
});
