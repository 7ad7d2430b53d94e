/**
 * End to end: the built CLI's `check` decides rules whose regexes read Unicode properties
 * and `\X` as EMQX does on Erlang's PCRE 8 (Unicode 7.0 tables, issue #17). The expected
 * decisions come from re:run in erl on the same names, first matching rule wins; the names
 * mix characters Unicode assigned after 7.0 (🥺, Cherokee small letters) with older ones.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { erlAvailable, erlDecide } from "../packages/core/src/regex/erl-oracle";
import { runBuiltCli } from "./support/cli";

const RULES: { permission: "allow" | "deny"; field: "username" | "clientid"; re: string }[] = [
  { permission: "allow", field: "username", re: "(*UTF8)^\\p{So}+$" },
  { permission: "deny", field: "clientid", re: "(*UTF8)^\\X{2}$" },
  { permission: "allow", field: "username", re: "(*UTF8)(*UCP)^\\w+$" },
  { permission: "deny", field: "clientid", re: "(*UTF8)^\\p{Cherokee}" },
];
const NAMES = [
  "🥺",
  "☃☃",
  "e\u0301",
  "ab",
  "Жж",
  "\uab70",
  "\u13a0x",
  "\u13a1ab",
  "😀",
  "a\u{1f3fb}",
  "\u1100\u1161",
  "x_1",
];
const u8 = (s: string) => Buffer.from(s, "utf8").toString("latin1");

describe("check: Unicode classes and \\X in regexes, against erl", () => {
  const dir = mkdtempSync(join(tmpdir(), "emqx-acl-unicode-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("has erl available", () => {
    expect(erlAvailable()).toBe(true);
  });

  it("answers every request as first-match over erl's regex verdicts", () => {
    const acl = RULES.map((r) => `{${r.permission}, {${r.field}, {re, ${JSON.stringify(r.re)}}}, publish, ["t"]}.`);
    writeFileSync(join(dir, "acl.conf"), [...acl, "{deny, all}.", ""].join("\n"));
    const requests = NAMES.flatMap((username) => NAMES.map((clientid) => ({ username, clientid })));
    writeFileSync(
      join(dir, "requests.jsonl"),
      requests
        .map((r) =>
          JSON.stringify({ ...r, peerhost: "10.0.0.1", action: "publish", qos: 0, retain: false, topic: "t" }),
        )
        .join("\n") + "\n",
    );
    const verdicts = erlDecide(RULES.map((r) => ({ pattern: r.re, subjects: requests.map((q) => u8(q[r.field])) })));
    const expected = requests.map((_, k) => {
      const hit = RULES.findIndex((_, i) => {
        const v = verdicts[i];
        return v.kind === "ok" && v.matches[k] === true;
      });
      const rule = hit < 0 ? RULES.length : hit;
      return JSON.stringify({ decision: hit < 0 ? "deny" : RULES[hit].permission, rule: rule + 1 });
    });
    const r = runBuiltCli(["check", "--emqx", "5", "acl.conf", "requests.jsonl"], { cwd: dir });
    expect(r.stderr).toBe("");
    expect(r.stdout.trim().split("\n")).toEqual(expected);
    // every rule decides some request here
    expect(new Set(expected.map((l) => JSON.parse(l).rule)).size).toBe(RULES.length + 1);
  });
});
