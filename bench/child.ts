/**
 * Runs a command in a child process that cannot outlive a time limit (`timeout -s KILL`),
 * and reports its wall time, CPU time and peak RSS (GNU `/usr/bin/time`; without it, wall
 * time only). Rows that may be slow — whole-file lint and analysis on large files — run
 * here, so a slow row prints "> N s" instead of hanging the bench.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";

export interface ChildRun {
  wallMs: number;
  /** user + system ms of the child, or null when not measurable. */
  cpuMs: number | null;
  /** Peak resident set size in MB (VmHWM), or null. */
  peakMB: number | null;
  /** The child's exit code (null when killed). */
  status: number | null;
  timedOut: boolean;
  stdout: string;
  stderr: string;
}

const TIME = "/usr/bin/time";

/** The per-row limit in seconds: `--timeout S` on the command line, else `$EMQX_ACL_BENCH_TIMEOUT`, else `fallback`. */
export function rowTimeout(args: string[], fallback: number): number {
  const i = args.indexOf("--timeout");
  const v = i >= 0 ? Number(args[i + 1]) : Number(process.env.EMQX_ACL_BENCH_TIMEOUT);
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

/** Runs `node ...args` for at most `limitS` seconds. */
export function runNode(args: string[], limitS: number, input?: string): ChildRun {
  const timed = existsSync(TIME);
  const dir = mkdtempSync(join(tmpdir(), "emqx-acl-bench-child-"));
  const out = join(dir, "time.txt");
  const cmd = ["timeout", "-s", "KILL", String(limitS), process.execPath, ...args];
  const t0 = performance.now();
  const r = timed
    ? spawnSync(TIME, ["-o", out, "-f", "%e %U %S %M", ...cmd], { input, encoding: "utf8", maxBuffer: 1 << 30, timeout: (limitS + 30) * 1000 })
    : spawnSync(cmd[0], cmd.slice(1), { input, encoding: "utf8", maxBuffer: 1 << 30, timeout: (limitS + 30) * 1000 });
  const wallMs = performance.now() - t0;
  let cpuMs: number | null = null;
  let peakMB: number | null = null;
  if (timed && existsSync(out)) {
    // GNU time prints "Command exited with non-zero status N" first when the child failed
    const last = readFileSync(out, "utf8").trim().split("\n").pop()!.split(" ").map(Number);
    if (last.length === 4 && last.every(Number.isFinite)) {
      cpuMs = (last[1] + last[2]) * 1000;
      peakMB = last[3] / 1024;
    }
  }
  rmSync(dir, { recursive: true, force: true });
  const status = r.status;
  return { wallMs, cpuMs, peakMB, status, timedOut: status === 137 || status === 124 || r.signal !== null, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

/** "1234" ms, or "> N s" when the row hit its limit. */
export function msOrLimit(run: ChildRun, limitS: number, ms: number | null = run.wallMs): string | number {
  if (run.timedOut) return `> ${limitS} s`;
  return ms === null ? "-" : Math.round(ms);
}
