/**
 * `pnpm bench parse`: parse time and throughput on generated acl.conf files of 1k, 10k and
 * 100k realistic rules; parse+lower once `lower` exists in core; and, where `erl` is on
 * PATH, Erlang's own `file:consult/1` on the same file in the same run (timed inside
 * Erlang with timer:tc), with the ratio. Pass `--sizes 1000,5000` to choose sizes and
 * `--variants` for the Chevrotain settings comparison (parse-variants.ts).
 * A second table does the same on the fleet shape (`../shared/bench/gen-fleet-acl.mjs`),
 * beside EMQX's own `file:consult` + compile times from its README.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeAclBytes, parseDocument, type ParseResult } from "../packages/syntax/src/index";
import * as core from "../packages/core/src/index";
import { generateAcl } from "./acl-gen";
import { EMQX_FLEET, fleetAcl, fleetFile } from "./fleet";
import { runVariants } from "./parse-variants";
import { parseLinearity } from "./parse-linearity";
import { measure, table, type Suite } from "./harness";

type Lower = (parse: ParseResult, dialect: string) => unknown;

/** Median `file:consult` wall and CPU time in ms measured inside Erlang, or null without `erl`. */
export function erlangConsultMs(path: string, repeat = 3): { wall: number; cpu: number } | null {
  const one = `fun() -> statistics(runtime), {T, {ok, _}} = timer:tc(file, consult, [F]), {_, C} = statistics(runtime), {T / 1000, C} end`;
  const script = `F = "${path}", One = ${one}, Rs = lists:sort([One() || _ <- lists:seq(1, ${repeat})]), {W, C} = lists:nth(${Math.ceil(repeat / 2)}, Rs), io:format("~p ~p~n", [W, C]), halt().`;
  const r = spawnSync("erl", ["-noshell", "-eval", script], { encoding: "utf8", timeout: 600_000 });
  if (r.error || r.status !== 0) return null;
  const [wall, cpu] = r.stdout.trim().split("\n").pop()!.split(" ").map(Number);
  return Number.isFinite(wall) && Number.isFinite(cpu) ? { wall, cpu } : null;
}

/** Median wall time plus the CPU time (user + system, ms) of the same runs' median. */
async function timed<T>(fn: () => T): Promise<{ ms: number; cpu: number; result: T }> {
  const cpus: number[] = [];
  const r = await measure(() => {
    const c0 = process.cpuUsage();
    const out = fn();
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1000);
    return out;
  });
  const sorted = cpus.slice(1).sort((a, b) => a - b);
  return { ...r, cpu: sorted[Math.floor(sorted.length / 2)] };
}

function sizesFrom(args: string[]): number[] {
  const i = args.indexOf("--sizes");
  if (i >= 0 && args[i + 1])
    return args[i + 1]
      .split(",")
      .map(Number)
      .filter((n) => n > 0);
  return [1_000, 10_000, 100_000];
}

/** The fleet shape: parse, parse + lower (v5), erl `file:consult` in this run, EMQX's README figures. */
async function fleetRows(sizes: number[]): Promise<(string | number)[][]> {
  const rows: (string | number)[][] = [];
  for (const n of sizes) {
    const bytes = new TextEncoder().encode(fleetAcl(n));
    const parse = await timed(() => parseDocument(decodeAclBytes(bytes).text));
    if (parse.result.diagnostics.length) throw new Error(`fleet file of ${n} rules did not parse cleanly`);
    const full = await timed(() => core.lower(parseDocument(decodeAclBytes(bytes).text), "v5"));
    const erl = erlangConsultMs(fleetFile(n));
    const emqx = (EMQX_FLEET as Record<number, { consultMs: number; compileMs: number }>)[n];
    rows.push([
      n,
      bytes.length / 1e6,
      parse.ms,
      parse.cpu,
      full.ms,
      full.cpu,
      erl ? erl.wall : "-",
      erl ? `${(full.ms / erl.wall).toFixed(2)}x` : "-",
      emqx ? emqx.consultMs + emqx.compileMs : "-",
      emqx ? `${(full.ms / (emqx.consultMs + emqx.compileMs)).toFixed(2)}x` : "-",
    ]);
  }
  return rows;
}

export const suite: Suite = {
  name: "parse",
  async run(args) {
    const lower = (core as unknown as { lower?: Lower }).lower;
    const dir = mkdtempSync(join(tmpdir(), "emqx-acl-bench-"));
    const rows: (string | number)[][] = [];
    try {
      for (const n of sizesFrom(args)) {
        const text = generateAcl(n);
        const bytes = new TextEncoder().encode(text);
        const mb = bytes.length / 1e6;
        const parse = await timed(() => parseDocument(decodeAclBytes(bytes).text));
        if (parse.result.forms.length !== n || parse.result.diagnostics.length)
          throw new Error(`bench input of ${n} rules did not parse cleanly`);
        const full = lower ? await timed(() => lower(parseDocument(decodeAclBytes(bytes).text), "v5")) : null;
        const path = join(dir, `acl-${n}.conf`);
        writeFileSync(path, bytes);
        const erl = erlangConsultMs(path);
        rows.push([
          n,
          mb,
          parse.ms,
          parse.cpu,
          mb / (parse.ms / 1000),
          full ? full.ms : "-",
          erl ? erl.wall : "-",
          erl ? erl.cpu : "-",
          erl ? `${(parse.ms / erl.wall).toFixed(2)}x` : "-",
          full && erl ? `${(full.ms / erl.wall).toFixed(2)}x` : "-",
        ]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    await parseLinearity();
    if (args.includes("--variants")) runVariants(generateAcl(30_000), "30k generated rules");
    table(
      "decode + parseDocument vs erl file:consult (median of 3; cpu = user+system ms, erl cpu = statistics(runtime))",
      [
        "rules",
        "MB",
        "parse ms",
        "parse cpu",
        "MB/s",
        "parse+lower ms",
        "erl ms",
        "erl cpu",
        "parse/erl",
        "parse+lower/erl",
      ],
      rows,
    );
    table(
      "fleet shape (gen-fleet-acl.mjs N 1 v5): decode + parse, + lower (v5), vs erl file:consult in this run and EMQX's consult + compile (README, OTP 25)",
      [
        "rules",
        "MB",
        "parse ms",
        "parse cpu",
        "parse+lower ms",
        "parse+lower cpu",
        "erl consult ms",
        "÷ erl",
        "EMQX consult+compile ms",
        "÷ EMQX",
      ],
      await fleetRows(sizesFrom(args)),
    );
  },
};
