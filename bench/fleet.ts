/**
 * The "fleet" shape of `../shared/bench/gen-fleet-acl.mjs` (per-user rules from a pool of
 * users, templates, per-client rules, denies, CIDR and regex rules, the classic tail) and
 * requests as `../shared/bench/README.md` describes them — the shape EMQX's own timings
 * were measured on, which the suites print beside ours.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { prng } from "./acl-gen";

/** `$EMQX_ACL_SHARED`, else `../shared` beside the repository (benches run from its root). */
const sharedDir = process.env.EMQX_ACL_SHARED
  ? resolve(process.env.EMQX_ACL_SHARED)
  : resolve(process.cwd(), "..", "shared");

/** The generator script, or null when `../shared` is not there. */
export function fleetGenerator(): string | null {
  const p = join(sharedDir, "bench", "gen-fleet-acl.mjs");
  return existsSync(p) ? p : null;
}

const cache = new Map<string, string>();

/** The fleet file for N rules (same N + seed + dialect ⇒ same bytes), as text. */
export function fleetAcl(rules: number, dialect: "v4" | "v5" = "v5", seed = 1): string {
  const key = `${rules}-${seed}-${dialect}`;
  let text = cache.get(key);
  if (text === undefined) {
    const gen = fleetGenerator();
    if (!gen) throw new Error(`gen-fleet-acl.mjs not found under ${sharedDir}/bench`);
    text = execFileSync(process.execPath, [gen, String(rules), String(seed), dialect], {
      encoding: "utf8",
      maxBuffer: 1 << 30,
    });
    cache.set(key, text);
  }
  return text;
}

/** Writes the fleet file into a temporary directory (once per N/seed/dialect); returns its path. */
export function fleetFile(rules: number, dialect: "v4" | "v5" = "v5", seed = 1): string {
  const dir = join(tmpdir(), "emqx-acl-bench");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `fleet-${rules}-${seed}-${dialect}.acl.conf`);
  if (!existsSync(path)) writeFileSync(path, fleetAcl(rules, dialect, seed));
  return path;
}

/** One request as a requests.jsonl object (the wire format `check` reads). */
export interface FleetWire {
  username: string;
  clientid: string;
  peerhost: string;
  action: "publish" | "subscribe";
  topic: string;
  qos: 0;
  retain: false;
}

/**
 * `count` requests for a fleet file of `rules` rules: username `userK` / client id `dev-K`
 * (random K), peer 10.x.y.z, publish or subscribe, one of the README's five topic shapes.
 */
export function fleetRequests(rules: number, count: number, seed = 1): FleetWire[] {
  const r = prng(seed);
  const int = (n: number) => Math.floor(r() * n);
  const out: FleetWire[] = [];
  for (let i = 0; i < count; i++) {
    const username = `user${int(rules)}`;
    const clientid = `dev-${int(rules)}`;
    const topics = [
      `devices/${clientid}/up/temp`,
      `users/${username}/inbox`,
      `public/${username}/x`,
      `fleet/a/${clientid}/telemetry`,
      `misc/topic/${int(rules)}`,
    ];
    const peerhost = `10.${int(256)}.${int(256)}.${int(256)}`;
    const action = r() < 0.5 ? "publish" : "subscribe";
    out.push({ username, clientid, peerhost, action, topic: topics[int(topics.length)], qos: 0, retain: false });
  }
  return out;
}

/** The requests as a JSON-lines file (once per rules/count/seed); returns its path. */
export function fleetRequestsFile(rules: number, count: number, seed = 1): string {
  const dir = join(tmpdir(), "emqx-acl-bench");
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `fleet-requests-${rules}-${count}-${seed}.jsonl`);
  if (!existsSync(path))
    writeFileSync(
      path,
      `${fleetRequests(rules, count, seed)
        .map((q) => JSON.stringify(q))
        .join("\n")}\n`,
    );
  return path;
}

/** EMQX's own figures on this shape (`../shared/bench/README.md`, OTP 25, one scheduler, ±25%). */
export const EMQX_FLEET = {
  /** rules → `file:consult` ms, EMQX compile ms, linear-scan matcher requests/s (null: not measured). */
  1_000: { consultMs: 19, compileMs: 12, matcherPerSec: 15_000 as number | null },
  10_000: { consultMs: 130, compileMs: 154, matcherPerSec: 1_500 as number | null },
  100_000: { consultMs: 1_471, compileMs: 1_939, matcherPerSec: null as number | null },
} as const;
