import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { AnalysisRunner, type Job, type JobResult } from "./analysis-runner";
import { bundleServer } from "./testing/stdio-client";

const loadable = (n: number) =>
  Array.from({ length: n }, (_, i) => `{allow, {username, "u${i}"}, publish, ["t/${i}"]}.`).join("\n") + "\n";
const job = (version: number, text: string): Job => ({
  uri: "file:///a.conf",
  version,
  text,
  options: { dialect: "v5" },
  key: "k",
});

let runner: AnalysisRunner | undefined;
afterEach(() => runner?.dispose());

describe("AnalysisRunner with its worker", () => {
  it("a newer version cancels the stale run through shared memory, without restarting the worker", async () => {
    const workerFile = join(dirname(await bundleServer()), "analysis-worker.cjs");
    // each run first "works" 1 s per KB, polling the cancel flag as lint does
    process.env.EMQX_ACL_LSP_SIMULATED_MS_PER_KB = "1000";
    const events: string[] = [];
    const done = new Promise<JobResult>((resolve) => {
      runner = new AnalysisRunner(
        {
          done: (r) => (events.push(`done v${r.version}`), resolve(r)),
          failed: (j, m) => events.push(`failed v${j.version}: ${m}`),
          cancelled: (j) => events.push(`cancelled v${j.version}`),
        },
        workerFile,
        60_000, // a restart would need a minute: the cancellation must do it
      );
    });
    runner!.submit(job(1, loadable(400))); // ~16 KB: 16 s of simulated work
    delete process.env.EMQX_ACL_LSP_SIMULATED_MS_PER_KB; // the worker got it when it started
    const thread = runner!.workerThreadId;
    await new Promise((r) => setTimeout(r, 200));
    runner!.submit(job(2, "{allow, all}.\n")); // 14 bytes: 14 ms
    const r = await done;
    expect(events).toEqual(["cancelled v1", "done v2"]);
    expect(r.diagnostics.map((d) => d.id)).toEqual(["final-allow-all"]);
    expect(runner!.workerThreadId).toBe(thread);
  }, 30_000);
});

describe("AnalysisRunner forgetting a closed document", () => {
  it("stops its running analysis in the worker, which then holds nothing of it", async () => {
    const workerFile = join(dirname(await bundleServer()), "analysis-worker.cjs");
    process.env.EMQX_ACL_LSP_SIMULATED_MS_PER_KB = "1000";
    const events: string[] = [];
    const cancelled = new Promise<void>((resolve) => {
      runner = new AnalysisRunner(
        {
          done: (r) => events.push(`done v${r.version}`),
          failed: (j, m) => events.push(`failed v${j.version}: ${m}`),
          cancelled: () => resolve(),
        },
        workerFile,
        60_000,
      );
    });
    runner!.submit(job(1, loadable(400)));
    delete process.env.EMQX_ACL_LSP_SIMULATED_MS_PER_KB;
    const thread = runner!.workerThreadId;
    await new Promise((r) => setTimeout(r, 200));
    runner!.forget("file:///a.conf");
    await cancelled;
    expect(events).toEqual([]);
    expect(Object.values(await runner!.workerSizes())).toEqual([0, 0, 0]);
    expect(Object.values(runner!.sizes()).every((n) => n === 0)).toBe(true);
    expect(runner!.workerThreadId).toBe(thread);
  }, 30_000);

  it("without a worker, an analysis not started yet never starts", async () => {
    const events: string[] = [];
    runner = new AnalysisRunner(
      { done: (r) => events.push(`done v${r.version}`), failed: (j) => events.push(`failed v${j.version}`) },
      null,
    );
    runner.submit(job(1, loadable(10)));
    runner.forget("file:///a.conf");
    await new Promise((r) => setTimeout(r, 50));
    expect(events).toEqual([]);
    expect(Object.values(runner.sizes()).every((n) => n === 0)).toBe(true);
  });
});
