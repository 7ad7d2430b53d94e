/**
 * Property: on the "fleet" shape (`../shared/bench/gen-fleet-acl.mjs`, the shape the
 * benchmarks and EMQX's own timings use), the indexed decider answers exactly like the
 * linear scan — seeded, small files (v4 and v5), requests drawn from the file's own users,
 * clients and networks plus strangers.
 */
import { execFileSync } from "node:child_process";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument } from "../packages/syntax/src/index";
import { compileDecider, decideLinear, lower, type Request } from "../packages/core/src/index";
import { sharedPath } from "./support/shared";

const gen = sharedPath("bench", "gen-fleet-acl.mjs");
const fleet = (n: number, seed: number, dialect: "v4" | "v5") =>
  execFileSync(process.execPath, [gen, String(n), String(seed), dialect], { encoding: "utf8" });

/** Requests about the file's users, clients and subnets (and some that match nothing). */
function requests(n: number, nets: string[]): fc.Arbitrary<Request> {
  const k = fc.nat(n + 2);
  const topic = fc.tuple(fc.nat(15), k, k).map(([t, u, c]) => {
    const user = `user${u}`;
    const dev = `dev-${c}`;
    return [
      `devices/${dev}/up/temp`,
      `users/${user}/inbox`,
      `public/${user}/x`,
      `fleet/a/${dev}/telemetry`,
      `misc/topic/${u}`,
      `devices/${dev}/cmd`,
      `rich/${user}/a`,
      `lan/${dev}/x`,
      `groups/${user}/x`,
      `pair/${user}/${dev}`,
      "$SYS/brokers/n1/uptime",
      "x/status",
      "#",
      "news/b/headlines",
      `devices/${dev}/down/x`,
      `$share/g/devices/${dev}/state/1`,
    ][t];
  });
  const peer = fc.oneof(
    fc.constant(null),
    fc.tuple(fc.nat(255), fc.nat(255), fc.nat(255)).map(([a, b, c]) => `10.${a}.${b}.${c}`),
    ...(nets.length ? [fc.tuple(fc.constantFrom(...nets), fc.nat(255)).map(([net, h]) => `${net}.${h}`)] : []),
  );
  return fc.record({
    username: fc.oneof(
      fc.constant(null),
      k.map((u) => `user${u}`),
      fc.tuple(k, fc.nat(99)).map(([u, x]) => `user${u}-${x}`),
    ),
    clientid: k.map((c) => `dev-${c}`),
    peerhost: peer,
    zone: fc.constant("default"),
    listener: fc.constant("tcp:default"),
    cert_common_name: fc.constant(null),
    client_attrs: fc.constant({}),
    action: fc.constantFrom("publish" as const, "subscribe" as const),
    qos: fc.constantFrom(0 as const, 1 as const, 2 as const),
    retain: fc.boolean(),
    topic,
  });
}

describe("compileDecider agrees with decideLinear on fleet files", () => {
  for (const dialect of ["v4", "v5"] as const) {
    it(`${dialect}: seeded fleet files of 5..80 rules`, () => {
      fc.assert(
        fc.property(fc.integer({ min: 5, max: 80 }), fc.integer({ min: 1, max: 1_000_000 }), (n, seed) => {
          const text = fleet(n, seed, dialect);
          const rs = lower(parseDocument(text), dialect).ruleSet;
          expect(rs.loadError).toBeNull();
          const nets = [...text.matchAll(/"10\.(\d+)\.(\d+)\.0\/24"/g)].map((m) => `10.${m[1]}.${m[2]}`);
          const decider = compileDecider(rs);
          for (const r of fc.sample(requests(n, nets), { numRuns: 500, seed }))
            expect(decider.decide(r)).toEqual(decideLinear(rs, r));
        }),
        { seed: 20261203, numRuns: 12 },
      );
    });
  }
});
