import { describe, expect, it } from "vitest";
import { parseAcceptFile } from "./accept-file";

describe("parseAcceptFile", () => {
  it("reads rule, line and region entries (YAML or JSON)", () => {
    const f = parseAcceptFile(
      "a.yaml",
      'accept:\n  - rule: 4\n    reason: r1\n  - line: 9\n    reason: r2\n  - who: {username: {re: "^s-"}, ipaddr: [10.0.0.0/8]}\n    action: publish\n    topic: [a/#, b]\n    reason: r3\n',
    );
    expect(f.entries.map((e) => e.match)).toEqual([
      { kind: "rule", rule: 4 },
      { kind: "line", line: 9 },
      {
        kind: "region",
        who: { username: { re: "^s-" }, ipaddr: ["10.0.0.0/8"] },
        action: "publish",
        topics: ["a/#", "b"],
      },
    ]);
    expect(f.entries[2].at).toEqual({ line: 6, column: 5 });
    const j = parseAcceptFile("a.json", '{"accept": [{"topic": "x/#", "reason": "r"}]}');
    expect(j.entries[0].match).toEqual({ kind: "region", who: {}, action: "all", topics: ["x/#"] });
  });

  it.each([
    ["no accept list", "other: 1\n", /^a\.yaml:1:1: the accepted-changes file: unknown key 'other'/],
    ["no reason", "accept:\n  - rule: 1\n", /^a\.yaml:2:5: accept entry 1: 'reason' is missing/],
    [
      "empty reason",
      "accept:\n  - rule: 1\n    reason: ' '\n",
      /^a\.yaml:3:13: accept entry 1: reason must not be empty/,
    ],
    [
      "rule and topic",
      "accept:\n  - rule: 1\n    topic: a\n    reason: r\n",
      /^a\.yaml:2:5: accept entry 1: give exactly one of rule, line, or a region/,
    ],
    [
      "rule 0",
      "accept:\n  - rule: 0\n    reason: r\n",
      /^a\.yaml:2:11: accept entry 1: rule must be an integer from 1/,
    ],
    [
      "region without topic",
      "accept:\n  - action: publish\n    reason: r\n",
      /^a\.yaml:2:5: accept entry 1: 'topic' is missing/,
    ],
    [
      "placeholder topic",
      "accept:\n  - topic: 'a/${clientid}'\n    reason: r\n",
      /^a\.yaml:2:12: accept entry 1: topic must be a non-empty topic filter without placeholders/,
    ],
    [
      "bad action",
      "accept:\n  - topic: a\n    action: pubsub\n    reason: r\n",
      /^a\.yaml:3:13: accept entry 1: action must be publish, subscribe or all/,
    ],
    [
      "bad address",
      "accept:\n  - topic: a\n    who: {ipaddr: 10.0.0.300}\n    reason: r\n",
      /^a\.yaml:3:19: accept entry 1: who: ipaddr: '10\.0\.0\.300' is not an address or CIDR/,
    ],
    [
      "unknown who key",
      "accept:\n  - topic: a\n    who: {zone: z}\n    reason: r\n",
      /^a\.yaml:3:11: accept entry 1: who: unknown key 'zone'/,
    ],
    ["broken YAML", "accept: [\n", /^a\.yaml:\d+:\d+: /],
  ])("%s: file:line:col and why", (_what, text, message) => {
    expect(() => parseAcceptFile("a.yaml", text)).toThrow(message);
  });
});
