/**
 * The gate's verdicts agree with the decision engine on every request of a small grid: a
 * request the new file newly allows, outside every accepted region and not decided by an
 * accepted rule, belongs to a class the gate does not accept; and every request of a class
 * the gate accepts through regions lies inside one. (The gate's own diff is symbolic; this
 * checks it against plain decisions, request by request.)
 */
import { loadRuleSet } from "@emqx-acl/analysis";
import { compileDecider, fromWire, type RuleSet } from "@emqx-acl/core";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseAcceptFile } from "./accept-file";
import { acceptRegions } from "./accept-regions";
import { gateDiff } from "./gate-diff";

const examples = join(__dirname, "../../../../examples/gate");
const read = (f: string) => readFileSync(join(examples, f), "utf8");
const ruleSet = (t: string): RuleSet => loadRuleSet(t, { dialect: "v5" }).lowered.ruleSet;

const USERS = [null, "guest", "dashboard", "sensor-1", "sensor-x", "ops"];
const HOSTS = [null, "10.1.2.3", "192.168.0.9"];
const TOPICS = [
  "public/a",
  "public",
  "telemetry/sensor-1",
  "telemetry/c1",
  "status/s",
  "status/s/x",
  "$SYS/brokers",
  "$SYS/#",
  "cmd/x",
  "#",
];

function* requests() {
  for (const username of USERS)
    for (const peerhost of HOSTS)
      for (const clientid of ["c1", "sensor-1"])
        for (const topic of TOPICS)
          for (const action of ["publish", "subscribe"] as const)
            yield fromWire({ username, peerhost, clientid, topic, action });
}

const ACCEPTS = [
  read("accept.yaml"),
  'accept:\n  - who: {ipaddr: 10.0.0.0/8}\n    topic: ["#", "$SYS/#"]\n    reason: the plant network\n',
  // regions holding the first diff's witnesses and little more: the classes stay unaccepted
  'accept:\n  - who: {username: dashboard}\n    action: subscribe\n    topic: "$SYS"\n    reason: the witness only\n  - topic: "public"\n    reason: the witness topic only\n',
  'accept:\n  - action: subscribe\n    topic: "$SYS/brokers"\n    reason: one topic\n  - who: {clientid: c1}\n    action: publish\n    topic: "public/#"\n    reason: c1\n',
];

describe("gateDiff against the engine, request by request (examples/gate)", () => {
  it.each(ACCEPTS.map((a, i) => [i + 1, a]))("accepted-changes file %i", (_n, text) => {
    const oldRs = ruleSet(read("before.acl.conf"));
    const newText = read("after.acl.conf");
    const newRs = ruleSet(newText);
    const accept = parseAcceptFile("accept.yaml", text as string);
    const g = gateDiff({ oldRules: oldRs.rules, newRules: newRs.rules, newText, dialect: "v5" }, accept);
    const regions = acceptRegions(accept, "v5");
    const inRegion = compileDecider({ dialect: "v5", rules: regions.map((r) => r.rule), loadError: null });
    const [before, after] = [compileDecider(oldRs), compileDecider(newRs)];
    const byKey = new Map(g.newlyAllowed.map((c) => [`${c.from.rule}|${c.to.rule}`, c]));
    let newlyAllowed = 0;
    for (const q of requests()) {
      const [a, b] = [before.decide(q), after.decide(q)];
      if (a.decision === "allow" || b.decision !== "allow") continue;
      newlyAllowed++;
      const c = byKey.get(`${a.rule}|${b.rule}`);
      expect(c, `a class for ${a.rule}|${b.rule}`).toBeDefined();
      const byRule = accept.entries.some((e) => e.match.kind === "rule" && e.match.rule === b.rule);
      const inside = inRegion.decide(q).decision === "allow";
      if (!byRule && !inside) expect(c!.accepted, `${JSON.stringify(q)} is outside every region`).toBeNull();
      if (c!.accepted && c!.accepted.match.kind === "region")
        expect(inside, `${JSON.stringify(q)} in an accepted class`).toBe(true);
    }
    expect(newlyAllowed).toBeGreaterThan(10);
  });
});
