import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { parseDocument } from "@emqx-acl/syntax";
import { lower } from "../lower/lower";
import type { Dialect, Rule } from "../model/rule";
import { firstOfEachMatch, matchKey } from "./match-key";

/** The rule as matching sees it: everything but spans, its position and the shorthand flag. */
const meaning = (r: Rule) =>
  JSON.stringify(r, (k, v) =>
    k === "start" || k === "end" || k === "index" || k === "shorthand"
      ? undefined
      : typeof v === "bigint"
        ? `${v}n`
        : v,
  );

const name4 = fc.constantFrom('"u1"', '"u1 "', '"1:u"', '"a|b"', '<<"u1">>', '"${x}"');
const name = fc.oneof(name4, fc.constantFrom('{re, "^u1$"}', '{re, "u1"}', '{re, "u"}'));
const who = (d: Dialect): fc.Arbitrary<string> =>
  fc.letrec<{ who: string }>((tie) => ({
    who: fc.oneof(
      { depthSize: "small" },
      fc.constant("all"),
      d === "v4" ? fc.oneof(name4, fc.constant("all")).map((n) => `{user, ${n}}`) : name.map((n) => `{username, ${n}}`),
      d === "v4"
        ? fc.oneof(name4, fc.constant("all")).map((n) => `{client, ${n}}`)
        : name.map((n) => `{clientid, ${n}}`),
      fc.constantFrom("10.0.0.0/8", "10.0.0.1/8", "10.1.0.0/16", "::1", "2001:db8::/48").map((c) => `{ipaddr, "${c}"}`),
      fc
        .constantFrom('["10.0.0.0/8"]', '["10.0.0.0/8", "::1"]', '["::1", "10.0.0.0/8"]')
        .map((cs) => `{ipaddrs, ${cs}}`),
      fc
        .tuple(fc.constantFrom("'and'", "'or'"), fc.array(tie("who"), { maxLength: 3 }))
        .map(([op, xs]) => `{${op}, [${xs.join(", ")}]}`),
      ...(d === "v4" ? [] : [fc.tuple(fc.constantFrom("a", "b"), name).map(([k, n]) => `{client_attr, "${k}", ${n}}`)]),
      ...(d === "v6" ? [name.map((n) => `{zone, ${n}}`), name.map((n) => `{listener, ${n}}`)] : []),
    ),
  })).who;
const action = (d: Dialect) =>
  fc.constantFrom(
    ...(d === "v4"
      ? ["publish", "subscribe", "pubsub"]
      : [
          "publish",
          "subscribe",
          "all",
          "{publish, [{qos, 1}]}",
          "{publish, [{qos, [0, 1]}]}",
          "{publish, [{qos, [1, 0]}]}",
          "{publish, [{retain, true}]}",
          "{all, [{retain, false}, {qos, 2}]}",
        ]),
  );
const topic = (d: Dialect) =>
  fc.constantFrom(
    ...[
      '"a/#"',
      '"a/+"',
      '{eq, "a/#"}',
      '"eq a/#"',
      '"a/${username}"',
      '{eq, "a/${username}"}',
      '"a/%u"',
      '"${clientid}"',
      '""',
    ].concat(d === "v4" ? [] : ['"a/${cert_common_name}"']),
  );
const topics = (d: Dialect) =>
  fc.oneof(
    fc.array(topic(d), { maxLength: 3 }).map((ts) => `[${ts.join(", ")}]`),
    fc.constant(d === "v4" ? "[]" : "all"),
  );
/** Parts of a 4-tuple rule; a pair of rules shares each part or not (near-equal pairs are common). */
const parts = (d: Dialect) => fc.tuple(fc.constantFrom("allow", "deny"), who(d), action(d), topics(d));
const rulePair = (d: Dialect) =>
  fc.oneof(
    fc.tuple(
      fc.constantFrom("{allow, all}", "{deny, all}"),
      fc.constantFrom(
        "{allow, all}",
        "{deny, all}",
        d === "v4" ? "{allow, all, pubsub, []}" : "{allow, all, all, all}",
      ),
    ),
    fc.tuple(parts(d), parts(d), fc.array(fc.boolean(), { minLength: 4, maxLength: 4 })).map(([a, b, same]) => {
      const c = a.map((x, i) => (same[i] ? x : b[i]));
      return [a, c].map(([p, w, ac, t]) => `{${p}, ${w}, ${ac}, ${t}}`) as [string, string];
    }),
  );

function lowered(d: Dialect, rules: string[]): Rule[] {
  const r = lower(parseDocument(rules.map((x) => `${x}.\n`).join("")), d).ruleSet;
  expect(r.loadError).toBeNull();
  return r.rules;
}

describe("matchKey", () => {
  for (const d of ["v4", "v5", "v6"] as const) {
    it(`two ${d} rules share a key exactly when they mean the same for matching`, () => {
      fc.assert(
        fc.property(rulePair(d), ([a, b]) => {
          const [x, y] = lowered(d, [a, b]);
          expect(matchKey(x) === matchKey(y), `${a}  vs  ${b}`).toBe(meaning(x) === meaning(y));
        }),
        { seed: 5, numRuns: 3000 },
      );
    });
  }

  it("tells apart rules that differ in one detail, and not rules written differently to the same effect", () => {
    const distinct = [
      '{allow, all, subscribe, ["a/#"]}',
      '{allow, all, subscribe, [{eq, "a/#"}]}',
      '{allow, all, subscribe, ["a/${username}"]}',
      '{allow, all, subscribe, [{eq, "a/${username}"}]}',
      '{allow, {username, "u"}, subscribe, ["a/#"]}',
      '{allow, {username, {re, "u"}}, subscribe, ["a/#"]}',
      '{allow, {clientid, "u"}, subscribe, ["a/#"]}',
      '{allow, {client_attr, "u", "u"}, subscribe, ["a/#"]}',
      '{allow, {\'and\', [{username, "u"}]}, subscribe, ["a/#"]}',
      '{allow, {\'or\', [{username, "u"}]}, subscribe, ["a/#"]}',
      '{allow, all, publish, ["a/#"]}',
      '{allow, all, all, ["a/#"]}',
      "{allow, all, subscribe, all}",
      "{allow, all, subscribe, []}",
    ];
    const keys = lowered("v5", distinct).map(matchKey);
    expect(new Set(keys).size).toBe(distinct.length);
    const same = lowered("v5", [
      '{allow, {username, "u"}, publish, ["a/#"]}',
      '{allow,{username,<<"u">>},publish,[<<"a/#">>]}',
      "{allow, all}",
      "{allow, all, all, all}",
    ]).map(matchKey);
    expect([same[0], same[2]]).toEqual([same[1], same[3]]);
  });

  it("firstOfEachMatch keeps the first of each, in order", () => {
    const rules = lowered("v5", [
      '{allow, all, subscribe, ["+/status"]}',
      '{deny, all, subscribe, ["+/status"]}',
      '{allow, all, subscribe, ["+/status"]}',
      "{allow, all}",
      "{allow, all, all, all}",
    ]);
    expect(firstOfEachMatch(rules).map((r) => r.index)).toEqual([1, 2, 4]);
  });
});
