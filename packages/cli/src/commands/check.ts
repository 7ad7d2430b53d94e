/**
 * `emqx-acl check --engine v4|v5|v6 FILE REQUESTS.jsonl`: EMQX's decision for every
 * request line, in the conformance format (`{"decision":"allow","rule":3}`), or the single
 * `{"load_error":…,"term":N}` line when that EMQX version refuses the file.
 *
 * `emqx-acl check --config emqx.conf [--source-rules TYPE=FILE | --source-url TYPE=URL]… REQUESTS.jsonl`: the
 * whole broker's decision (authorization chain, `is_superuser` in the request line), each
 * line `{"decision":"allow","stage":{"source":2,"type":"mysql","rule":3}}` or
 * `{"decision":"deny","stage":"no_match"}` ("superuser", "refused" likewise; the login ACL a
 * line carries in `acl`: `{"type":"client_info","rule":N}`). When EMQX
 * refuses the configuration the reasons go to stderr and the exit code is 1.
 *
 * Streams: requests are read a chunk of lines at a time and answers written in batches with
 * backpressure, so memory stays flat on any number of lines. A progress line goes to stderr only when
 * stderr is a terminal. Exit 0; 1 if any request line was malformed; 2 usage / I/O error.
 */
import { terminalName, terminalText } from "../terminal-text";
import { writeChunk } from "../write-chunk";
import { createReadStream, statSync } from "node:fs";
import type { Readable, Writable } from "node:stream";
import { loadRuleSet, refusalLine } from "@emqx-acl/analysis";
import { chainDecisionToWire, decideChain } from "@emqx-acl/chain";
import { compileDecider, parseWireLine, type Dialect, type RuleSet } from "@emqx-acl/core";
import { InvalidArgumentError, Option, type Command } from "commander";
import {
  addChainOptions,
  checkChainFlags,
  loadChainForCli,
  openLive,
  usageError,
  type ChainFlags,
} from "../chain-options";
import { lineBatches } from "../line-batches";
import { readInput, type InputFile } from "../read-input";
import { answerBatch, answerBatchAsync, answerWith, type BatchResult } from "../check-batch";
import { CheckPool, findCheckWorker } from "../check-pool";
import { UsageError } from "../usage-error";
import { addEmqxOption } from "../emqx-option";

export interface CheckOptions {
  engine: Dialect;
  securityProfile?: "legacy" | "hardened";
  /** Threads to answer with (`--jobs`); 1, the default: this thread only. */
  jobs?: number;
}

/** `check --config`: the engine is detected from the configuration unless given. */
export interface ChainCheckOptions extends ChainFlags {
  engine?: Dialect;
  securityProfile?: "legacy" | "hardened";
  jobs?: number;
}

/** Where check reads and writes; the real process by default. */
export interface CheckIO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean };
}

/** Loads the rules; prints `file:line:col` of the refusing term to stderr. */
function loadRules(input: InputFile, engine: Dialect, io: CheckIO): RuleSet {
  const loaded = loadRuleSet(input.bytes, { dialect: engine });
  const refusal = refusalLine(loaded, input.path, engine);
  if (refusal !== null) io.stderr.write(`${terminalText(refusal)}\n`);
  return loaded.lowered.ruleSet;
}

function openRequests(path: string, io: CheckIO): { stream: Readable; size: number | null } {
  if (path === "-") return { stream: io.stdin, size: null };
  try {
    const st = statSync(path);
    if (st.isDirectory()) throw new UsageError(`cannot read '${path}': is a directory`);
    return { stream: createReadStream(path, { highWaterMark: 1 << 20 }), size: st.isFile() ? st.size : null };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(
      `cannot read '${path}': ${(e as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (e as Error).message}`,
    );
  }
}

class Progress {
  private last = 0;
  private readonly t0 = Date.now();
  constructor(
    private readonly err: CheckIO["stderr"],
    private readonly size: number | null,
  ) {}
  tick(count: number, bytes: number, force = false): void {
    const now = Date.now();
    if (!force && now - this.last < 200) return;
    this.last = now;
    const secs = Math.max((now - this.t0) / 1000, 1e-3);
    const rate = count / secs;
    let eta = "";
    if (this.size && bytes > 0) {
      const left = ((this.size - bytes) / bytes) * secs;
      eta = ` ${Math.round((100 * bytes) / this.size)}% ETA ${Math.max(0, Math.round(left))}s`;
    }
    this.err.write(`\r\x1b[K${count} requests, ${Math.round(rate)}/s${eta}`);
  }
  done(count: number, bytes: number): void {
    this.tick(count, bytes, true);
    this.err.write("\n");
  }
}

/** Runs check; returns the exit code. */
export async function runCheck(file: string, requests: string, options: CheckOptions, io: CheckIO): Promise<number> {
  if (file === "-" && requests === "-")
    throw new UsageError("the acl file and the requests cannot both be read from stdin");
  const input = readInput(file);
  const jobs = options.jobs ?? 1;
  const workerFile = jobs > 1 ? findCheckWorker() : null;
  // the workers load the rules while this thread loads its own copy
  const pool = workerFile
    ? new CheckPool(workerFile, jobs - 1, {
        acl: input.bytes,
        engine: options.engine,
        securityProfile: options.securityProfile,
      })
    : null;
  try {
    const rs = loadRules(input, options.engine, io);
    if (rs.loadError) {
      io.stdout.write(`${JSON.stringify({ load_error: rs.loadError.message, term: rs.loadError.term })}\n`);
      return 0;
    }
    const answer = answerWith(compileDecider(rs, { securityProfile: options.securityProfile }));
    const here = (lines: string[], first: number) => answerBatch(lines, first, answer);
    if (!pool) return await answerLines(requests, here, io);
    // this thread answers every jobs-th batch, the workers the others; a few batches ahead
    let turn = 0;
    return await answerLines(
      requests,
      (lines, first) => (turn++ % jobs === 0 ? here(lines, first) : pool.submit(lines, first)),
      io,
      2 * jobs,
    );
  } finally {
    await pool?.close();
  }
}

/** Runs `check --config`; returns the exit code (1 also when EMQX refuses the configuration). */
export async function runChainCheck(requests: string, options: ChainCheckOptions, io: CheckIO): Promise<number> {
  const chain = loadChainForCli(options, options.engine ?? "auto", options.securityProfile ?? "legacy", io.stderr);
  if (chain === null) return 1;
  const live = await openLive(chain, options, io.stderr);
  if (live === null)
    return answerLines(
      requests,
      (lines, first) =>
        answerBatch(lines, first, (line) => chainDecisionToWire(decideChain(chain, parseWireLine(line)))),
      io,
    );
  try {
    return await answerLines(
      requests,
      (lines, first) =>
        answerBatchAsync(lines, first, async (line) => {
          const request = parseWireLine(line);
          return chainDecisionToWire(decideChain(await live.chainFor(request), request));
        }),
      io,
    );
  } finally {
    await live.close();
  }
}

/** Answers one batch of request lines (the first being line `firstLine`). */
type BatchAnswerer = (lines: string[], firstLine: number) => BatchResult | Promise<BatchResult>;

/**
 * Streams the request lines through `answer`, a batch (a chunk of the input) at a time,
 * and writes the answers in request order; up to `ahead` batches may be in the works
 * before the oldest is written. Returns the exit code.
 */
async function answerLines(requests: string, answer: BatchAnswerer, io: CheckIO, ahead = 0): Promise<number> {
  const { stream, size } = openRequests(requests, io);
  const progress = io.stderr.isTTY ? new Progress(io.stderr, size) : null;
  const name = requests === "-" ? "<stdin>" : requests;
  let lineNo = 0;
  let count = 0;
  let bytes = 0;
  let malformed = 0;
  const write = async (pending: BatchResult | Promise<BatchResult>) => {
    const b = await pending;
    count += b.count;
    bytes += b.bytes;
    malformed += b.malformed.length;
    for (const m of b.malformed)
      io.stderr.write(
        `${progress ? "\r\x1b[K" : ""}${terminalName(name)}:${m.line}: malformed request: ${terminalText(m.message)}\n`,
      );
    const wait = b.out ? writeChunk(io.stdout, b.out) : null;
    if (wait) await wait;
    progress?.tick(count, bytes);
  };
  const queue: (BatchResult | Promise<BatchResult>)[] = [];
  const batches = lineBatches(stream);
  for (;;) {
    let next: IteratorResult<string[]>;
    try {
      next = await batches.next();
    } catch (e) {
      throw new UsageError(`cannot read '${name}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    if (next.done) break;
    queue.push(answer(next.value, lineNo + 1));
    lineNo += next.value.length;
    while (queue.length > ahead) await write(queue.shift()!);
  }
  while (queue.length) await write(queue.shift()!);
  progress?.done(count, bytes);
  return malformed > 0 ? 1 : 0;
}

function parseJobs(text: string): number {
  const n = Number(text);
  if (!/^[0-9]+$/.test(text) || n < 1 || n > 64)
    throw new InvalidArgumentError("expected a number of threads from 1 to 64");
  return n;
}

/** Registers `check`. */
export function register(program: Command): void {
  const cmd = addEmqxOption(program.command("check"), {
    key: "engine",
    description: "EMQX version whose decisions to reproduce (with --config: detected unless given)",
  })
    .description(
      "decide every request of a JSON-lines file as EMQX would (conformance format); with --config, as the whole broker would",
    )
    .addOption(
      new Option("--security-profile <profile>", "EMQX 6 security profile")
        .choices(["legacy", "hardened"])
        .default("legacy"),
    )
    .addOption(
      new Option(
        "--jobs <n>",
        "threads answering requests (default 1): each loads the rules, so it pays on large request files only (1M requests at 10k rules: 3.9 s → 3.5 s with 2 on 2 cores; 200k: slower)",
      ).argParser(parseJobs),
    )
    .argument("<file>", "acl.conf (- for stdin); with --config: the requests")
    .argument("[requests]", "requests, one JSON object per line (- for stdin)");
  addChainOptions(cmd).action(async (file: string, requests: string | undefined, opts: ChainCheckOptions) => {
    const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
    checkChainFlags(cmd, opts);
    if (opts.config) {
      if (opts.jobs !== undefined)
        usageError(cmd, "--jobs applies to check --engine (with --config, one thread answers)");
      if (requests !== undefined)
        usageError(cmd, "with --config, give only the requests file (the acl files come from the configuration)");
      process.exitCode = await runChainCheck(file, opts, io);
      return;
    }
    if (requests === undefined)
      usageError(
        cmd,
        "missing the requests file: check --engine VERSION FILE REQUESTS (or --config emqx.conf REQUESTS)",
      );
    if (!opts.engine) usageError(cmd, "required option '--emqx <version>' not specified (or give --config emqx.conf)");
    process.exitCode = await runCheck(
      file,
      requests,
      { engine: opts.engine, securityProfile: opts.securityProfile, jobs: opts.jobs },
      io,
    );
  });
}
