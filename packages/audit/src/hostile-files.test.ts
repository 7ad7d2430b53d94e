/**
 * Files a hostile or broken configuration points at: /dev/zero, a FIFO nobody writes to and
 * a sparse multi-gigabyte file, as include, acl path and certfile. The audit must neither
 * hang nor read them, and must say which file it skipped and why.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { auditConfig } from "./audit";
import { MAX_ACL_BYTES } from "./context";
import { nodeAuditFs, readBounded } from "./node-fs";

const dir = mkdtempSync(join(tmpdir(), "emqx-hostile-"));
const fifo = join(dir, "fifo");
const sparse = join(dir, "sparse");
execFileSync("mkfifo", [fifo]);
execFileSync("truncate", ["-s", "3G", sparse]);

const HOSTILE = {
  "/dev/zero": /character device, not a regular file/,
  [fifo]: /a FIFO, not a regular file/,
  [sparse]: /3072\.0 MiB, over the 8\.0 MiB limit/,
};

function audit(conf: string) {
  const path = join(dir, "emqx.conf");
  writeFileSync(path, conf);
  return auditConfig(path, conf, nodeAuditFs, { emqx: "v5" });
}

function all(result: ReturnType<typeof audit>) {
  return result.files.flatMap((f) => f.diagnostics.map((d) => ({ file: f.path, ...d })));
}

describe("files that are not small regular files", () => {
  it("readBounded refuses them without reading", () => {
    for (const [path, why] of Object.entries(HOSTILE)) {
      const r = readBounded(path, 8 << 20);
      expect("refused" in r && r.refused, path).toMatch(why);
    }
    expect(readBounded(join(dir, "absent"), 10)).toEqual({ missing: true });
  });

  it.each(Object.keys(HOSTILE))("%s as include: an error at the include naming the file", (path) => {
    const d = all(audit(`include "${path}"\nnode.cookie = "Vq3x9TgLk2Pz7RwYb4NcHs8Jm"\n`));
    const refused = d.find((x) => x.id === "hocon-include-refused");
    expect(refused?.message).toContain(path);
    expect(refused?.message).toMatch(HOSTILE[path]);
    expect(refused?.range.start).toEqual({ line: 0, character: 8 });
  });

  it.each(Object.keys(HOSTILE))("%s as acl path and certfile: a file-refused finding at the setting", (path) => {
    const conf = `rpc { protocol = ssl, certfile = "${path}", keyfile = "${path}", cacertfile = "${path}" }
authorization.sources = [{ type = file, path = "${path}" }]
`;
    const refused = all(audit(conf)).filter((x) => x.id === "file-refused");
    // one finding per file, at the first setting that named it (rpc.certfile, line 1)
    expect(refused).toHaveLength(1);
    expect(refused[0].message).toMatch(HOSTILE[path]);
    expect(refused[0].message).toContain(path);
    expect(refused[0].range.start.line).toBe(0);
  });

  it("EMQX 4 include: conf-include-refused at the include", () => {
    const path = join(dir, "v4.conf");
    const conf = `node.cookie = Vq3x9TgLk2Pz7RwYb4NcHs8Jm\ninclude ${fifo}\n`;
    writeFileSync(path, conf);
    const d = all(auditConfig(path, conf, nodeAuditFs, { emqx: "v4" })).find((x) => x.id === "conf-include-refused");
    expect(d?.message).toBe(`not reading the include ${fifo}: a FIFO, not a regular file`);
  });

  it("an acl file over the config limit but under its own is read once and framed, not refused", () => {
    const acl = join(dir, "large-acl.conf");
    writeFileSync(acl, `${"% padding\n".repeat(1_000_000)}{allow, all}.\n`);
    const r = audit(`authorization.sources = [{ type = file, path = "${acl}" }]\n`);
    const file = r.files.find((f) => f.path === acl);
    expect(file?.diagnostics.map((d) => d.id)).toContain("acl-final-allow-all");
    expect(file?.text.length).toBeGreaterThan(8 << 20);
    expect(all(r).filter((x) => x.id === "file-refused")).toEqual([]);
  });

  it("acl files get a larger limit than certificates", () => {
    const big = join(dir, "big-acl.conf");
    execFileSync("truncate", ["-s", String(MAX_ACL_BYTES + 1), big]);
    const d = all(audit(`authorization.sources = [{ type = file, path = "${big}" }]\n`)).filter(
      (x) => x.id === "file-refused",
    );
    expect(d.map((x) => x.message)).toEqual([expect.stringMatching(/over the 64\.0 MiB limit/)]);
  });
});
