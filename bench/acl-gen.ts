/**
 * Generates realistic acl.conf text for benchmarks: a seeded mix of the rule shapes found
 * in the corpus (v4 and v5 who/action/topic forms, comments, `{eq, ...}`, placeholders,
 * binaries, 'and'/'or' combinations), about 90 bytes per rule.
 */

import { prng } from "../test/support/prng";

export { prng };

const SHAPES: ((i: number, r: () => number) => string)[] = [
  (i) => `{allow, {user, "device_${i}"}, subscribe, ["sensors/device_${i}/#", {eq, "cmd/${i}"}]}.`,
  (i) => `{allow, {username, "user${i}"}, publish, ["telemetry/\${username}/data", "status/${i}"]}.`,
  (i) => `{deny, {ipaddr, "10.${i % 256}.${(i >> 8) % 256}.0/24"}, pubsub, ["$SYS/#", "#"]}.`,
  (i) => `{allow, {'and', [{client, "c${i}"}, {ipaddr, "192.168.${i % 256}.1"}]}, subscribe, ["x/%c/y"]}.`,
  (i) => `{allow, {clientid, {re, "^dev-${i}-[0-9]+$"}}, all, [<<"t/\${clientid}/${i}">>]}.`,
  (i) => `{deny, all, subscribe, [{eq, "#"}, <<"eq a/${i}/+"/utf8>>]}. % rule ${i}`,
  (i) =>
    `{allow, {'or', [{user, "u${i}"}, {client, "k${i}"}]}, {publish, [{qos, [0, 1]}, {retain, false}]}, ["a/b/${i}"]}.`,
  (i, r) =>
    `%% group ${i}: generated ${Math.floor(r() * 1000)}\n{allow, {user, "ops\\x41${i}"}, pubsub, ["ops/+/${i}"]}.`,
];

/** `rules` rules, one per line (plus the odd comment line), ending with a catch-all. */
export function generateAcl(rules: number, seed = 42): string {
  const r = prng(seed);
  const out: string[] = ["%% generated acl.conf for benchmarks"];
  for (let i = 0; i < rules - 1; i++) out.push(SHAPES[Math.floor(r() * SHAPES.length)](i, r));
  out.push("{deny, all}.");
  return out.join("\n") + "\n";
}
