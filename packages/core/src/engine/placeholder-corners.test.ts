/**
 * Placeholder corners where EMQX's rendering has an order: v6 renders every placeholder
 * before failing on a missing key, so a later forbidden value still aborts the rule
 * (emqx_authz_rule:render_topic/2, master); v4 feeds `%c`/`%u` left to right and an
 * undefined one stops the rule even after an impossible value (emqx_access_rule:feed_var/3,
 * v4.4.19); an undone `${$}{listener}` escape renders the listener.
 */
import { describe, expect, it } from "vitest";
import { parseDocument } from "@emqx-acl/syntax";
import { lower } from "../lower/lower";
import { compileDecider } from "./compile-decider";
import { decideLinear } from "./decide-linear";
import type { Request } from "../model/request";

const rules = (text: string, d: "v4" | "v5" | "v6") => lower(parseDocument(text), d).ruleSet;
const req = (o: Partial<Request>): Request => ({
  username: "u1",
  clientid: "c1",
  peerhost: "10.0.0.5",
  zone: "default",
  listener: "tcp:default",
  cert_common_name: null,
  client_attrs: {},
  action: "publish",
  qos: 0,
  retain: false,
  topic: "t",
  ...o,
});
const both = (text: string, d: "v4" | "v5" | "v6", r: Request) => {
  const rs = rules(text, d);
  const linear = decideLinear(rs, r);
  expect(compileDecider(rs).decide(r)).toEqual(linear);
  return linear;
};

describe("placeholder corners", () => {
  it("v6: missing key then forbidden value aborts the rule; v5 only skips the filter", () => {
    const file = '{allow, all, publish, ["${client_attrs.a}/${zone}", "x/#"]}.';
    const r = req({ zone: "z+", topic: "x/1" });
    expect(both(file, "v6", r)).toEqual({ decision: "nomatch", rule: null });
    expect(both(file, "v5", r)).toEqual({ decision: "allow", rule: 1 });
    // forbidden first, missing after: the same abort
    expect(both('{allow, all, publish, ["${zone}/${client_attrs.a}", "x/#"]}.', "v6", r)).toEqual({
      decision: "nomatch",
      rule: null,
    });
    // missing only: the filter is skipped, the next one matches
    expect(both(file, "v6", req({ topic: "x/1" }))).toEqual({ decision: "allow", rule: 1 });
  });
  it("v4: %c with an impossible value, then an undefined %u, stops the rule", () => {
    const file = '{deny, all, publish, ["a/%c/%u", "b"]}.';
    expect(both(file, "v4", req({ clientid: "", username: null, topic: "b" }))).toEqual({
      decision: "nomatch",
      rule: null,
    });
    expect(both(file, "v4", req({ clientid: "", username: "u", topic: "b" }))).toEqual({ decision: "deny", rule: 1 });
    expect(both(file, "v4", req({ clientid: "a/b", username: null, topic: "b" }))).toEqual({
      decision: "nomatch",
      rule: null,
    });
  });
  it("v5/v6: an escape undone by a disallowed name renders the listener", () => {
    const file = '{allow, all, publish, ["${$}{listener}/${.}"]}.';
    for (const d of ["v5", "v6"] as const) {
      expect(both(file, d, req({ topic: "tcp:default/${}" }))).toEqual({ decision: "allow", rule: 1 });
      expect(both(file, d, req({ topic: "${listener}/${}" }))).toEqual({ decision: "nomatch", rule: null });
    }
  });
  it("v6: a value that is not UTF-8 is rendered byte for byte, never aborting the rule", () => {
    // validate_topic_template_value walks a binary byte by byte since emqx c6c132535c (in
    // the pinned master 50e04386de): the first filter cannot match (its topic is not UTF-8,
    // which no client can send), the second does; EMQX 6 decides the request as rule 1 (d1)
    const file = '{deny, {clientid, <<"\\2511">>}, all, ["a/${clientid}", "b/+"]}.';
    const c = "\xa91"; // the bytes A9 31: a Latin-1 © then 1
    expect(both(file, "v6", req({ clientid: c, topic: "b/x" }))).toEqual({ decision: "deny", rule: 1 });
  });
});
