/**
 * Property: the indexed decider answers exactly like the linear scan, on generated rule
 * files (all dialects, usernames / client ids / wildcards / placeholders / eq / and-or)
 * and generated requests.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument } from "@emqx-acl/syntax";
import { lower } from "../lower/lower";
import { compileDecider } from "./compile-decider";
import { decideLinear } from "./decide-linear";
import type { Request } from "../model/request";

const names = ["u1", "u2", "c1", "+", "#", "", "a/b"];
const levels = ["a", "b", "+", "#", "$SYS", "", "x"];

const topicLevels = fc.array(fc.constantFrom(...levels), { minLength: 1, maxLength: 4 });
const ruleTopic = (d: string) =>
  fc.oneof(
    topicLevels.map((l) => `"${l.join("/")}"`),
    topicLevels.map((l) => `{eq, "${l.join("/")}"}`),
    fc
      .tuple(
        topicLevels,
        fc.constantFrom(
          ...(d === "v4" ? ["%u", "%c"] : ["${username}", "${clientid}", "${cert_common_name}", "x${username}"]),
        ),
        fc.nat(3),
      )
      .map(([l, v, i]) => {
        const ws = [...l];
        ws.splice(Math.min(i, ws.length), 0, v);
        return `"${ws.join("/")}"`;
      }),
  );
const who = (d: string): fc.Arbitrary<string> =>
  fc.oneof(
    fc.constant("all"),
    fc.constantFrom(...names).map((n) => `{${d === "v4" ? "user" : "username"}, "${n}"}`),
    fc.constantFrom(...names).map((n) => `{${d === "v4" ? "client" : "clientid"}, "${n}"}`),
    fc
      .constantFrom(
        "10.0.0.0/8",
        "10.1.0.0/16",
        "127.0.0.1",
        "10.1.2.0/24",
        "0.0.0.0/0",
        "2001:db8::/32",
        "2001:db8:1::/48",
        "::1",
      )
      .map((c) => `{ipaddr, "${c}"}`),
    fc.constantFrom("10.0.0.0/8", "::1", "2001:db8::/16").map((c) => `{ipaddrs, ["${c}", "10.1.2.3"]}`),
    fc
      .tuple(fc.constantFrom(...names), fc.constantFrom("10.1.0.0/16", "2001:db8::/32"))
      .map(([n, c]) => `{'and', [{ipaddr, "${c}"}, {${d === "v4" ? "client" : "clientid"}, "${n}"}]}`),
    fc
      .tuple(fc.constantFrom("'and'", "'or'"), fc.constantFrom(...names), fc.constantFrom(...names))
      .map(
        ([op, a, b]) =>
          `{${op}, [{${d === "v4" ? "user" : "username"}, "${a}"}, {${d === "v4" ? "client" : "clientid"}, "${b}"}]}`,
      ),
  );
const rule = (d: string) =>
  fc.oneof(
    { weight: 1, arbitrary: fc.constantFrom("{allow, all}", "{deny, all}") },
    {
      weight: 8,
      arbitrary: fc
        .tuple(
          fc.constantFrom("allow", "deny"),
          who(d),
          fc.constantFrom(
            ...(d === "v4"
              ? ["publish", "subscribe", "pubsub"]
              : ["publish", "subscribe", "all", "{publish, [{qos, 1}]}", "{all, [{retain, true}]}"]),
          ),
          fc.array(ruleTopic(d), { maxLength: 3 }),
        )
        .map(([p, w, a, ts]) => `{${p}, ${w}, ${a}, [${ts.join(", ")}]}`),
    },
  );
const request: fc.Arbitrary<Request> = fc.record({
  username: fc.option(fc.constantFrom(...names), { nil: null }),
  clientid: fc.constantFrom(...names),
  peerhost: fc.constantFrom(
    null,
    "10.1.2.3",
    "10.9.9.9",
    "127.0.0.1",
    "::1",
    "2001:db8:ffff::1",
    "2001:db8:1::5",
    "::ffff:10.1.2.3",
  ),
  zone: fc.constant("default"),
  listener: fc.constant("tcp:default"),
  cert_common_name: fc.option(fc.constantFrom("cn", "+"), { nil: null }),
  client_attrs: fc.constant({}),
  action: fc.constantFrom("publish" as const, "subscribe" as const),
  qos: fc.constantFrom(0 as const, 1 as const, 2 as const),
  retain: fc.boolean(),
  topic: fc.oneof(
    topicLevels.map((l) => l.join("/")),
    fc.constantFrom("$share/g/a/b", "$delayed/1/a", "$delayed/x", "u1/a", "c1"),
  ),
});

describe("compileDecider agrees with decideLinear", () => {
  for (const [dialect, profile] of [
    ["v4", "legacy"],
    ["v5", "legacy"],
    ["v6", "legacy"],
    ["v6", "hardened"],
  ] as const) {
    it(`on generated ${dialect} rule sets (${profile})`, () => {
      fc.assert(
        fc.property(
          fc.array(rule(dialect), { minLength: 1, maxLength: 25 }),
          fc.array(request, { minLength: 1, maxLength: 30 }),
          (rules, requests) => {
            const lowered = lower(parseDocument(rules.map((r) => `${r}.\n`).join("")), dialect);
            expect(lowered.ruleSet.loadError).toBeNull();
            const opts = { securityProfile: profile };
            const decider = compileDecider(lowered.ruleSet, opts);
            for (const r of requests) expect(decider.decide(r)).toEqual(decideLinear(lowered.ruleSet, r, opts));
          },
        ),
        { seed: 20261123, numRuns: 300 },
      );
    });
  }
});
