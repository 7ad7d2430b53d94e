/**
 * The login ACL (`client_info`) in the chain, by hand-built vectors: it comes after the
 * superuser and before every source; a rules list passes on no match, the legacy object
 * denies; an expired ACL denies (EMQX 5: expire > now, 6: expire >= now).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { WireError } from "@emqx-acl/core";
import { chainDecisionToWire, decideChain } from "./decide-chain";
import { explainChain } from "./explain-chain";
import { loadChain } from "./load-chain";
import { fileTree, req } from "./chain.test-support";

function chain(emqx: "v4" | "v5" | "v6", conf: string) {
  const dir = fileTree({ "emqx.conf": conf, "acl.conf": `{allow, all, publish, ["file/#"]}.\n` });
  return loadChain(join(dir, "emqx.conf"), readFileSync(join(dir, "emqx.conf"), "utf8"), { emqx, env: {} });
}
const V5_CONF = `authorization {\n  no_match = deny\n  sources = [{type = file, path = "acl.conf"}]\n}\n`;
const v5 = chain("v5", V5_CONF);
const v6 = chain("v6", V5_CONF);

const RULES = [
  { permission: "allow", action: "publish", topic: "dev/${clientid}/up", qos: [0, 1] },
  { permission: "deny", action: "all", topic: "dev/#" },
];
const wire = (fields: Record<string, unknown>, c = v5) => chainDecisionToWire(decideChain(c, req(fields)));

describe("decideChain: the login ACL as a rules list", () => {
  it("allows by its first matching rule, rendering placeholders as EMQX does", () => {
    expect(wire({ clientid: "c1", topic: "dev/c1/up", qos: 1, acl: RULES })).toBe(
      '{"decision":"allow","stage":{"type":"client_info","rule":1}}',
    );
  });

  it("denies by a later rule (the qos of rule 1 does not match; another client's topic)", () => {
    expect(wire({ clientid: "c1", topic: "dev/c1/up", qos: 2, acl: RULES })).toBe(
      '{"decision":"deny","stage":{"type":"client_info","rule":2}}',
    );
    expect(wire({ clientid: "c1", topic: "dev/c2/up", acl: RULES })).toBe(
      '{"decision":"deny","stage":{"type":"client_info","rule":2}}',
    );
  });

  it("no rule matches: the chain goes on to the sources, then no_match", () => {
    expect(wire({ topic: "file/x", acl: RULES })).toBe(
      '{"decision":"allow","stage":{"source":1,"type":"file","rule":1}}',
    );
    expect(wire({ topic: "other", acl: RULES })).toBe('{"decision":"deny","stage":"no_match"}');
  });

  it("an empty list and an absent acl answer nothing", () => {
    expect(wire({ topic: "file/x", acl: [] })).toBe('{"decision":"allow","stage":{"source":1,"type":"file","rule":1}}');
    expect(wire({ topic: "dev/c/up" })).toBe('{"decision":"deny","stage":"no_match"}');
  });

  it("a superuser is allowed before the login ACL is consulted", () => {
    const deny = [{ permission: "deny", action: "all", topic: "#" }];
    expect(wire({ topic: "x", acl: deny, is_superuser: true })).toBe('{"decision":"allow","stage":"superuser"}');
    expect(wire({ topic: "x", acl: deny })).toBe('{"decision":"deny","stage":{"type":"client_info","rule":1}}');
  });

  it("EMQX 6 reads the raw who keys of a rule (5.8.9 ignores them)", () => {
    const acl = [{ permission: "deny", action: "all", topic: "#", username_re: "^guest" }];
    expect(wire({ username: "admin", topic: "file/x", acl }, v6)).toBe(
      '{"decision":"allow","stage":{"source":1,"type":"file","rule":1}}',
    );
    expect(wire({ username: "admin", topic: "file/x", acl }, v5)).toBe(
      '{"decision":"deny","stage":{"type":"client_info","rule":1}}',
    );
  });
});

describe("decideChain: the legacy {pub, sub, all} login ACL", () => {
  const acl = { pub: ["up/${username}"], sub: ["eq down/#"], all: [] };

  it("allows by the list that matches, named by its key", () => {
    expect(wire({ username: "u", topic: "up/u", acl })).toBe(
      '{"decision":"allow","stage":{"type":"client_info","rule":"pub"}}',
    );
    expect(wire({ action: "subscribe", topic: "down/#", acl })).toBe(
      '{"decision":"allow","stage":{"type":"client_info","rule":"sub"}}',
    );
  });

  it("denies when no list matches: the sources are not consulted", () => {
    expect(wire({ username: "u", topic: "file/x", acl })).toBe(
      '{"decision":"deny","stage":{"type":"client_info","rule":null},"note":"no list of the legacy login ACL matched: that format denies"}',
    );
    // eq: only the filter itself, not what it matches
    expect(wire({ action: "subscribe", topic: "down/x", acl })).toContain('"rule":null');
  });
});

describe("decideChain: an expiring login ACL", () => {
  const acl = [{ permission: "allow", action: "all", topic: "#" }];
  const at = (expire: number, now: number, c = v5) => wire({ topic: "t", acl, acl_expire: expire, now }, c);

  it("decides by its rules while valid; denies once expired", () => {
    expect(at(101, 100)).toBe('{"decision":"allow","stage":{"type":"client_info","rule":1}}');
    expect(at(99, 100)).toBe(
      '{"decision":"deny","stage":{"type":"client_info","rule":null},"note":"the login ACL expired (expire 99, now 100)"}',
    );
  });

  it("at the expiry second: EMQX 5 denies, EMQX 6 still reads the rules", () => {
    expect(at(100, 100)).toContain('"decision":"deny"');
    expect(at(100, 100, v6)).toBe('{"decision":"allow","stage":{"type":"client_info","rule":1}}');
  });

  it("an expiry that is not a whole number denies", () => {
    expect(at(1e12 + 0.5, 100)).toContain("is not a whole number: EMQX denies");
  });

  it("without now, the clock decides", () => {
    expect(wire({ topic: "t", acl, acl_expire: 1 })).toContain('"decision":"deny"');
    expect(wire({ topic: "t", acl, acl_expire: 32503680000 })).toContain('"decision":"allow"');
  });
});

describe("decideChain: a login ACL EMQX would not accept", () => {
  it("a bad rule is a malformed request (EMQX refuses the login), even when expired", () => {
    const bad =
      (acl: unknown, extra: Record<string, unknown> = {}) =>
      () =>
        decideChain(v5, req({ topic: "t", acl, ...extra }));
    expect(bad([{ permission: "allow", action: "pubsub", topic: "t" }])).toThrow(
      new WireError(`"acl" rule 1: invalid_action: "pubsub" (EMQX refuses such a login: bad_acl_rule)`),
    );
    expect(bad([{ permission: "allow", action: "all" }], { acl_expire: 1, now: 2 })).toThrow(/missing_topic_or_topics/);
    expect(bad({ pub: "t/#" })).toThrow(new WireError(`"acl": "pub" must be a list of topic filters (strings)`));
  });

  it("EMQX 4 has no client_info source: refused with a clear message", () => {
    const v4 = chain("v4", "acl_nomatch = deny\nacl_file = acl.conf\n");
    expect(() => decideChain(v4, req({ topic: "t", acl: [] }))).toThrow(/"acl" is for EMQX 5\/6/);
    expect(decideChain(v4, req({ topic: "file/x" })).decision).toBe("allow");
  });
});

describe("explainChain: the login ACL step", () => {
  it("decided, passed, or absent", () => {
    const decided = explainChain(v5, req({ clientid: "c1", topic: "dev/c1/up", acl: RULES }));
    expect([decided.login?.decides, decided.login?.model.format, decided.steps.length]).toEqual([true, "rules", 0]);
    const passed = explainChain(v5, req({ topic: "file/x", acl: RULES }));
    expect([passed.login?.decides, passed.steps.length]).toEqual([false, 1]);
    expect(explainChain(v5, req({ topic: "file/x" })).login).toBeNull();
    expect(explainChain(v5, req({ topic: "x", acl: RULES, is_superuser: true })).login).toBeNull();
  });
});
