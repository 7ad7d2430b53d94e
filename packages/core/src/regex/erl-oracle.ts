/**
 * Test helper: asks real Erlang (`erl`, OTP 25, PCRE 8.x) what `re:compile/1` and
 * `re:run/2` decide, for a whole batch in ONE `erl -noshell` run (startup costs ~1 s).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Erlang's verdict for one pattern. */
export type ErlVerdict = { kind: "ok"; matches: boolean[] } | { kind: "invalid"; message: string; offset: number };

const bin = (s: string) => "<<" + Array.from(s, (c) => c.charCodeAt(0)).join(",") + ">>";

const SCRIPT = `
{ok, Cases} = file:consult(os:getenv("ORACLE_IN")),
lists:foreach(fun({P, Ss}) ->
  case re:compile(P) of
    {ok, MP} -> io:format("O ~s~n", [[case re:run(S, MP) of {match, _} -> $1; _ -> $0 end || S <- Ss]]);
    {error, {Msg, Off}} -> io:format("E ~b ~s~n", [Off, Msg])
  end end, Cases),
halt().`;

/** Whether an `erl` executable is available. */
export function erlAvailable(): boolean {
  return spawnSync("erl", ["-noshell", "-eval", "halt()."], { encoding: "utf8" }).status === 0;
}

/** Runs every (pattern, subjects) case through re:compile/re:run in one erl process. */
export function erlDecide(cases: { pattern: string; subjects: string[] }[]): ErlVerdict[] {
  const dir = mkdtempSync(join(tmpdir(), "erl-oracle-"));
  const file = join(dir, "cases.txt");
  try {
    writeFileSync(file, cases.map((c) => `{${bin(c.pattern)}, [${c.subjects.map(bin).join(",")}]}.\n`).join(""));
    const r = spawnSync("erl", ["-noshell", "-eval", SCRIPT], { encoding: "latin1", env: { ...process.env, ORACLE_IN: file }, maxBuffer: 64 << 20 });
    if (r.status !== 0) throw new Error(`erl failed: ${r.stderr}${r.stdout}`);
    const lines = r.stdout.split("\n").filter((l) => l !== "");
    if (lines.length !== cases.length) throw new Error(`erl answered ${lines.length} of ${cases.length}: ${r.stdout.slice(0, 500)}`);
    return lines.map((l) => {
      if (l.startsWith("O ")) return { kind: "ok", matches: Array.from(l.slice(2), (c) => c === "1") };
      const m = /^E (\d+) (.*)$/.exec(l);
      if (!m) throw new Error(`unexpected erl output: ${l}`);
      return { kind: "invalid", offset: Number(m[1]), message: m[2] };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
