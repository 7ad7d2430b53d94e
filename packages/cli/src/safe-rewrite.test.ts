import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeTemp } from "./safe-rewrite";

describe("writeTemp", () => {
  it("never follows a link planted at the temporary name (O_EXCL): the link's target is untouched", () => {
    const dir = mkdtempSync(join(tmpdir(), "emqx-acl-tmp-"));
    try {
      const victim = join(dir, "victim");
      writeFileSync(victim, "keep me\n");
      const planted = join(dir, ".acl.conf.tmp");
      symlinkSync(victim, planted);
      expect(() => writeTemp(planted, Buffer.from("attacker\n"), 0o600)).toThrow(/EEXIST/);
      expect(readFileSync(victim, "utf8")).toBe("keep me\n");
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
