import { loadRuleSet } from "@emqx-acl/analysis";
import { compileDecider, fromBytes, type Request } from "@emqx-acl/core";
import { describe, expect, it } from "vitest";
import { proveProperty } from "./prove-property";
import type { Property } from "./property-spec";

const SYS: Property = {
  name: "p",
  at: { line: 1, column: 1 },
  action: "subscribe",
  topic: "$SYS/#",
  unless: { username: { re: "^dashboard$" } },
};

function verdict(acl: string, p: Property = SYS, dialect: "v5" | "v6" | "v4" = "v5") {
  const rs = loadRuleSet(acl, { dialect }).lowered.ruleSet;
  expect(rs.loadError).toBeNull();
  return { v: proveProperty(p, rs, acl, "legacy"), rs };
}

/** Every request of a small grid: the property holds on each (an independent check of "proved"). */
function gridAgrees(acl: string, p: Property, allowedInRegion: (r: Request) => boolean): void {
  const rs = loadRuleSet(acl, { dialect: "v5" }).lowered.ruleSet;
  const engine = compileDecider(rs);
  for (const username of [null, "dashboard", "$SYS", "bob", "dashboard2"])
    for (const peerhost of [null, "127.0.0.1", "10.0.0.1"])
      for (const topic of ["$SYS/brokers", "$SYS/#", "$SYS", "a/b", "#", "+/#", "bob/x", "$SYS/x/y"]) {
        const r: Request = {
          username,
          clientid: "c",
          peerhost,
          zone: "default",
          listener: "tcp:default",
          cert_common_name: null,
          client_attrs: {},
          action: p.action,
          qos: 0,
          retain: false,
          topic,
        };
        if (allowedInRegion(r)) expect(engine.decide(r).decision, `${username} ${peerhost} ${topic}`).not.toBe("allow");
      }
}

const inSysUnlessDashboard = (r: Request) =>
  (r.topic === "$SYS" || r.topic.startsWith("$SYS/")) && r.username !== "dashboard";

describe("proveProperty", () => {
  it("finds EMQX's default file lets 127.0.0.1 read $SYS, with a witness the engine allows", () => {
    const acl = `{allow, {username, {re, "^dashboard$"}}, subscribe, ["$SYS/#"]}.\n{allow, {ipaddr, "127.0.0.1"}, all, ["$SYS/#", "#"]}.\n{deny, all, subscribe, ["$SYS/#", {eq, "#"}, {eq, "+/#"}]}.\n{allow, all}.\n`;
    const { v } = verdict(acl);
    expect(v, JSON.stringify(v)).toMatchObject({ status: "violated" });
    if (v.status !== "violated") return;
    expect(v.decision).toEqual({ decision: "allow", rule: 2 });
    expect(v.witness.peerhost).toBe("127.0.0.1");
    expect(fromBytes(v.witness.topic).startsWith("$SYS")).toBe(true);
    expect(v.witness.username).not.toBe("dashboard");
  });

  it("proves it once the loopback rule is gone: the deny shields the final allow", () => {
    const acl = `{allow, {username, {re, "^dashboard$"}}, subscribe, ["$SYS/#"]}.\n{deny, all, subscribe, ["$SYS/#", {eq, "#"}, {eq, "+/#"}]}.\n{allow, all}.\n`;
    expect(verdict(acl).v).toEqual({ status: "proved" });
    gridAgrees(acl, SYS, inSysUnlessDashboard);
  });

  it("proves it for '#' and '+/#' rules: EMQX 5 wildcards never match a $ topic", () => {
    const acl = `{allow, all, subscribe, ["#", "+/#", "a/#"]}.\n{deny, all}.\n`;
    expect(verdict(acl).v).toEqual({ status: "proved" });
    gridAgrees(acl, SYS, inSysUnlessDashboard);
  });

  it("is unknown, never proved, when a placeholder topic cannot be narrowed to the filter", () => {
    // a client named "$SYS" may subscribe to "$SYS/#": not proved; the witness search is not exact here
    const acl = `{allow, all, subscribe, ["\${username}/#"]}.\n{deny, all}.\n`;
    const { v } = verdict(acl);
    expect(v.status).not.toBe("proved");
    if (v.status === "unknown")
      expect(v.reason).toContain("its topic '${username}/#' could not be narrowed to '$SYS/#'");
    const engine = compileDecider(loadRuleSet(acl, { dialect: "v5" }).lowered.ruleSet);
    const r: Request = {
      username: "$SYS",
      clientid: "c",
      peerhost: null,
      zone: "default",
      listener: "tcp:default",
      cert_common_name: null,
      client_attrs: {},
      action: "subscribe",
      qos: 0,
      retain: false,
      topic: "$SYS/brokers",
    };
    expect(engine.decide(r).decision).toBe("allow");
  });

  it("a username starting with $ renders a $ topic that an earlier '#' misses: never a proof", () => {
    // the engine allows username "$SYS" on "$SYS/x": the analysis finds rule 2 reachable past
    // rule 1's '#' (with a '$' username); narrowing '${username}/#' to '$SYS/#' is not modelled
    const acl = `{deny, all, all, ["#"]}.\n{allow, all, subscribe, ["\${username}/#"]}.\n`;
    const { v } = verdict(acl);
    expect(v.status).not.toBe("proved");
    if (v.status === "unknown") expect(v.reason).toContain("could not be narrowed to '$SYS/#'");
  });

  it("unless: the dashboard itself is no counterexample", () => {
    const acl = `{allow, {username, "dashboard"}, subscribe, ["$SYS/#"]}.\n{deny, all}.\n`;
    expect(verdict(acl).v).toEqual({ status: "proved" });
    expect(verdict(acl, { ...SYS, unless: null }).v.status).toBe("violated");
  });

  it("checks publish properties and leaves subscribe rules out of them", () => {
    const acl = `{allow, all, subscribe, ["cmd/#"]}.\n{allow, {clientid, "ctl"}, publish, ["cmd/+"]}.\n{deny, all}.\n`;
    const p: Property = { ...SYS, action: "publish", topic: "cmd/#", unless: { clientid: { exact: "ctl" } } };
    expect(verdict(acl, p).v).toEqual({ status: "proved" });
    const q: Property = { ...p, unless: null };
    const v = verdict(acl, q).v;
    expect(v.status === "violated" && v.witness.clientid === "ctl" && v.decision.rule === 2).toBe(true);
  });

  it("EMQX 4: '#' reaches $SYS, a %u level may render to it; a regex unless is unknown (no regex names in 4)", () => {
    const dashboard: Property = { ...SYS, unless: { username: { exact: "dashboard" } } };
    const sys = verdict(
      `{allow, {user, "dashboard"}, subscribe, ["$SYS/#"]}.\n{allow, all, subscribe, ["#"]}.\n`,
      dashboard,
      "v4",
    );
    expect(sys.v.status === "violated" && sys.v.witness.username !== "dashboard" && sys.v.decision.rule === 2).toBe(
      true,
    );
    expect(verdict(`{allow, {user, "dashboard"}, subscribe, ["$SYS/#"]}.\n{deny, all}.\n`, dashboard, "v4").v).toEqual({
      status: "proved",
    });
    // the same file in EMQX 5: '#' no longer reaches $SYS
    expect(verdict(`{allow, all, subscribe, ["#"]}.\n`, dashboard, "v5").v).toEqual({ status: "proved" });
    const template = verdict(`{allow, all, subscribe, ["%u/#"]}.\n{deny, all, pubsub, ["#"]}.\n`, dashboard, "v4");
    expect(template.v.status).not.toBe("proved");
    expect(verdict(`{allow, all, subscribe, ["#"]}.\n`, SYS, "v4").v).toMatchObject({
      status: "unknown",
      reason: expect.stringContaining("no regular expressions on names"),
    });
  });

  describe("tenant isolation: no client reaches another tenant's tree", () => {
    const tenants = (action: "publish" | "subscribe"): Property => ({
      name: "t",
      at: { line: 1, column: 1 },
      action,
      topic: "t/+/#",
      unless: null,
      own: { attribute: "tenant", topics: "t/${client_attrs.tenant}/#" },
    });
    const both = (acl: string) => (["publish", "subscribe"] as const).map((a) => verdict(acl, tenants(a)).v);

    it("is proved when each client only has its own tree, by template or by a rule per tenant", () => {
      expect(both(`{allow, all, all, ["t/\${client_attrs.tenant}/#"]}.\n{deny, all}.\n`)).toEqual([
        { status: "proved" },
        { status: "proved" },
      ]);
      const perTenant = `{allow, {client_attr, "tenant", "acme"}, all, ["t/acme/#"]}.\n{allow, {client_attr, "tenant", "globex"}, publish, ["t/globex/in"]}.\n`;
      expect(both(perTenant)).toEqual([{ status: "proved" }, { status: "proved" }]);
    });

    it("is violated by a tenant's rule over every tree, a shared wildcard and a username template", () => {
      const [pub, sub] = both(
        `{allow, all, all, ["t/\${client_attrs.tenant}/#"]}.\n{allow, {client_attr, "tenant", "acme"}, subscribe, ["t/+/status"]}.\n`,
      );
      expect(pub).toEqual({ status: "proved" });
      expect(sub.status === "violated" && sub.witness.client_attrs.tenant === "acme" && sub.decision.rule === 2).toBe(
        true,
      );
      const [, all] = both(`{allow, all, subscribe, ["t/#"]}.\n`);
      expect(all.status).toBe("violated");
      if (all.status === "violated") expect(all.witness.topic.split("/")[1]).not.toBe(all.witness.client_attrs.tenant);
      const [byName] = both(`{allow, all, all, ["t/\${username}/#"]}.\n`);
      expect(byName.status).toBe("violated");
    });

    it("is unknown in EMQX 4, which has no client attributes", () => {
      expect(verdict(`{allow, all, pubsub, ["t/#"]}.\n`, tenants("publish"), "v4").v).toMatchObject({
        status: "unknown",
        reason: expect.stringContaining("no client attributes"),
      });
    });
  });
});
