/**
 * Runs a command in a child process that cannot outlive a time limit (killed when it
 * reaches it), and reports its wall time, CPU time and peak RSS (GNU `/usr/bin/time` for
 * runs that finish, /proc and this process's clock while it runs). Rows that may be slow — whole-file lint and analysis on large files — run
 * here, so a slow row prints "> N s" instead of hanging the bench.
 */
import { spawn } from "node:child_process";
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

interface Polled {
  cpuMs: number | null;
  peakMB: number | null;
}

/** CPU ms (utime + stime) and VmHWM of a live process from /proc; nulls when unreadable. */
function poll(pid: number | undefined, last: Polled): Polled {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    const hwm = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return { cpuMs: ((Number(f[11]) + Number(f[12])) * 1000) / 100, peakMB: hwm ? Number(hwm[1]) / 1024 : last.peakMB };
  } catch {
    return last;
  }
}

/** The pid of the (only) child of `pid`, from /proc. */
function childOf(pid: number | undefined): number | undefined {
  try {
    const kids = readFileSync(`/proc/${pid}/task/${pid}/children`, "utf8").trim().split(/\s+/).filter(Boolean);
    return kids.length ? Number(kids[0]) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs `node ...args` for at most `limitS` seconds. Finished runs report GNU time's
 * figures; a run that reaches the limit is killed (SIGKILL) and reports what /proc showed
 * last (CPU time and peak RSS so far).
 */
export async function runNode(args: string[], limitS: number, input?: string): Promise<ChildRun> {
  const timed = existsSync(TIME);
  const dir = mkdtempSync(join(tmpdir(), "emqx-acl-bench-child-"));
  const out = join(dir, "time.txt");
  const t0 = performance.now();
  const proc = timed
    ? spawn(TIME, ["-o", out, "-f", "%e %U %S %M", process.execPath, ...args])
    : spawn(process.execPath, args);
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  proc.stdout.on("data", (b: Buffer) => stdout.push(b));
  proc.stderr.on("data", (b: Buffer) => stderr.push(b));
  proc.stdin.end(input ?? "");
  let polled: Polled = { cpuMs: null, peakMB: null };
  let timedOut = false;
  let node: number | undefined = timed ? undefined : proc.pid;
  const ticker = setInterval(() => {
    node ??= childOf(proc.pid);
    polled = poll(node, polled);
    if (performance.now() - t0 > limitS * 1000 && !timedOut) {
      timedOut = true;
      if (node !== undefined) process.kill(node, "SIGKILL");
      proc.kill("SIGKILL");
    }
  }, 100);
  const status = await new Promise<number | null>((res) => proc.on("close", (code) => res(code)));
  clearInterval(ticker);
  let wallMs = performance.now() - t0;
  let { cpuMs, peakMB } = polled;
  if (!timedOut && timed && existsSync(out)) {
    // GNU time prints "Command exited with non-zero status N" first when the child failed
    const last = readFileSync(out, "utf8").trim().split("\n").pop()!.split(" ").map(Number);
    if (last.length === 4 && last.every(Number.isFinite)) {
      // the command's own elapsed time (10 ms steps): this process's event loop, busy with
      // the bench's large heaps, saw the child close up to ~0.3 s late (measured at 10k rules)
      wallMs = last[0] * 1000;
      cpuMs = (last[1] + last[2]) * 1000;
      peakMB = last[3] / 1024;
    }
  }
  rmSync(dir, { recursive: true, force: true });
  return {
    wallMs,
    cpuMs,
    peakMB,
    status: timedOut ? null : status,
    timedOut,
    stdout: Buffer.concat(stdout).toString("utf8"),
    stderr: Buffer.concat(stderr).toString("utf8"),
  };
}

/** "1234" ms, or "> N s" when the row hit its limit. */
export function msOrLimit(run: ChildRun, limitS: number, ms: number | null = run.wallMs): string | number {
  if (run.timedOut) return `> ${limitS} s`;
  return ms === null ? "-" : Math.round(ms);
}
