/** Include chains on a real file system: a deep chain is read to the bottom; a symlinked cycle is one file. */
import { mkdtempSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { auditConfig } from "./audit";
import { nodeAuditFs } from "./node-fs";

describe("audit include chains", () => {
  it("the default cookie 15 includes down is found", () => {
    const dir = mkdtempSync(join(tmpdir(), "emqx-chain-"));
    for (let i = 1; i < 15; i++) writeFileSync(join(dir, `f${i}.conf`), `include "f${i + 1}.conf"\n`);
    writeFileSync(join(dir, "f15.conf"), `node.cookie = "emqxsecretcookie"\n`);
    const text = `include "f1.conf"\n`;
    const r = auditConfig(join(dir, "emqx.conf"), text, nodeAuditFs, { emqx: "v5" });
    const all = r.files.flatMap((f) => f.diagnostics.map((d) => `${d.id}@${f.path.slice(dir.length + 1)}`));
    expect(all).toContain("cookie-default@f15.conf");
    expect(all.filter((x) => x.startsWith("hocon-include"))).toEqual([]);
  });

  it("a file reached again through a symlink is a cycle", () => {
    const dir = mkdtempSync(join(tmpdir(), "emqx-chain-"));
    writeFileSync(join(dir, "emqx.conf"), `include "a.conf"\n`);
    writeFileSync(join(dir, "a.conf"), `include "link.conf"\n`);
    symlinkSync(join(dir, "emqx.conf"), join(dir, "link.conf"));
    const r = auditConfig(join(dir, "emqx.conf"), `include "a.conf"\n`, nodeAuditFs, { emqx: "v5" });
    const cycle = r.files.flatMap((f) => f.diagnostics).find((d) => d.id === "hocon-include-cycle");
    expect(cycle?.message).toMatch(/^include cycle: .*emqx\.conf -> .*a\.conf -> .*link\.conf$/);
  });
});
