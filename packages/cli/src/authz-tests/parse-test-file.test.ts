import { describe, expect, it } from "vitest";
import { parseTestFile } from "./parse-test-file";
import { TestFileError } from "./yaml-reader";

const yaml = `personas:
  dash:
    username: dashboard
    clientid: d1
    peerhost: 127.0.0.1
    cn: dash.example
    client_attrs: {tenant: acme}
cases:
  - persona: dash
    subscribe: $SYS/#
    expect: allow
    rule: 1
  - name: override
    persona: dash
    client: {username: null, client_attrs: {group: g1}, zone: z2}
    publish: t/ü
    qos: 2
    retain: true
    expect: deny
    rule: {line: 9}
`;

function errorOf(text: string, path = "t.yaml"): TestFileError {
  try {
    parseTestFile(path, text);
  } catch (e) {
    if (e instanceof TestFileError) return e;
    throw e;
  }
  throw new Error("parsed without error");
}

describe("parseTestFile", () => {
  it("turns personas and cases into requests (byte strings, defaults, overrides)", () => {
    const f = parseTestFile("t.yaml", yaml);
    expect(f.cases).toHaveLength(2);
    const [a, b] = f.cases;
    expect(a).toMatchObject({
      name: "dash subscribe $SYS/#",
      at: { line: 9, column: 5 },
      expect: "allow",
      rule: { number: 1 },
    });
    expect(a.request).toEqual({
      username: "dashboard",
      clientid: "d1",
      peerhost: "127.0.0.1",
      zone: "default",
      listener: "tcp:default",
      cert_common_name: "dash.example",
      client_attrs: { tenant: "acme" },
      action: "subscribe",
      qos: 0,
      retain: false,
      topic: "$SYS/#",
    });
    expect(b.name).toBe("override");
    expect(b.rule).toEqual({ line: 9 });
    expect(b.request).toMatchObject({
      username: null,
      clientid: "d1",
      zone: "z2",
      client_attrs: { tenant: "acme", group: "g1" },
      action: "publish",
      qos: 2,
      retain: true,
    });
    // UTF-8 bytes, as EMQX compares topics
    expect(b.request.topic).toBe("t/\u00c3\u00bc");
  });

  it("reads JSON test files with positions", () => {
    const f = parseTestFile(
      "t.json",
      '{"cases": [\n  {"client": {"clientid": "c"}, "publish": "a/b", "expect": "nomatch"}\n]}',
    );
    expect(f.cases[0]).toMatchObject({
      at: { line: 2, column: 3 },
      expect: "nomatch",
      request: { clientid: "c", username: null, topic: "a/b" },
    });
  });

  it.each([
    ["cases:\n  - persona: nobody\n    publish: a\n    expect: allow\n", 2, 14, "no persona 'nobody'"],
    [
      "cases:\n  - client: {username: 12}\n    publish: a\n    expect: allow\n",
      2,
      24,
      'username must be a string (write it in quotes: "12")',
    ],
    ["cases:\n  - client: {}\n    publish: a\n    expect: maybe\n", 4, 13, "expect must be allow, deny or nomatch"],
    ["cases:\n  - client: {usrname: a}\n    publish: a\n    expect: allow\n", 2, 14, "unknown key 'usrname'"],
    [
      "cases:\n  - client: {peerhost: 300.1.1.1}\n    publish: a\n    expect: allow\n",
      2,
      24,
      "must be an IPv4 or IPv6 address",
    ],
    [
      "cases:\n  - client: {}\n    publish: a\n    subscribe: b\n    expect: allow\n",
      3,
      5,
      "exactly one of 'publish: TOPIC' or 'subscribe: FILTER'",
    ],
    [
      "cases:\n  - client: {}\n    subscribe: a\n    retain: true\n    expect: allow\n",
      4,
      5,
      "retain applies to publish only",
    ],
    [
      "cases:\n  - client: {}\n    publish: a\n    qos: 3\n    expect: allow\n",
      4,
      10,
      "qos must be an integer from 0 to 2",
    ],
    [
      "cases:\n  - client: {}\n    publish: a\n    expect: nomatch\n    rule: 2\n",
      5,
      5,
      "a nomatch decision has no deciding rule",
    ],
    [
      "cases:\n  - client: {}\n    publish: a\n    expect: deny\n    rule: {line: 0}\n",
      5,
      18,
      "rule line must be an integer from 1",
    ],
    ["cases:\n  - publish: a\n    expect: deny\n", 2, 5, "give a 'persona' or a 'client'"],
    ["cases:\n  - client: {}\n    publish: a\n", 2, 5, "'expect' is missing"],
    ["personas: {}\n", 1, 1, "needs a 'cases' list"],
    [
      "cases:\n  - client: {}\n    subscribe: #\n    expect: deny\n",
      3,
      16,
      'subscribe must be a string (it is empty; quote values that start with # or other YAML signs: "#")',
    ],
    ["cases: {}\n", 1, 8, "cases must be a list"],
    ["cases: []\nextra: 1\n", 2, 1, "unknown key 'extra'"],
    ["cases:\n  - client: {a: 1\n", 3, 1, "Flow map"],
    ["cases: []\ncases: []\n", 2, 1, "Map keys must be unique"],
  ])("refuses %j at %i:%i", (text, line, column, message) => {
    const e = errorOf(text);
    expect(e.message).toContain(message);
    expect(e.place).toEqual({ line, column });
    expect(e.message.startsWith(`t.yaml:${line}:${column}: `)).toBe(true);
  });
});
