/**
 * Issue 16: long but legal input that EMQX loads is decided, never a stack overflow (exit 3):
 * a topic of 3,505 levels, 3,655 placeholders, 798 nested capturing regex groups (the most
 * re:compile accepts: OTP 25 refuses the 799th, "regular expression is too complicated";
 * this test held 1,310 until that was measured), and deeper input is refused or left
 * unknown, still without a stack overflow.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runBuiltCli } from "./support/cli";

const levels = Array.from({ length: 3505 }, (_, i) => `l${i}`).join("/");
const FILES: Record<string, string> = {
  "levels.conf": `{allow, all, publish, ["${levels}"]}.\n{deny, all}.\n`,
  "placeholders.conf": `{allow, all, publish, ["${Array.from({ length: 3655 }, () => "${username}").join("/")}"]}.\n{deny, all}.\n`,
  "groups.conf": `{allow, {username, {re, "^${"(".repeat(798)}a${")".repeat(798)}$"}}, publish, ["t"]}.\n{deny, all}.\n`,
};

/** What EMQX refuses or this tool cannot follow: reported, never a crash. */
const TOO_DEEP: Record<string, { text: string; id: string }> = {
  "captures.conf": {
    text: `{allow, {username, {re, "^${"(".repeat(1310)}a${")".repeat(1310)}$"}}, publish, ["t"]}.\n{deny, all}.\n`,
    id: "schema-invalid-regex",
  },
  "groups-3000.conf": {
    text: `{allow, {username, {re, "^${"(?:".repeat(3000)}a${")".repeat(3000)}$"}}, publish, ["t"]}.\n{deny, all}.\n`,
    id: "regex-unsupported",
  },
};

describe("deep input is decided, not a stack overflow", () => {
  let work: string;
  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), "emqx-acl-deep-"));
    for (const [name, text] of Object.entries(FILES)) writeFileSync(join(work, name), text);
    for (const [name, { text }] of Object.entries(TOO_DEEP)) writeFileSync(join(work, name), text);
    const req = (username: string, topic: string) =>
      JSON.stringify({
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
        topic,
      });
    writeFileSync(
      join(work, "requests.jsonl"),
      `${req("a", levels)}\n${req("u", Array.from({ length: 3655 }, () => "u").join("/"))}\n${req("a", "t")}\n`,
    );
  });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  for (const [name, { id }] of Object.entries(TOO_DEEP)) {
    it(`${name}: ${id}`, () => {
      const lint = runBuiltCli(["lint", "--dialect", "v5", "--format", "json", name], { cwd: work });
      expect(lint.stderr).not.toMatch(/internal error|call stack/);
      expect([0, 1]).toContain(lint.code);
      const diagnostics = JSON.parse(lint.stdout).files[0].diagnostics as { id: string; message: string }[];
      expect(diagnostics.map((d) => d.id)).toContain(id);
    });
  }

  for (const name of Object.keys(FILES)) {
    it(name, () => {
      const lint = runBuiltCli(["lint", "--dialect", "v5", "--format", "json", name], { cwd: work });
      expect(lint.stderr).not.toMatch(/internal error|call stack/);
      expect([0, 1]).toContain(lint.code);
      const ids = JSON.parse(lint.stdout).files[0].diagnostics.map((d: { id: string }) => d.id);
      expect(ids).not.toContain("analysis-incomplete");
      const analyze = runBuiltCli(["analyze", "--engine", "v5", "--format", "json", name], { cwd: work });
      expect(analyze.code, analyze.stderr).toBe(0);
      const rules = JSON.parse(analyze.stdout).rules as { status: string }[];
      expect(rules[0].status).toBe("reachable");
      const check = runBuiltCli(["check", "--engine", "v5", name, "requests.jsonl"], { cwd: work });
      expect(check.code, check.stderr).toBe(0);
      expect(
        check.stdout
          .trim()
          .split("\n")
          .map((l) => JSON.parse(l).rule),
      ).toContain(1);
    });
  }
});
