import { loadRuleSet } from "@emqx-acl/analysis";
import { describe, expect, it } from "vitest";
import { validateSarif } from "../reporters/sarif-schema.test-support";
import { parseAcceptFile } from "./accept-file";
import { gateDiff, type GateResult } from "./gate-diff";
import { gateMarkdown, cell } from "./gate-markdown";
import { gateSarif } from "./gate-sarif";
import type { GateFile, GateSides } from "./gate-text";

const OLD =
  '{deny, {username, "gu|e`st"}, publish, ["#"]}.\n{allow, all, publish, ["public/#"]}.\n{allow, {username, "ops"}, subscribe, ["ops/#"]}.\n{deny, all}.\n';
const NEW =
  '%% ops lose ops/#\n{allow, all, publish, ["public/#"]}.\n{deny, {username, "gu|e`st"}, publish, ["#"]}.\n{allow, {username, "admin"},\n  subscribe, ["$SYS/#"]}.\n{deny, all}.\n';

const file = (path: string, text: string): GateFile => ({
  path,
  text,
  rules: loadRuleSet(text, { dialect: "v5" }).lowered.ruleSet.rules,
});
const sides: GateSides = { old: file("HEAD:etc/acl.conf", OLD), new: file("etc/acl.conf", NEW), dialect: "v5" };
const run = (accept: string | null): GateResult =>
  gateDiff(
    { oldRules: sides.old.rules, newRules: sides.new.rules, newText: NEW, dialect: "v5" },
    accept === null ? null : parseAcceptFile("accept.yaml", accept),
  );

describe("gate reports", () => {
  it("markdown: verdict, counts, a row per class with witness and deciding rules, cells escaped", () => {
    const md = gateMarkdown(run("accept:\n  - rule: 3\n    reason: the admin | dashboard\n"), sides);
    expect(md).toContain("❌ **1 class of requests newly allowed and not accepted**");
    expect(md).toContain("| 2 | 1 | 1 | 0 |");
    expect(md).toMatch(
      /\| ❌ \| publish "public" qos 0 \| username "gu\\\|e\\`st", clientid .* \| deny \(rule 1, line 1\) \| allow \(rule 1, line 2\) \| \*\*not accepted\*\* \|/,
    );
    expect(md).toMatch(
      /\| ✅ \| subscribe "\$SYS" qos 0 \| username "admin".* \| deny \(rule 4, line 4\) \| allow \(rule 3, line 4\) \| accepted: the admin \\\| dashboard \|/,
    );
    expect(md).toContain("#### Newly denied (reported, not failing)");
    expect(md).not.toContain("accept nothing");
    expect(md).toMatch(
      /\| subscribe "ops" qos 0 \| username "ops".* \| allow \(rule 3, line 3\) \| deny \(rule 4, line 6\) \|/,
    );
  });

  it("markdown: says so when nothing is newly allowed", () => {
    const same = gateMarkdown(
      gateDiff({ oldRules: sides.old.rules, newRules: sides.old.rules, newText: OLD, dialect: "v5" }, null),
      { ...sides, new: sides.old },
    );
    expect(same).toContain("✅ no request is newly allowed");
    expect(same).not.toContain("#### Newly allowed");
  });

  it("markdown: names accepted-changes entries that accept nothing; paths stay inline code", () => {
    const md = gateMarkdown(run("accept:\n  - rule: 9\n    reason: gone\n"), {
      ...sides,
      new: { ...sides.new, path: "etc/a`b_c.conf" },
    });
    expect(md).toContain(
      "accept nothing in this change (stale, or narrower than the access it allows): entry 1 (line 2).",
    );
    expect(md).toContain("### emqx-acl: access changes in `etc/a'b_c.conf`");
  });

  it("cell escapes what would end a cell or start markup", () => {
    expect(cell("a|b`c<script>\n")).toBe("a\\|b\\`c\\<script\\>\\x0a");
  });

  it("sarif: valid SARIF 2.1.0, one result per newly allowed class at the new rule, accepted ones suppressed", () => {
    const log = gateSarif(run("accept:\n  - line: 5\n    reason: admin dashboard\n"), sides, "/repo", "0.1.0") as {
      runs: { results: Record<string, any>[] }[];
    };
    expect(validateSarif(log), JSON.stringify(validateSarif.errors)).toBe(true);
    const results = log.runs[0].results;
    expect(results).toHaveLength(2);
    const [guest, admin] = [...results].sort(
      (a, b) => a.locations[0].physicalLocation.region.startLine - b.locations[0].physicalLocation.region.startLine,
    );
    expect(guest.level).toBe("error");
    expect(guest.suppressions).toBeUndefined();
    expect(guest.message.text).toMatch(
      /^Newly allowed: publish "public" qos 0 by username "gu\|e`st".*Before \(HEAD:etc\/acl\.conf\): deny \(rule 1, line 1\); now: allow \(rule 1, line 2\)\.$/,
    );
    expect(guest.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "etc/acl.conf" },
      region: { startLine: 2, startColumn: 1, endLine: 2, endColumn: 36 },
    });
    expect(admin.level).toBe("note");
    expect(admin.suppressions).toEqual([{ kind: "external", status: "accepted", justification: "admin dashboard" }]);
    expect(admin.locations[0].physicalLocation.region).toMatchObject({ startLine: 4, endLine: 5 });
  });

  it("sarif: fingerprints do not change when unrelated lines move the rule", () => {
    const moved = file("etc/acl.conf", `%% a comment\n\n${NEW}`);
    const s2 = { ...sides, new: moved };
    const r2 = gateDiff({ oldRules: sides.old.rules, newRules: moved.rules, newText: moved.text, dialect: "v5" }, null);
    const prints = (log: any) => log.runs[0].results.map((x: any) => Object.values(x.partialFingerprints)[0]).sort();
    expect(prints(gateSarif(r2, s2, "/repo", "0.1.0"))).toEqual(prints(gateSarif(run(null), sides, "/repo", "0.1.0")));
  });
});
