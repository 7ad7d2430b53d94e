/**
 * Language server latency over stdio, as an editor sees it: edit-to-diagnostics on 1k and
 * 10k-rule documents (goal < 100 ms at 10k), and request latency right after an edit (the
 * request itself triggers analysis of the new version) and on a cached version.
 * Runs the bundled server (`packages/language-server/dist/server.cjs`, built by `pnpm bench`).
 * Fleet row: a keystroke inside one rule of the 10k fleet file (`gen-fleet-acl.mjs`) →
 * the version's complete diagnostics (lint included), bounded by `--timeout S` (default
 * 120), and the server's RSS. Medians of the first 7 keystrokes after the open (code the
 * JIT has not optimised yet: the slowest an editor gets) and of all 59.
 */
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import {
  createProtocolConnection,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentSymbolRequest,
  HoverRequest,
  InitializeRequest,
  SemanticTokensRangeRequest,
  InitializedNotification,
  PublishDiagnosticsNotification,
  SemanticTokensRequest,
  CompletionRequest,
  DocumentFormattingRequest,
  InlayHintRequest,
  ShutdownRequest,
  ExitNotification,
  StreamMessageReader,
  StreamMessageWriter,
  type ProtocolConnection,
} from "vscode-languageserver-protocol/node";
import { analyzeDocument } from "../packages/analysis/src/index";
import { generateAcl } from "./acl-gen";
import { rowTimeout } from "./child";
import { fleetAcl } from "./fleet";
import { measure, table, type Suite } from "./harness";

const SERVER = resolve("packages/language-server/dist/server.cjs");

/**
 * A file EMQX 5 loads (so lint and reachability run): distinct tenants, one rule each.
 * `generateAcl` mixes v4 and v5 forms, which EMQX refuses, so its analysis stops after
 * lowering; this one measures the whole pipeline.
 */
function loadableV5(rules: number): string {
  const lines: string[] = [];
  for (let i = 0; i < rules - 1; i++) {
    lines.push(
      i % 2
        ? `{allow, {clientid, "dev-${i}"}, subscribe, ["cmd/\${clientid}/#", {eq, "cfg/${i}"}]}.`
        : `{allow, {username, "user${i}"}, publish, ["telemetry/\${username}/data", "status/${i}"]}.`,
    );
  }
  return `${lines.join("\n")}\n{deny, all}.\n`;
}
const URI = "file:///bench/acl.conf";
const EDITS = 15;

/** CPU time (user + system, ms) a process has used so far, from /proc (Linux); NaN elsewhere. */
function cpuMs(pid: number | undefined): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100; // utime + stime, USER_HZ = 100
  } catch {
    return Number.NaN;
  }
}

interface Session {
  pid: number | undefined;
  /** Ends the server at once (a bounded row that ran out of time). */
  kill(): void;
  c: ProtocolConnection;
  waitVersion(v: number): Promise<void>;
  /** Error diagnostics (the file does not load) in the publish of version v. */
  errorsIn(v: number): number;
  stop(): Promise<void>;
}

async function startSession(debounceMs: number): Promise<Session> {
  const proc = spawn(process.execPath, [SERVER, "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
  const c = createProtocolConnection(new StreamMessageReader(proc.stdout), new StreamMessageWriter(proc.stdin));
  const waiting = new Map<number, () => void>();
  const errors = new Map<number, number>();
  c.onNotification(PublishDiagnosticsNotification.type, (p) => {
    errors.set(p.version ?? -1, p.diagnostics.filter((d) => d.severity === 1).length);
    waiting.get(p.version ?? -1)?.();
    waiting.delete(p.version ?? -1);
  });
  c.listen();
  await c.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    capabilities: {},
    initializationOptions: { settings: { debounceMs } },
  });
  await c.sendNotification(InitializedNotification.type, {});
  return {
    pid: proc.pid,
    kill: () => {
      c.dispose();
      proc.kill("SIGKILL");
    },
    c,
    waitVersion: (v) => new Promise((res) => waiting.set(v, res)),
    errorsIn: (v) => errors.get(v) ?? 0,
    async stop() {
      await c.sendRequest(ShutdownRequest.type);
      await c.sendNotification(ExitNotification.type);
      c.dispose();
    },
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const p95 = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * 0.95))];

/** Inserts a character into the topic of line `line` (a realistic keystroke). */
function keystroke(
  text: string,
  line: number,
): { range: { start: { line: number; character: number }; end: { line: number; character: number } }; text: string } {
  const l = text.split("\n", line + 1)[line] ?? "";
  const at = Math.max(0, l.lastIndexOf("/") + 1);
  return { range: { start: { line, character: at }, end: { line, character: at } }, text: "x" };
}

/**
 * A keystroke that keeps the file loadable: a letter typed after the first letter of the
 * first topic of the first rule at or after `line` whose first topic starts with one
 * (`"devices/${clientid}/up/#"` → `"dxevices/${clientid}/up/#"`). Typing after the last
 * `/` of the fleet file's `…/#` topics makes `…/x#`, which EMQX refuses: that measured a
 * file that no longer loads (no lint at all), not an edit inside a rule.
 */
function loadableKeystroke(text: string, line: number): ReturnType<typeof keystroke> {
  const lines = text.split("\n");
  for (let i = line; i < lines.length; i++) {
    const m = /\["[A-Za-z]/.exec(lines[i]);
    if (m) {
      const at = m.index + 3;
      return { range: { start: { line: i, character: at }, end: { line: i, character: at } }, text: "x" };
    }
  }
  throw new Error(`no rule with a topic at or after line ${line}`);
}

function applyKeystroke(text: string, change: ReturnType<typeof keystroke>): string {
  const lines = text.split("\n");
  const l = lines[change.range.start.line];
  lines[change.range.start.line] =
    l.slice(0, change.range.start.character) + change.text + l.slice(change.range.start.character);
  return lines.join("\n");
}

/** Wall times of edit → diagnostics, and the server's CPU time per edit (load-independent). */
async function editToDiagnostics(
  rules: number,
  debounceMs: number,
  gen = generateAcl,
  edits = EDITS,
): Promise<number[] & { cpu?: number[] }> {
  const s = await startSession(debounceMs);
  let text = gen(rules);
  let version = 1;
  const opened = s.waitVersion(1);
  await s.c.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: URI, languageId: "emqx-acl", version, text },
  });
  await opened;
  const times: number[] & { cpu?: number[] } = [];
  const cpu: number[] = [];
  for (let i = 0; i < edits; i++) {
    const change = keystroke(text, Math.floor(((i + 1) * rules) / (edits + 1)));
    text = applyKeystroke(text, change);
    version++;
    const done = s.waitVersion(version);
    const c0 = cpuMs(s.pid);
    const t0 = performance.now();
    await s.c.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: URI, version },
      contentChanges: [change],
    });
    await done;
    times.push(performance.now() - t0);
    cpu.push(cpuMs(s.pid) - c0);
  }
  await s.stop();
  times.cpu = cpu;
  return times;
}

type Req = (c: ProtocolConnection, line: number) => Promise<unknown>;
const REQUESTS: [string, Req][] = [
  [
    "hover",
    (c, line) => c.sendRequest(HoverRequest.type, { textDocument: { uri: URI }, position: { line, character: 3 } }),
  ],
  [
    "completion",
    (c, line) =>
      c.sendRequest(CompletionRequest.type, { textDocument: { uri: URI }, position: { line, character: 1 } }),
  ],
  [
    "inlay hints (screen)",
    (c, line) =>
      c.sendRequest(InlayHintRequest.type, {
        textDocument: { uri: URI },
        range: { start: { line, character: 0 }, end: { line: line + 60, character: 0 } },
      }),
  ],
  ["document symbols", (c) => c.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: URI } })],
  ["semantic tokens (full)", (c) => c.sendRequest(SemanticTokensRequest.type, { textDocument: { uri: URI } })],
  [
    "semantic tokens (screen)",
    (c, line) =>
      c.sendRequest(SemanticTokensRangeRequest.type, {
        textDocument: { uri: URI },
        range: { start: { line, character: 0 }, end: { line: line + 60, character: 0 } },
      }),
  ],
  [
    "formatting",
    (c) =>
      c.sendRequest(DocumentFormattingRequest.type, {
        textDocument: { uri: URI },
        options: { tabSize: 2, insertSpaces: true },
      }),
  ],
];

/**
 * Per request kind: ms right after an edit (includes bringing the model up to date), ms on
 * the cached version, and the server's CPU ms per cached request (over 10, from /proc: the
 * part the client's own JSON parsing and the machine's load do not blur).
 */
async function requestLatency(rules: number): Promise<[string, number, number, number][]> {
  const s = await startSession(10_000); // diagnostics never fire: requests do the analysis
  let text = generateAcl(rules);
  let version = 1;
  await s.c.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: URI, languageId: "emqx-acl", version, text },
  });
  const out: [string, number, number, number][] = [];
  for (const [name, req] of REQUESTS) {
    const fresh: number[] = [];
    const cached: number[] = [];
    for (let i = 0; i < 5; i++) {
      const line = Math.floor(rules / 2) + i;
      const change = keystroke(text, line);
      text = applyKeystroke(text, change);
      version++;
      await s.c.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: URI, version },
        contentChanges: [change],
      });
      let t0 = performance.now();
      await req(s.c, line);
      fresh.push(performance.now() - t0);
      t0 = performance.now();
      await req(s.c, line);
      cached.push(performance.now() - t0);
    }
    const c0 = cpuMs(s.pid);
    for (let i = 0; i < 10; i++) await req(s.c, Math.floor(rules / 2));
    out.push([name, median(fresh), median(cached), (cpuMs(s.pid) - c0) / 10]);
  }
  await s.stop();
  return out;
}

/** VmRSS and VmHWM (peak) of a process in MB, from /proc (Linux); NaN elsewhere. */
function rssMB(pid: number | undefined): { rss: number; peak: number } {
  try {
    const status = readFileSync(`/proc/${pid}/status`, "utf8");
    const kb = (key: string) => Number(new RegExp(`^${key}:\\s+(\\d+) kB`, "m").exec(status)?.[1] ?? Number.NaN);
    return { rss: kb("VmRSS") / 1024, peak: kb("VmHWM") / 1024 };
  } catch {
    return { rss: Number.NaN, peak: Number.NaN };
  }
}

/** Resolves with the ms `p` took, or null after `limitS` seconds. */
async function within(p: Promise<void>, limitS: number): Promise<number | null> {
  const t0 = performance.now();
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<null>((res) => (timer = setTimeout(() => res(null), limitS * 1000)));
  const r = await Promise.race([p.then(() => performance.now() - t0), late]);
  clearTimeout(timer);
  return r;
}

/**
 * The 10k fleet file: open (complete diagnostics of version 1, waited for up to `limitS`),
 * then up to 7 keystrokes inside rules, each waited for up to `limitS`; the first that runs
 * out ends the row. The server's CPU time per keystroke is beside the wall time (the machine's
 * load blurs the latter). Then 52 more keystrokes, and the RSS after them: an editor's memory
 * must not grow with the number of edits.
 */
async function fleetRow(rules: number, limitS: number): Promise<(string | number)[]> {
  const s = await startSession(0);
  let text = fleetAcl(rules);
  const show = (ms: number | null) => (ms === null ? `> ${limitS} s` : Math.round(ms));
  const opened = s.waitVersion(1);
  await s.c.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri: URI, languageId: "emqx-acl", version: 1, text },
  });
  const open = await within(opened, limitS);
  const times: (number | null)[] = [];
  const cpu: number[] = [];
  // keystrokes even when the open's lint ran out of time: a new version cancels the stale lint
  for (let version = 2; version <= 8; version++) {
    const change = loadableKeystroke(text, Math.floor((rules * (version - 1)) / 8));
    text = applyKeystroke(text, change);
    const done = s.waitVersion(version);
    const c0 = cpuMs(s.pid);
    await s.c.sendNotification(DidChangeTextDocumentNotification.type, {
      textDocument: { uri: URI, version },
      contentChanges: [change],
    });
    const ms = await within(done, limitS);
    if (ms !== null && s.errorsIn(version) > 0)
      throw new Error(`keystroke ${version} made the fleet file fail to load`);
    times.push(ms);
    cpu.push(cpuMs(s.pid) - c0);
    if (ms === null) break;
  }
  const mem = rssMB(s.pid);
  const finished = times.filter((t): t is number => t !== null);
  const keystrokes = finished.length === times.length ? Math.round(median(finished)) : show(null);
  // a longer session: resident memory must not grow with the number of edits, and the
  // first keystrokes after the open run code the JIT has not optimised yet (timed apart)
  let later = Number.NaN;
  const session = [...finished];
  const sessionCpu = [...cpu];
  if (finished.length === times.length) {
    for (let version = 9; version <= 60; version++) {
      const change = loadableKeystroke(text, Math.floor((rules * (version % 50)) / 50));
      text = applyKeystroke(text, change);
      const done = s.waitVersion(version);
      const c0 = cpuMs(s.pid);
      await s.c.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: URI, version },
        contentChanges: [change],
      });
      const ms = await within(done, limitS);
      if (ms === null) break;
      session.push(ms);
      sessionCpu.push(cpuMs(s.pid) - c0);
      if (version === 60) later = rssMB(s.pid).rss;
    }
  }
  s.kill();
  return [
    rules,
    show(open),
    keystrokes,
    session.length === 59 ? Math.round(median(session)) : "—",
    session.length === 59 ? Math.round(median(sessionCpu)) : "—",
    `${finished.length}/${times.length}`,
    Math.round(mem.rss),
    Math.round(mem.peak),
    Math.round(later),
  ];
}

export const suite: Suite = {
  name: "lsp",
  async run(args) {
    const limitS = rowTimeout(args, 120);
    table(
      `fleet shape (gen-fleet-acl.mjs 10000 1 v5): keystroke inside a rule, the file still loading → complete diagnostics (lint included; limit ${limitS} s each)`,
      [
        "rules",
        "open → diagnostics ms",
        "keystroke → diagnostics ms (median of the first 7 after open)",
        "keystroke → diagnostics ms (median of all 59)",
        "server CPU ms per keystroke (median of 59)",
        "first 7 done",
        "server RSS MB",
        "server peak RSS MB",
        "RSS MB after 60 keystrokes",
      ],
      [await fleetRow(10_000, limitS)],
    );
    if (args.includes("--fleet-only")) return;
    const rows: (string | number)[][] = [];
    for (const rules of [1000, 10_000]) {
      // the shared pipeline alone, in this process: the floor under the server's latency
      const text = generateAcl(rules);
      const { ms: analysis } = await measure(() => analyzeDocument(text, { dialect: "auto" }), 5);
      for (const debounce of [0, 30]) {
        const t = await editToDiagnostics(rules, debounce);
        rows.push([rules, debounce, median(t), p95(t), Math.max(...t), median(t.cpu!), analysis]);
      }
    }
    table(
      "edit → publishDiagnostics (ms, keystrokes in the middle of generateAcl files, which do not load: parse + lower + schema)",
      ["rules", "debounce", "median", "p95", "max", "server CPU (median)", "analyzeDocument alone"],
      rows,
    );
    const full: (string | number)[][] = [];
    for (const rules of [100, 1000, 10_000]) {
      const text = loadableV5(rules);
      const { ms: analysis } = await measure(() => analyzeDocument(text, { dialect: "v5" }), 1);
      const t = await editToDiagnostics(rules, 0, loadableV5, rules > 1000 ? 5 : 8);
      full.push([rules, median(t), Math.max(...t), median(t.cpu!), analysis, median(t) / analysis]);
    }
    table(
      "edit → publishDiagnostics on files that load (lint + reachability run in the worker)",
      ["rules", "median", "max", "server CPU (median)", "analyzeDocument alone", "ratio"],
      full,
    );
    for (const rules of [1000, 10_000]) {
      const r = await requestLatency(rules);
      table(
        `request latency at ${rules} rules (ms, median of 5)`,
        ["request", "after edit", "cached", "server CPU per request"],
        r,
      );
    }
  },
};
