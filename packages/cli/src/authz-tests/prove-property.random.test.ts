/**
 * proveProperty against brute force: on seeded random small files, whenever a grid of
 * concrete requests a broker can authorise (no wildcard in a PUBLISH topic, …) holds a counterexample (in the region, outside `unless`, allowed by the
 * engine) the verdict is never "proved", and every reported witness is one.
 */
import { inRequestDomain, loadRuleSet } from "@emqx-acl/analysis";
import { compileDecider, type Request } from "@emqx-acl/core";
import { describe, expect, it } from "vitest";
import { proveProperty } from "./prove-property";
import { unlessTerm, type Property } from "./property-spec";

const WHO = [
  "all",
  '{username, "a"}',
  '{username, "b"}',
  '{clientid, "c"}',
  '{ipaddr, "10.0.0.0/24"}',
  '{username, {re, "^a"}}',
  '{\'and\', [{username, "a"}, {clientid, "c"}]}',
  '{\'or\', [{username, "b"}, {ipaddr, "10.0.0.0/8"}]}',
];
const ACTIONS = ["publish", "subscribe", "all", "{publish, [{qos, [0, 1]}]}", "{all, [{retain, true}]}"];
const TOPICS = [
  '"a/b"',
  '"a/+"',
  '"a/#"',
  '"#"',
  '"+/b"',
  '{eq, "a/+"}',
  '"$SYS/#"',
  '"$SYS/+"',
  '"${username}/#"',
  '"a/${clientid}"',
  '"+/#"',
];
const PROPS: Omit<Property, "name" | "at">[] = [
  { action: "subscribe", topic: "$SYS/#", unless: { username: { exact: "dashboard" } } },
  { action: "subscribe", topic: "$SYS/#", unless: null },
  { action: "publish", topic: "a/#", unless: { clientid: { exact: "c" } } },
  { action: "subscribe", topic: "a/+", unless: null },
];
const TOPIC_GRID = ["$SYS/x", "$SYS/a/b", "$SYS", "$SYS/#", "a", "a/b", "a/+", "a/#", "a/c", "a/c/d", "b/b", "#"];

/** mulberry32: a small seeded PRNG. */
function prng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomAcl(next: () => number): string {
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
  const n = 1 + Math.floor(next() * 5);
  const lines = Array.from({ length: n }, () => {
    const topics = Array.from({ length: 1 + Math.floor(next() * 2) }, () => pick(TOPICS)).join(", ");
    return `{${next() < 0.6 ? "allow" : "deny"}, ${pick(WHO)}, ${pick(ACTIONS)}, [${topics}]}.`;
  });
  return `${lines.join("\n")}\n`;
}

function* grid(action: "publish" | "subscribe"): Generator<Request> {
  for (const username of [null, "a", "b", "dashboard", "$SYS", "a/b"])
    for (const clientid of ["c", "d", "$SYS"])
      for (const peerhost of [null, "10.0.0.5", "10.0.0.200"])
        for (const topic of TOPIC_GRID)
          for (const [qos, retain] of action === "publish"
            ? ([
                [0, false],
                [2, true],
              ] as const)
            : ([[0, false]] as const))
            yield {
              username,
              clientid,
              peerhost,
              zone: "default",
              listener: "tcp:default",
              cert_common_name: null,
              client_attrs: {},
              action,
              qos,
              retain,
              topic,
            };
}

const deciderOf = (text: string) => compileDecider(loadRuleSet(text, { dialect: "v5" }).lowered.ruleSet);

describe("proveProperty against brute force", () => {
  it("never proves a property a concrete request breaks; every witness is a counterexample", () => {
    const next = prng(20261204);
    const seen = { proved: 0, violated: 0, unknown: 0 };
    for (let i = 0; i < 150; i++) {
      const acl = randomAcl(next);
      const p: Property = { name: "p", at: { line: 1, column: 1 }, ...PROPS[i % PROPS.length] };
      const rs = loadRuleSet(acl, { dialect: "v5" }).lowered.ruleSet;
      const engine = compileDecider(rs);
      const region = deciderOf(`{allow, all, ${p.action}, ["${p.topic}"]}.`);
      const unless = p.unless ? deciderOf(`{allow, ${unlessTerm(p.unless, "v5") as string}, all, all}.`) : null;
      const counterexample = (q: Request) =>
        q.action === p.action &&
        region.decide(q).decision === "allow" &&
        (!unless || unless.decide(q).decision === "nomatch") &&
        engine.decide(q).decision === "allow";
      const v = proveProperty(p, rs, acl, "legacy");
      seen[v.status]++;
      if (v.status === "violated") expect(counterexample(v.witness), acl).toBe(true);
      if (v.status === "proved") {
        for (const q of grid(p.action))
          if (inRequestDomain(q, "v5"))
            expect(counterexample(q), `${acl}${JSON.stringify(p)}\n${JSON.stringify(q)}`).toBe(false);
      }
    }
    // the run exercised every verdict
    expect(seen.proved).toBeGreaterThan(10);
    expect(seen.violated).toBeGreaterThan(10);
  });

  it("tenant isolation: never proved when a client reaches another tenant's tree; every witness is one", () => {
    const next = prng(20261205);
    const pick = <T>(xs: readonly T[]) => xs[Math.floor(next() * xs.length)];
    const who = ["all", '{client_attr, "tenant", "a"}', '{client_attr, "tenant", {re, "^b"}}', '{username, "a"}'];
    const topics = [
      '"t/${client_attrs.tenant}/#"',
      '"t/${client_attrs.tenant}/x"',
      '"t/${username}/#"',
      '"t/a/#"',
      '"t/+/x"',
      '"t/#"',
      '{eq, "t/b/x"}',
      '"u/#"',
    ];
    const seen = { proved: 0, violated: 0, unknown: 0 };
    const own = deciderOf('{allow, all, all, ["t/${client_attrs.tenant}/#"]}.');
    for (let i = 0; i < 120; i++) {
      const acl = `${Array.from(
        { length: 1 + Math.floor(next() * 4) },
        () =>
          `{${next() < 0.7 ? "allow" : "deny"}, ${pick(who)}, ${pick(["publish", "subscribe", "all"])}, [${pick(topics)}]}.`,
      ).join("\n")}\n`;
      const action = i % 2 === 0 ? "publish" : "subscribe";
      const p: Property = {
        name: "p",
        at: { line: 1, column: 1 },
        action,
        topic: "t/+/#",
        unless: null,
        own: { attribute: "tenant", topics: "t/${client_attrs.tenant}/#" },
      };
      const rs = loadRuleSet(acl, { dialect: "v5" }).lowered.ruleSet;
      const engine = compileDecider(rs);
      const region = deciderOf(`{allow, all, ${action}, ["t/+/#"]}.`);
      const counterexample = (q: Request) =>
        q.action === action &&
        Object.hasOwn(q.client_attrs, "tenant") &&
        region.decide(q).decision === "allow" &&
        own.decide(q).decision !== "allow" &&
        engine.decide(q).decision === "allow";
      const v = proveProperty(p, rs, acl, "legacy");
      seen[v.status]++;
      if (v.status === "violated") expect(counterexample(v.witness), acl).toBe(true);
      if (v.status !== "proved") continue;
      for (const tenant of ["a", "b", "bb", "t", "x"])
        for (const username of [null, "a", "b"])
          for (const topic of ["t/a/x", "t/b/x", "t/bb/y", "t/x/x", "t/#", "t/+/x", "t/a", "t/b", "u/a"]) {
            const q: Request = {
              username,
              clientid: "c",
              peerhost: null,
              zone: "default",
              listener: "tcp:default",
              cert_common_name: null,
              client_attrs: { tenant },
              action,
              qos: 0,
              retain: false,
              topic,
            };
            if (inRequestDomain(q, "v5")) expect(counterexample(q), `${acl}\n${JSON.stringify(q)}`).toBe(false);
          }
    }
    expect(seen.proved).toBeGreaterThan(10);
    expect(seen.violated).toBeGreaterThan(10);
  });
});
