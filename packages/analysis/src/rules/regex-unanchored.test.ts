import { describe, expect, it } from "vitest";
import { decideLinear } from "@emqx-acl/core";
import { analyzeDocument } from "../analyze-document";
import { applyFix, diags, ranges } from "../lint/test-support";

const ID = "regex-unanchored";
void applyFix;
void diags;

describe(ID, () => {
  it("reports a regex without ^ and anchors it", () => {
    const text = '{allow, {clientid, {re, "sensor-[0-9]+"}}, publish, ["s/#"]}.\n';
    expect(ranges(ID, text)).toEqual(["1:9-1:42"]);
    expect(applyFix(text, diags(ID, text)[0])).toBe(
      '{allow, {clientid, {re, "^sensor-[0-9]+\\\\z"}}, publish, ["s/#"]}.\n',
    );
  });
  it("reads the parsed pattern: a top-level alternative without ^ is reported, and the fix wraps the alternatives", () => {
    const text = '{allow, {username, {re, "^a|b"}}, publish, ["s/#"]}.\n';
    expect(ranges(ID, text)).toEqual(["1:9-1:33"]);
    expect(applyFix(text, diags(ID, text)[0])).toBe('{allow, {username, {re, "^(?:^a|b)\\\\z"}}, publish, ["s/#"]}.\n');
    expect(ranges(ID, '{allow, {username, {re, "^(a|b)"}}, publish, ["s/#"]}.\n')).toEqual([]);
  });
  it("the fixed pattern matches exactly the whole values the old one matched somewhere (no final-newline loophole)", () => {
    const text = '{allow, {username, {re, "adm\\\\.x$"}}, publish, ["t"]}.\n{deny, all}.\n';
    const fixed = applyFix(text, diags(ID, text)[0]);
    expect(fixed).toContain('"^adm\\\\.x\\\\z"');
    const rules = analyzeDocument(fixed, { dialect: "v5" }).lowered.ruleSet;
    const decide = (username: string) =>
      decideLinear(rules, {
        username,
        clientid: "c",
        peerhost: "10.0.0.1",
        zone: "default",
        listener: "tcp:default",
        cert_common_name: null,
        client_attrs: {},
        action: "publish",
        qos: 0,
        retain: false,
        topic: "t",
      }).decision;
    expect(decide("adm.x")).toBe("allow");
    expect(decide("adm.x\n")).toBe("deny");
    expect(decide("xadm.x")).toBe("deny");
  });
  it("looks past (*UTF8)-style start items, and keeps them in front when anchoring", () => {
    expect(ranges(ID, '{allow, {clientid, {re, "(*UTF8)^.$"}}, publish, ["s/#"]}.\n')).toEqual([]);
    const text = '{allow, {clientid, {re, "(*UCP)(?i)\\\\w+"}}, publish, ["s/#"]}.\n';
    expect(applyFix(text, diags(ID, text)[0])).toBe(
      '{allow, {clientid, {re, "(*UCP)^(?i)\\\\w+\\\\z"}}, publish, ["s/#"]}.\n',
    );
  });
  it("accepts ^-anchored and literal-looking patterns (another rule)", () => {
    expect(
      ranges(
        ID,
        '{allow, {clientid, {re, "^sensor-"}}, publish, ["s/#"]}.\n{allow, {username, {re, "admin"}}, all, ["#"]}.\n',
      ),
    ).toEqual([]);
  });
});
