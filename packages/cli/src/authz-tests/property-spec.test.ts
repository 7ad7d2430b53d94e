import { describe, expect, it } from "vitest";
import { parseTestFile } from "./parse-test-file";
import { unlessTerm } from "./property-spec";

const props = (body: string) => parseTestFile("t.yaml", `properties:\n${body}`).properties;

describe("properties in test files", () => {
  it("reads never: {action, topic, unless}, and writes unless as each version's who-term", () => {
    const [a, b, c] = props(`  - name: sys
    never: {action: subscribe, topic: $SYS/#, unless: {username: {re: "^dash\\"board$"}}}
  - never: {action: publish, topic: a/+/b}
  - never:
      action: publish
      topic: cmd/#
      unless: {clientid: ctl, ipaddr: [10.0.0.0/8, "fd00::/64"]}
`);
    expect(a).toEqual({
      name: "sys",
      at: { line: 2, column: 5 },
      action: "subscribe",
      topic: "$SYS/#",
      unless: { username: { re: '^dash"board$' } },
    });
    expect(unlessTerm(a.unless!, "v5")).toBe('{username, {re, "^dash\\"board$"}}');
    expect(unlessTerm(a.unless!, "v4")).toEqual({ refused: "EMQX 4.4 has no regular expressions on names" });
    expect(b).toMatchObject({ name: "never publish a/+/b", unless: null });
    expect(unlessTerm(c.unless!, "v6")).toBe(`{'and', [{clientid, "ctl"}, {ipaddrs, ["10.0.0.0/8", "fd00::/64"]}]}`);
    expect(unlessTerm(c.unless!, "v4")).toBe(`{'and', [{client, "ctl"}, {ipaddrs, ["10.0.0.0/8", "fd00::/64"]}]}`);
  });

  it("reads only: {action, topic, clients} as never, unless the client is one of them", () => {
    const [a, b] = props(`  - only: {action: subscribe, topic: $SYS/#, clients: {username: dashboard}}
  - name: ctl
    only:
      action: publish
      topic: cmd/#
      clients: {clientid: {re: "^ctl-"}}
`);
    expect(a).toEqual({
      name: "only some clients subscribe $SYS/#",
      at: { line: 2, column: 5 },
      action: "subscribe",
      topic: "$SYS/#",
      unless: { username: { exact: "dashboard" } },
    });
    expect(b).toMatchObject({ name: "ctl", action: "publish", unless: { clientid: { re: "^ctl-" } } });
  });

  it("reads tenant-isolation: {attribute, topics} as a property per action over every tenant's tree", () => {
    const ps = props(`  - name: tenants
    tenant-isolation: {attribute: tenant, topics: "t/\${tenant}/#"}
`);
    expect(ps.map((p) => [p.name, p.action, p.topic, p.own])).toEqual([
      ["tenants (publish)", "publish", "t/+/#", { attribute: "tenant", topics: "t/${client_attrs.tenant}/#" }],
      ["tenants (subscribe)", "subscribe", "t/+/#", { attribute: "tenant", topics: "t/${client_attrs.tenant}/#" }],
    ]);
    expect(() => props(`  - tenant-isolation: {attribute: tenant, topics: "t/x/#"}\n`)).toThrow(
      /topics must hold \$\{tenant\} once, as a whole level/,
    );
    expect(() => props(`  - tenant-isolation: {attribute: "a b", topics: "t/\${a b}"}\n`)).toThrow(
      /attribute must be a client attribute name/,
    );
  });

  it.each([
    ["  - never: {action: all, topic: a}\n", "2:21: property 1: never: action must be publish or subscribe"],
    [
      "  - never: {action: publish, topic: a/#/b}\n",
      "2:37: property 1: never: topic must be an MQTT topic filter without placeholders",
    ],
    [
      '  - never: {action: publish, topic: "u/${username}"}\n',
      "2:37: property 1: never: topic must be an MQTT topic filter",
    ],
    [
      "  - never: {action: publish, topic: a, unless: {ipaddr: 10.0.0.300}}\n",
      "2:57: property 1: never: unless: ipaddr: '10.0.0.300' is not an address or CIDR",
    ],
    [
      "  - never: {action: publish, topic: a, unless: {zone: z}}\n",
      "2:49: property 1: never: unless: unknown key 'zone'",
    ],
    ["  - name: x\n", "2:5: property 1: give one of 'never', 'only' and 'tenant-isolation'"],
  ])("refuses %j", (body, message) => {
    expect(() => props(body)).toThrow(`t.yaml:${message}`);
  });
});
