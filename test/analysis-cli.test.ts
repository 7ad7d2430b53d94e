/** `emqx-acl analyze` and `emqx-acl diff` end to end through their run functions. */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runAnalyze } from "../packages/cli/src/commands/analyze";
import { runDiff } from "../packages/cli/src/commands/diff";
import { MemoryGuard } from "../packages/cli/src/run-guard";
import { UsageError } from "../packages/cli/src/usage-error";

const dir = mkdtempSync(join(tmpdir(), "emqx-acl-analysis-"));
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const io = () => {
  const out = { stdout: "", stderr: "" };
  return {
    out,
    io: { stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) } },
  };
};

describe("emqx-acl analyze", () => {
  it("stops with where and how much when the heap nears its limit (a UsageError: exit 2, one line)", async () => {
    const rules = Array.from(
      { length: 2000 },
      (_, i) => `{allow, {username, "u${i % 50}"}, all, ["d/\${clientid}/${i % 7}/#"]}.`,
    );
    const p = file("big.conf", `${rules.join("\n")}\n{deny, all}.\n`);
    const { out, io: o } = io();
    // a fresh guard per run: a guard that stopped stays stopped
    const run = () =>
      runAnalyze(
        p,
        { engine: "v5", format: "json" },
        { ...o, guard: new MemoryGuard(() => ({ used: 95, limit: 100 })) },
      );
    await expect(run()).rejects.toThrow(UsageError);
    await expect(run()).rejects.toThrow(
      /big\.conf: out of memory during reachability, rule [\d,]+ of 2,001: the analysis used 0\.0 GB of Node's 0\.0 GB heap/,
    );
    expect(out.stdout).toBe("");
  });

  it("prints one JSON entry per rule with witnesses and covering sets", async () => {
    const p = file(
      "a.conf",
      '{deny, all, subscribe, ["#"]}.\n{allow, {username, "admin"}, subscribe, ["x/#"]}.\n{allow, all}.\n',
    );
    const { out, io: o } = io();
    expect(await runAnalyze(p, { engine: "v5", format: "json" }, o)).toBe(0);
    const j = JSON.parse(out.stdout);
    expect(j.engine).toBe("v5");
    expect(j.rules.map((r: { status: string }) => r.status)).toEqual(["reachable", "unreachable", "reachable"]);
    expect(j.rules[1].coveredBy).toEqual([1]);
    expect(j.rules[0].witness.action).toBe("subscribe");
  });

  it("reports a file the engine refuses with file:line:col and exit 1", async () => {
    const p = file("bad.conf", '{allow, all, pubsub, ["#"]}.\n');
    const { out, io: o } = io();
    expect(await runAnalyze(p, { engine: "v5", format: "pretty" }, o)).toBe(1);
    expect(out.stderr).toMatch(/bad\.conf:1:\d+: EMQX v5 refuses this file/);
  });
});

describe("emqx-acl analyze output on a large file", () => {
  // 3,000 rules: the report is several 64 KB pieces
  const rules = Array.from(
    { length: 3000 },
    (_, i) => `{allow, {username, "u${i % 700}"}, publish, ["t/${i % 300}/#"]}.`,
  );
  const p = file("large.conf", `${rules.join("\n")}\n{deny, all}.\n`);
  /** A sink that is full after every write and drains on the next tick, recording each write. */
  const slowSink = () => {
    const writes: string[] = [];
    let pending: (() => void) | null = null;
    return {
      writes,
      stdout: {
        write(s: string) {
          expect(pending).toBeNull(); // never written while full
          writes.push(s);
          return false;
        },
        once(_event: "drain", listener: () => void) {
          pending = listener;
          setImmediate(() => {
            pending = null;
            listener();
          });
        },
      },
      stderr: { write: () => true },
    };
  };

  it("json: the same text as one JSON.stringify of the report, written piece by piece with backpressure", async () => {
    const sink = slowSink();
    expect(await runAnalyze(p, { engine: "v5", format: "json" }, sink)).toBe(0);
    expect(sink.writes.length).toBeGreaterThan(2);
    const text = sink.writes.join("");
    const report = JSON.parse(text);
    expect(text).toBe(`${JSON.stringify(report)}\n`);
    expect(report.rules).toHaveLength(3001);
    expect(report.rules.filter((r: { status: string }) => r.status === "unreachable").length).toBeGreaterThan(0);
  });

  it("pretty: one line per rule after the summary, written piece by piece", async () => {
    const sink = slowSink();
    expect(await runAnalyze(p, { engine: "v5", format: "pretty" }, sink)).toBe(0);
    expect(sink.writes.length).toBeGreaterThan(2);
    const lines = sink.writes.join("").split("\n");
    expect(lines.pop()).toBe("");
    expect(lines).toHaveLength(3002);
    expect(lines[0]).toMatch(/large\.conf \(EMQX v5\): 3001 rules, \d+ reachable, \d+ unreachable, 0 unknown/);
    expect(lines[3001]).toMatch(/^ {2}rule 3001 \(.*large\.conf:3001\) /);
  });
});

describe("emqx-acl diff", () => {
  it("exits 1 with a witness when a change newly allows something, 0 for equal files", () => {
    const a = file(
      "old.conf",
      '{deny, {username, "guest"}, publish, ["#"]}.\n{allow, all, publish, ["public/#"]}.\n{deny, all}.\n',
    );
    const b = file(
      "new.conf",
      '{allow, all, publish, ["public/#"]}.\n{deny, {username, "guest"}, publish, ["#"]}.\n{deny, all}.\n',
    );
    const r = io();
    expect(runDiff(a, b, { engine: "v5", format: "json" }, r.io)).toBe(1);
    const j = JSON.parse(r.out.stdout);
    expect(j.newlyAllowed).toHaveLength(1);
    expect(j.newlyAllowed[0].witness.username).toBe("guest");
    const s = io();
    expect(runDiff(a, a, { engine: "v5", format: "pretty" }, s.io)).toBe(0);
    expect(s.out.stdout).toMatch(/no request changes its decision/);
  });
});
