/**
 * The worker threads of `check --jobs` (the built `check-worker.cjs`): batches answered in
 * workers equal the same batches answered on this thread, whatever order they come back
 * in; a worker whose rules do not load fails its batches with a message, not a hang.
 */
import { execFileSync } from "node:child_process";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, it } from "vitest";
import { compileDecider, lower } from "@emqx-acl/core";
import { parseDocument } from "@emqx-acl/syntax";
import { answerBatch, answerWith } from "./check-batch";
import { CheckPool, findCheckWorker } from "./check-pool";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const dist = join(root, "packages", "cli", "dist");
const ACL = '{allow, {username, "u1"}, publish, ["t/${clientid}"]}.\n{deny, all, subscribe, ["#"]}.\n{allow, all}.\n';
const bytes = new TextEncoder().encode(ACL);

const line = (i: number) =>
  i % 97 === 0
    ? "{broken"
    : JSON.stringify({
        username: i % 3 ? "u1" : "u2",
        clientid: `c${i % 5}`,
        action: i % 2 ? "publish" : "subscribe",
        topic: `t/c${i % 7}`,
      });

beforeAll(() => {
  execFileSync(process.execPath, ["scripts/build.mjs"], { cwd: root, stdio: "pipe" });
});

describe("CheckPool", () => {
  it("is found beside the CLI's bundles, and not where there is none", () => {
    expect(findCheckWorker(dist)).toBe(join(dist, "check-worker.cjs"));
    expect(findCheckWorker(join(root, "packages", "cli", "src"))).toBeNull();
    expect(findCheckWorker(undefined)).toBeNull();
  });

  it("answers batches in workers exactly as this thread does", async () => {
    const here = answerWith(compileDecider(lower(parseDocument(ACL), "v5").ruleSet));
    const pool = new CheckPool(findCheckWorker(dist)!, 2, { acl: bytes, engine: "v5" });
    try {
      const batches = Array.from({ length: 9 }, (_, b) =>
        Array.from({ length: 50 + b * 13 }, (_, i) => line(b * 1000 + i)),
      );
      let first = 1;
      const starts = batches.map((l) => ((first += l.length), first - l.length));
      const results = await Promise.all(batches.map((l, b) => pool.submit(l, starts[b])));
      results.forEach((r, b) => expect(r).toEqual(answerBatch(batches[b], starts[b], here)));
      // the malformed lines keep their numbers in the whole stream
      expect(results[0].malformed[0]).toMatchObject({ line: 1, message: expect.stringMatching(/not valid JSON/) });
      expect(results.some((r) => r.malformed.some((m) => m.line > 100))).toBe(true);
    } finally {
      await pool.close();
    }
  });

  it("fails the batches of a worker whose rules do not load", async () => {
    const pool = new CheckPool(findCheckWorker(dist)!, 1, {
      acl: new TextEncoder().encode('{allow, all, pubsub, ["t"]}.\n'),
      engine: "v5",
    });
    try {
      await expect(pool.submit([line(1)], 1)).rejects.toThrow(/does not load/);
    } finally {
      await pool.close();
    }
  });
});
