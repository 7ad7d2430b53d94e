/**
 * Hand-built vectors for the login ACL (`client_info`) stage: for each, check --config's
 * JSON line and explain --config's text, from the same chain and request.
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { chainDecisionToWire, decideChain, explainChain, loadChain } from "@emqx-acl/chain";
import { parseWireLine } from "@emqx-acl/core";
import { formatChainPretty } from "./chain-explanation";

const dir = mkdtempSync(join(tmpdir(), "login-acl-"));
const CONF = `authorization {\n  no_match = deny\n  cache.enable = false\n  sources = [{type = file, path = "acl.conf"}]\n}\n`;
writeFileSync(join(dir, "emqx.conf"), CONF);
writeFileSync(join(dir, "acl.conf"), `{allow, all, publish, ["file/#"]}.\n`);
const chain = loadChain(join(dir, "emqx.conf"), CONF, { emqx: "v5", env: {} });

const RULES = [
  { permission: "allow", action: "publish", topic: "up/${username}" },
  { permission: "deny", action: "all", topic: "up/#" },
];

/** check's line and explain's text for one request. */
function both(fields: Record<string, unknown>): { check: string; explain: string } {
  const request = parseWireLine(JSON.stringify({ action: "publish", ...fields }));
  return {
    check: chainDecisionToWire(decideChain(chain, request)),
    explain: formatChainPretty(explainChain(chain, request), chain, request),
  };
}

describe("the login ACL in check --config and explain --config", () => {
  it("allows: the rule, read as an acl.conf rule", () => {
    expect(both({ username: "u", topic: "up/u", acl: RULES })).toEqual({
      check: '{"decision":"allow","stage":{"type":"client_info","rule":1}}',
      explain: [
        "decision: allow — login ACL (JWT/HTTP acl) rule 1 decided",
        '  read as the acl.conf rule: {allow, all, publish, ["up/${username}"]}',
        "",
      ].join("\n"),
    });
  });

  it("denies: and why the rule before it did not match", () => {
    expect(both({ username: "u", topic: "up/v", acl: RULES })).toEqual({
      check: '{"decision":"deny","stage":{"type":"client_info","rule":2}}',
      explain: [
        "decision: deny — login ACL (JWT/HTTP acl) rule 2 decided",
        '  read as the acl.conf rule: {deny, all, all, ["up/#"]}',
        '  before it, rule 1: topic — no topic of the rule matches: "up/${username}" rendered as "up/u"',
        "deny_action = ignore: the message is dropped (QoS 1/2 acknowledged with 0x87); the client stays connected",
        "",
      ].join("\n"),
    });
  });

  it("no rule matches: the sources decide, and the login ACL is listed as passed", () => {
    expect(both({ topic: "file/x", acl: RULES })).toEqual({
      check: '{"decision":"allow","stage":{"source":1,"type":"file","rule":1}}',
      explain: [
        `decision: allow by source 1 (file) rule 1 (${join(dir, "acl.conf")}:1)`,
        '  1 | {allow, all, publish, ["file/#"]}.',
        `    | ${"^".repeat(33)}`,
        "earlier sources:",
        "  login ACL (JWT/HTTP acl): no rule matched (2 rules); the chain went on",
        "",
      ].join("\n"),
    });
  });

  it("absent: nothing about it", () => {
    const r = both({ topic: "up/u" });
    expect(r.check).toBe('{"decision":"deny","stage":"no_match"}');
    expect(r.explain).not.toContain("login ACL");
  });

  it("the legacy format: a list decides, or nothing matched and it denies", () => {
    const acl = { pub: ["a"], sub: ["b"] };
    expect(both({ action: "subscribe", topic: "b", acl })).toEqual({
      check: '{"decision":"allow","stage":{"type":"client_info","rule":"sub"}}',
      explain: [
        'decision: allow — login ACL (JWT/HTTP acl) "sub" list decided',
        '  read as the acl.conf rule: {allow, all, subscribe, ["b"]}',
        '  before it, "pub" list: action — the rule covers publish only, this is a subscribe',
        "",
      ].join("\n"),
    });
    const none = both({ topic: "file/x", acl });
    expect(none.check).toBe(
      '{"decision":"deny","stage":{"type":"client_info","rule":null},"note":"no list of the legacy login ACL matched: that format denies"}',
    );
    expect(none.explain.split("\n")[0]).toBe(
      "decision: deny by the login ACL (JWT/HTTP acl) — no list of the legacy login ACL matched: that format denies",
    );
  });

  it("expired", () => {
    const r = both({ topic: "up/u", username: "u", acl: RULES, acl_expire: 10, now: 10 });
    expect(r.check).toBe(
      '{"decision":"deny","stage":{"type":"client_info","rule":null},"note":"the login ACL expired (expire 10, now 10)"}',
    );
    expect(r.explain.split("\n")[0]).toBe(
      "decision: deny by the login ACL (JWT/HTTP acl) — the login ACL expired (expire 10, now 10)",
    );
  });

  it("a superuser: still first", () => {
    const r = both({ topic: "up/v", username: "u", acl: RULES, is_superuser: true });
    expect(r.check).toBe('{"decision":"allow","stage":"superuser"}');
    expect(r.explain).toBe("decision: allow — the client is a superuser: EMQX consults no source\n");
  });
});
