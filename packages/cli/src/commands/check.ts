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
import { terminalText } from "../terminal-text";
import { createReadStream, statSync } from "node:fs";
import type { Readable, Writable } from "node:stream";
import { loadRuleSet, refusalLine } from "@emqx-acl/analysis";
import { chainDecisionToWire, decideChain } from "@emqx-acl/chain";
import {
  compileDecider,
  decisionToWire,
  parseWireLine,
  WireError,
  type Dialect,
  type Request,
  type RuleSet,
} from "@emqx-acl/core";
import { Option, type Command } from "commander";
import {
  addChainOptions,
  checkChainFlags,
  loadChainForCli,
  openLive,
  usageError,
  type ChainFlags,
} from "../chain-options";
import { lineBatches } from "../line-batches";
import { readInput } from "../read-input";
import { UsageError } from "../usage-error";
import { addEmqxOption } from "../emqx-option";

export interface CheckOptions {
  engine: Dialect;
  securityProfile?: "legacy" | "hardened";
}

/** `check --config`: the engine is detected from the configuration unless given. */
export interface ChainCheckOptions extends ChainFlags {
  engine?: Dialect;
  securityProfile?: "legacy" | "hardened";
}

/** Where check reads and writes; the real process by default. */
export interface CheckIO {
  stdin: Readable;
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean };
}

/** Loads the rules; prints `file:line:col` of the refusing term to stderr. */
function loadRules(file: string, engine: Dialect, io: CheckIO): RuleSet {
  const input = readInput(file);
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

/** Writes with backpressure: resolves when the buffered chunk has drained. */
function writeChunk(out: Writable, chunk: string): Promise<void> | null {
  if (out.write(chunk)) return null;
  return new Promise((resolve) => out.once("drain", resolve));
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

/** A request line for the acl file alone: a login ACL is a stage of the chain, which this mode does not run. */
function fileRequest(line: string): Request {
  const request = parseWireLine(line);
  if (request.acl !== undefined)
    throw new WireError(`"acl" is decided by the authorization chain: use check --config emqx.conf`);
  return request;
}

/** Runs check; returns the exit code. */
export async function runCheck(file: string, requests: string, options: CheckOptions, io: CheckIO): Promise<number> {
  if (file === "-" && requests === "-")
    throw new UsageError("the acl file and the requests cannot both be read from stdin");
  const rs = loadRules(file, options.engine, io);
  if (rs.loadError) {
    io.stdout.write(`${JSON.stringify({ load_error: rs.loadError.message, term: rs.loadError.term })}\n`);
    return 0;
  }
  const decider = compileDecider(rs, { securityProfile: options.securityProfile });
  return answerLines(requests, (line) => decisionToWire(decider.decide(fileRequest(line))), io);
}

/** Runs `check --config`; returns the exit code (1 also when EMQX refuses the configuration). */
export async function runChainCheck(requests: string, options: ChainCheckOptions, io: CheckIO): Promise<number> {
  const chain = loadChainForCli(options, options.engine ?? "auto", options.securityProfile ?? "legacy", io.stderr);
  if (chain === null) return 1;
  const live = await openLive(chain, options, io.stderr);
  if (live === null)
    return answerLines(requests, (line) => chainDecisionToWire(decideChain(chain, parseWireLine(line))), io);
  try {
    return await answerLines(
      requests,
      async (line) => {
        const request = parseWireLine(line);
        return chainDecisionToWire(decideChain(await live.chainFor(request), request));
      },
      io,
    );
  } finally {
    await live.close();
  }
}

/** Streams the request lines through `answer` (which throws on a malformed line); returns the exit code. */
async function answerLines(
  requests: string,
  answer: (line: string) => string | Promise<string>,
  io: CheckIO,
): Promise<number> {
  const { stream, size } = openRequests(requests, io);
  const progress = io.stderr.isTTY ? new Progress(io.stderr, size) : null;
  const name = requests === "-" ? "<stdin>" : requests;
  let lineNo = 0;
  let count = 0;
  let bytes = 0;
  let malformed = 0;
  let buf = "";
  try {
    for await (const lines of lineBatches(stream)) {
      for (const line of lines) {
        lineNo++;
        bytes += line.length + 1;
        if (line.trim() === "") continue;
        count++;
        try {
          const a = answer(line);
          buf += `${typeof a === "string" ? a : await a}\n`;
        } catch (e) {
          malformed++;
          const msg = `line ${lineNo}: ${(e as Error).message}`;
          buf += `${JSON.stringify({ error: msg })}\n`;
          io.stderr.write(
            `${progress ? "\r\x1b[K" : ""}${terminalText(`${name}:${lineNo}: malformed request: ${(e as Error).message}`)}\n`,
          );
        }
        if (buf.length > 65536) {
          const wait = writeChunk(io.stdout, buf);
          buf = "";
          if (wait) await wait;
        }
      }
      progress?.tick(count, bytes);
    }
  } catch (e) {
    throw new UsageError(`cannot read '${name}': ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
  }
  if (buf) await writeChunk(io.stdout, buf);
  progress?.done(count, bytes);
  return malformed > 0 ? 1 : 0;
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
    .argument("<file>", "acl.conf (- for stdin); with --config: the requests")
    .argument("[requests]", "requests, one JSON object per line (- for stdin)");
  addChainOptions(cmd).action(async (file: string, requests: string | undefined, opts: ChainCheckOptions) => {
    const io = { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr };
    checkChainFlags(cmd, opts);
    if (opts.config) {
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
      { engine: opts.engine, securityProfile: opts.securityProfile },
      io,
    );
  });
}
