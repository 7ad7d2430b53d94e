/**
 * Mountpoints in the chain, by hand-built vectors per version (facts: mountpoint.ts):
 * EMQX 4.4 and 5.8 authorize the topic as sent whatever the mountpoint; master with
 * `authorization.include_mountpoint = true` authorizes the mounted topic (after
 * `$share/G/` and `$delayed/N/` are taken off), login ACL included.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { WireError } from "@emqx-acl/core";
import { chainDecisionToWire, decideChain } from "./decide-chain";
import { explainChain } from "./explain-chain";
import { loadChain } from "./load-chain";
import { mountsAuthorizedTopics } from "./mountpoint";
import { fileTree, req } from "./chain.test-support";

const ACL_V5 = `{allow, all, publish, ["tenant/\${username}/#"]}.\n{deny, all, publish, ["t"]}.\n{allow, all, subscribe, ["tenant/+/t/#"]}.\n`;

function chain(emqx: "v4" | "v5" | "v6", conf: string, acl = ACL_V5) {
  const dir = fileTree({ "emqx.conf": conf, "acl.conf": acl });
  return loadChain(join(dir, "emqx.conf"), readFileSync(join(dir, "emqx.conf"), "utf8"), { emqx, env: {} });
}

const hocon = (authz: string, listener = `mountpoint = "tenant/\${username}/"`) =>
  `listeners.tcp.default {\n  bind = "0.0.0.0:1883"\n  ${listener}\n}\nauthorization {\n  no_match = deny\n  sources = [{type = file, path = "acl.conf"}]\n  ${authz}\n}\n`;

const wire = (c: ReturnType<typeof chain>, fields: Record<string, unknown>) =>
  chainDecisionToWire(decideChain(c, req(fields)));

describe("EMQX 4.4: zone.<z>.mountpoint is applied after the ACL check", () => {
  const v4 = chain(
    "v4",
    "acl_nomatch = deny\nacl_file = acl.conf\nzone.external.mountpoint = devicebound/%u/%c/x%c/\n",
    `{allow, {user, "u"}, publish, ["t"]}.\n`,
  );

  it("decides the topic as sent", () => {
    expect(wire(v4, { username: "u", zone: "external", topic: "t" })).toBe(
      '{"decision":"allow","stage":{"source":1,"type":"file","rule":1}}',
    );
  });

  it("explain shows the zone's mountpoint filled level by level, not applied", () => {
    const e = explainChain(v4, req({ username: "u", clientid: "c1", zone: "external", topic: "t" }));
    expect(e.mount).toMatchObject({
      setting: "zone.external.mountpoint",
      label: "zone external's mountpoint",
      rendered: "devicebound/u/c1/x%c/",
      authorized: "t",
      applied: false,
      why: "EMQX 4.4 authorizes the topic before mounting it",
    });
    expect(e.request.topic).toBe("t");
  });

  it("%u stays without a username; another zone has no mountpoint", () => {
    expect(explainChain(v4, req({ zone: "external", topic: "t" })).mount?.rendered).toBe("devicebound/%u/c/x%c/");
    expect(explainChain(v4, req({ zone: "internal", topic: "t" })).mount).toBeNull();
  });
});

describe("EMQX 5.8: listener mountpoints are applied after authorization", () => {
  it("decides the topic as sent, even with include_mountpoint written (not a 5.8 setting)", () => {
    const v5 = chain("v5", hocon("include_mountpoint = true"));
    expect(wire(v5, { username: "a", topic: "t" })).toBe(
      '{"decision":"deny","stage":{"source":1,"type":"file","rule":2}}',
    );
    expect(v5.warnings).toEqual([
      expect.stringMatching(
        /emqx\.conf:8:24: authorization\.include_mountpoint is not a setting of EMQX 5\.8 \(EMQX 6\.1\.0 added it\)/,
      ),
    ]);
    const e = explainChain(v5, req({ username: "a", topic: "t" }));
    expect(e.mount).toMatchObject({
      setting: "listeners.tcp.default.mountpoint",
      rendered: "tenant/a/",
      applied: false,
      why: "EMQX 5.8 authorizes the topic before mounting it",
    });
  });

  it("fills clientid, username, zone and client attributes; ${peerhost} and unknown names stay", () => {
    const v5 = chain(
      "v5",
      hocon("", `mountpoint = "\${clientid}/\${zone}/\${client_attrs.site}/\${peerhost}/\${foo}/\${username}/\${$}/"`),
    );
    const e = explainChain(v5, req({ clientid: "c1", client_attrs: { site: "s1" }, peerhost: "10.0.0.1", topic: "x" }));
    expect(e.mount?.rendered).toBe("c1/default/s1/${peerhost}/${foo}/${username}/$/");
  });
});

describe("EMQX 6 (master): authorization.include_mountpoint", () => {
  const on = chain("v6", hocon("include_mountpoint = true"));
  const off = chain("v6", hocon(""));

  it("false (the default): the topic as sent is authorized", () => {
    expect(wire(off, { username: "a", topic: "t" })).toBe(
      '{"decision":"deny","stage":{"source":1,"type":"file","rule":2}}',
    );
    expect(explainChain(off, req({ username: "a", topic: "t" })).mount?.why).toBe(
      "authorization.include_mountpoint = false (EMQX's default)",
    );
  });

  it("true: the mounted topic is authorized, and explain says so", () => {
    expect(wire(on, { username: "a", topic: "t" })).toBe(
      '{"decision":"allow","stage":{"source":1,"type":"file","rule":1}}',
    );
    const e = explainChain(on, req({ username: "a", topic: "t" }));
    expect(e.mount).toMatchObject({ authorized: "tenant/a/t", applied: true });
    expect(e.request.topic).toBe("tenant/a/t");
  });

  it("the mountpoint goes after $share/G/ and $delayed/N/ are taken off", () => {
    expect(wire(on, { username: "a", action: "subscribe", topic: "$share/g/t/#" })).toBe(
      '{"decision":"allow","stage":{"source":1,"type":"file","rule":3}}',
    );
    expect(wire(on, { username: "a", topic: "$delayed/10/t" })).toBe(
      '{"decision":"allow","stage":{"source":1,"type":"file","rule":1}}',
    );
    expect(wire(on, { username: "a", topic: "$delayed/10" })).toBe(
      '{"decision":"deny","stage":"refused","note":"invalid $delayed topic"}',
    );
  });

  it("another listener without a mountpoint is not mounted", () => {
    expect(wire(on, { username: "a", listener: "ssl:default", topic: "t" })).toBe(
      '{"decision":"deny","stage":{"source":1,"type":"file","rule":2}}',
    );
  });

  it("the login ACL sees the mounted topic too", () => {
    const acl = [{ permission: "deny", action: "publish", topic: "tenant/a/t" }];
    expect(wire(on, { username: "a", topic: "t", acl })).toBe(
      '{"decision":"deny","stage":{"type":"client_info","rule":1}}',
    );
  });

  it("fills ${peerhost}", () => {
    const c = chain("v6", hocon("include_mountpoint = true", `mountpoint = "\${peerhost}/"`));
    expect(explainChain(c, req({ peerhost: "10.0.0.1", topic: "t" })).mount?.authorized).toBe("10.0.0.1/t");
  });

  it("mqtt.namespace_as_mountpoint mounts the tns attribute when the listener has none", () => {
    const c = chain("v6", `mqtt.namespace_as_mountpoint = true\n${hocon("include_mountpoint = true", "")}`);
    const e = explainChain(c, req({ username: "a", client_attrs: { tns: "tenant/a" }, topic: "t" }));
    expect(e.mount).toMatchObject({ setting: "mqtt.namespace_as_mountpoint", authorized: "tenant/a/t" });
    expect(e.decision.decision).toBe("allow");
    // the listener's own mountpoint wins
    expect(explainChain(on, req({ username: "b", client_attrs: { tns: "n1" }, topic: "t" })).mount?.rendered).toBe(
      "tenant/b/",
    );
  });

  it("mountsAuthorizedTopics: only with include_mountpoint and a mountpoint to apply", () => {
    expect([on, off].map((c) => mountsAuthorizedTopics(c.config.mounts))).toEqual([true, false]);
    const bare = chain("v6", hocon("include_mountpoint = true", ""));
    expect(mountsAuthorizedTopics(bare.config.mounts)).toBe(false);
    expect(mountsAuthorizedTopics(chain("v5", hocon("include_mountpoint = true")).config.mounts)).toBe(false);
  });

  it("a mountpoint that core would read as $share/ again is refused as not modelled", () => {
    const c = chain("v6", hocon("include_mountpoint = true", `mountpoint = "$share/x/"`));
    expect(() => decideChain(c, req({ action: "subscribe", topic: "t" }))).toThrow(WireError);
  });
});
