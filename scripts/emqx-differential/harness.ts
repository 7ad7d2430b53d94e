/** Running EMQX's rule code (authzdiff.erl, as build.sh compiled it) on files and requests. */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Dialect, WireRequest } from "../../packages/core/src/index";
import { loadRuleSet } from "../../packages/analysis/src/load-rule-set";
import { BROKER_TOPICS } from "../../test/support/differential-gen";

export { BROKER_TOPICS };

/** The arguments run.mjs passes each check: dialect seed count buildDir workDir. */
export function scriptArgs(): { dialect: Dialect; seed: number; count: number; buildDir: string; work: string } {
  const [dialect, seed, count, buildDir, work] = process.argv.slice(2);
  return { dialect: dialect as Dialect, seed: Number(seed), count: Number(count), buildDir, work };
}

/** A generated file's rules as the tool loads them (decoded from its UTF-8 bytes, as file:consult reads it). */
export function loadCase(text: string, dialect: Dialect) {
  return loadRuleSet(Buffer.from(text, "utf8"), { dialect });
}

const bin = (s: string) => `<<${[...Buffer.from(s, "utf8")].join(",")}>>`;

/** A wire request as the Erlang term the harness reads. */
export function erlangRequest(r: WireRequest): string {
  const attrs = Object.entries(r.client_attrs)
    .map(([k, v]) => `${bin(k)} => ${bin(v)}`)
    .join(", ");
  return (
    `{${r.username === null ? "undefined" : bin(r.username)}, ${bin(r.clientid)}, ` +
    `${r.peerhost === null ? "undefined" : `"${r.peerhost}"`}, '${r.zone}', '${r.listener}', ` +
    `${r.cert_common_name === null ? "undefined" : bin(r.cert_common_name)}, #{${attrs}}, ` +
    `${r.action}, ${r.qos}, ${r.retain}, ${bin(r.topic)}}`
  );
}

/**
 * EMQX's answers, one line per file, for `files` ([acl.conf path, requests]) written to
 * `dir`; `broker`: topics through the broker's rewriting (where BROKER_TOPICS has it).
 */
export function runHarness(
  dialect: Dialect,
  buildDir: string,
  dir: string,
  files: { path: string; requests: WireRequest[] }[],
  broker = BROKER_TOPICS[dialect],
): string[] {
  const input = join(dir, `${dialect}.eterm`);
  const out = join(dir, `${dialect}.answers`);
  const terms = files.map((f) => `{"${f.path}", [${f.requests.map(erlangRequest).join(",\n")}]}`);
  writeFileSync(input, `[${terms.join(",\n")}].\n`);
  const version = dialect === "v4" ? "v4" : "v5";
  const mode = broker ? "broker" : "rules";
  execFileSync(
    "erl",
    [
      "-noshell",
      "-pa",
      join(buildDir, dialect, "ebin"),
      "-eval",
      `authzdiff:main(["${input}", "${out}", "${version}", "${mode}"]), halt().`,
    ],
    { stdio: "inherit" },
  );
  return readFileSync(out, "utf8").split("\n");
}
