/** Running EMQX's rule code (authzdiff.erl, authzdiff4.erl as build.sh compiled them) on files and requests. */
import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Dialect, WireRequest } from "../../packages/core/src/index";
import { BROKER_TOPICS } from "../../test/support/differential-gen";

export { BROKER_TOPICS };

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
  const harness = dialect === "v4" ? "authzdiff4" : "authzdiff";
  const mode = broker ? `, "broker"` : "";
  execFileSync(
    "erl",
    [
      "-noshell",
      "-pa",
      join(buildDir, dialect, "ebin"),
      "-eval",
      `${harness}:main(["${input}", "${out}"${mode}]), halt().`,
    ],
    { stdio: "inherit" },
  );
  return readFileSync(out, "utf8").split("\n");
}
