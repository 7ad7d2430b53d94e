/**
 * `pnpm bench parse`: parse time and throughput on generated acl.conf files of 1k, 10k and
 * 100k realistic rules; parse+lower once `lower` exists in core; and, where `erl` is on
 * PATH, Erlang's own `file:consult/1` on the same file in the same run (timed inside
 * Erlang with timer:tc), with the ratio. Pass `--sizes 1000,5000` to choose sizes.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeAclBytes, parseDocument, type ParseResult } from "../packages/syntax/src/index";
import * as core from "../packages/core/src/index";
import { generateAcl } from "./acl-gen";
import { measure, table, type Suite } from "./harness";

type Lower = (parse: ParseResult, dialect: string) => unknown;

/** Median `file:consult` time in ms measured inside Erlang, or null without `erl`. */
export function erlangConsultMs(path: string, repeat = 3): number | null {
  const script = `F = "${path}", Ts = [element(1, timer:tc(file, consult, [F])) || _ <- lists:seq(1, ${repeat})], {ok, _} = file:consult(F), io:format("~p~n", [lists:nth(${Math.ceil(repeat / 2)}, lists:sort(Ts))]), halt().`;
  const r = spawnSync("erl", ["-noshell", "-eval", script], { encoding: "utf8", timeout: 300_000 });
  if (r.error || r.status !== 0) return null;
  const us = Number(r.stdout.trim().split("\n").pop());
  return Number.isFinite(us) ? us / 1000 : null;
}

function sizesFrom(args: string[]): number[] {
  const i = args.indexOf("--sizes");
  if (i >= 0 && args[i + 1]) return args[i + 1].split(",").map(Number).filter((n) => n > 0);
  return [1_000, 10_000, 100_000];
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
        const parse = await measure(() => parseDocument(decodeAclBytes(bytes).text));
        if (parse.result.forms.length !== n || parse.result.diagnostics.length) throw new Error(`bench input of ${n} rules did not parse cleanly`);
        const full = lower ? await measure(() => lower(parseDocument(decodeAclBytes(bytes).text), "v5")) : null;
        const path = join(dir, `acl-${n}.conf`);
        writeFileSync(path, bytes);
        const erl = erlangConsultMs(path);
        rows.push([
          n, mb, parse.ms, mb / (parse.ms / 1000),
          full ? full.ms : "-",
          erl ?? "-",
          erl ? `${(parse.ms / erl).toFixed(2)}x` : "-",
        ]);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    table("decode + parseDocument (median of 3, ms)", ["rules", "MB", "parse ms", "MB/s", "parse+lower ms", "erl consult ms", "parse/erl"], rows);
  },
};
