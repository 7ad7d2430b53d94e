/**
 * Test helper: asks real Erlang (`erl`, OTP 25, PCRE 8.x) what `re:compile/1` and
 * `re:run/2` decide, for a whole batch in ONE `erl -noshell` run (startup costs ~1 s).
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** Erlang's verdict for one pattern; a match is null where re:run raised (e.g. badarg). */
export type ErlVerdict =
  { kind: "ok"; matches: (boolean | null)[] } | { kind: "invalid"; message: string; offset: number };

const bin = (s: string) => "<<" + Array.from(s, (c) => c.charCodeAt(0)).join(",") + ">>";

const SCRIPT = `
{ok, Cases} = file:consult(os:getenv("ORACLE_IN")),
lists:foreach(fun({P, Ss}) ->
  case re:compile(P) of
    {ok, MP} -> io:format("O ~s~n", [[case catch re:run(S, MP) of {match, _} -> $1; nomatch -> $0; _ -> $X end || S <- Ss]]);
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
    const r = spawnSync("erl", ["-noshell", "-eval", SCRIPT], {
      encoding: "latin1",
      env: { ...process.env, ORACLE_IN: file },
      maxBuffer: 64 << 20,
    });
    if (r.status !== 0) throw new Error(`erl failed: ${r.stderr}${r.stdout}`);
    const lines = r.stdout.split("\n").filter((l) => l !== "");
    if (lines.length !== cases.length)
      throw new Error(`erl answered ${lines.length} of ${cases.length}: ${r.stdout.slice(0, 500)}`);
    return lines.map((l) => {
      if (l.startsWith("O "))
        return { kind: "ok", matches: Array.from(l.slice(2), (c) => (c === "X" ? null : c === "1")) };
      const m = /^E (\d+) (.*)$/.exec(l);
      if (!m) throw new Error(`unexpected erl output: ${l}`);
      return { kind: "invalid", offset: Number(m[1]), message: m[2] };
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const EXTRACT = `
Walk = fun W({re, R}, Acc) when is_list(R); is_binary(R) ->
             case catch unicode:characters_to_binary(R) of B when is_binary(B) -> [B | Acc]; _ -> Acc end;
           W(T, Acc) when is_tuple(T) -> W(tuple_to_list(T), Acc);
           W([H | T], Acc) -> W(T, W(H, Acc));
           W(_, Acc) -> Acc end,
{ok, Files} = file:consult(os:getenv("ORACLE_IN")),
lists:foreach(fun(F) -> case file:consult(F) of
    {ok, Terms} -> [io:format("~s~n", [binary:encode_hex(B)]) || B <- Walk(Terms, [])];
    _ -> ok end end, Files),
halt().`;

/** Every `{re, R}` pattern (as UTF-8 bytes) inside the terms of the given files that file:consult accepts. */
export function erlConsultRegexes(files: string[]): string[] {
  const dir = mkdtempSync(join(tmpdir(), "erl-oracle-"));
  const list = join(dir, "files.txt");
  try {
    writeFileSync(list, files.map((f) => JSON.stringify(f) + ".\n").join(""));
    const r = spawnSync("erl", ["-noshell", "-eval", EXTRACT], {
      encoding: "latin1",
      env: { ...process.env, ORACLE_IN: list },
      maxBuffer: 64 << 20,
    });
    if (r.status !== 0) throw new Error(`erl failed: ${r.stderr}${r.stdout}`);
    return r.stdout
      .split("\n")
      .filter((l) => l !== "")
      .map((h) => Buffer.from(h, "hex").toString("latin1"));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
