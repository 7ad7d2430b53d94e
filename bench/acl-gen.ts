/**
 * Generates realistic acl.conf text for benchmarks: a seeded mix of the rule shapes found
 * in the corpus (v4 and v5 who/action/topic forms, comments, `{eq, ...}`, placeholders,
 * binaries, 'and'/'or' combinations), about 90 bytes per rule.
 */

/** A small deterministic PRNG (mulberry32) so runs compare like with like. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const SHAPES: ((i: number, r: () => number) => string)[] = [
  (i) => `{allow, {user, "device_${i}"}, subscribe, ["sensors/device_${i}/#", {eq, "cmd/${i}"}]}.`,
  (i) => `{allow, {username, "user${i}"}, publish, ["telemetry/\${username}/data", "status/${i}"]}.`,
  (i) => `{deny, {ipaddr, "10.${i % 256}.${(i >> 8) % 256}.0/24"}, pubsub, ["$SYS/#", "#"]}.`,
  (i) => `{allow, {'and', [{client, "c${i}"}, {ipaddr, "192.168.${i % 256}.1"}]}, subscribe, ["x/%c/y"]}.`,
  (i) => `{allow, {clientid, {re, "^dev-${i}-[0-9]+$"}}, all, [<<"t/\${clientid}/${i}">>]}.`,
  (i) => `{deny, all, subscribe, [{eq, "#"}, <<"eq a/${i}/+"/utf8>>]}. % rule ${i}`,
  (i) => `{allow, {'or', [{user, "u${i}"}, {client, "k${i}"}]}, {publish, [{qos, [0, 1]}, {retain, false}]}, ["a/b/${i}"]}.`,
  (i, r) => `%% group ${i}: generated ${Math.floor(r() * 1000)}\n{allow, {user, "ops\\x41${i}"}, pubsub, ["ops/+/${i}"]}.`,
];

/** `rules` rules, one per line (plus the odd comment line), ending with a catch-all. */
export function generateAcl(rules: number, seed = 42): string {
  const r = prng(seed);
  const out: string[] = ["%% generated acl.conf for benchmarks"];
  for (let i = 0; i < rules - 1; i++) out.push(SHAPES[Math.floor(r() * SHAPES.length)](i, r));
  out.push("{deny, all}.");
  return out.join("\n") + "\n";
}
