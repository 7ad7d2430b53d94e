import type { AuditContext, Finding } from "../context";
import { allVersions, type AuditRule } from "../rule";
import { tlsBundles } from "../tls";

export const tlsKeyPermissions: AuditRule = {
  id: "tls-key-permissions",
  severity: allVersions("warning"),
  summary: "A TLS private key file is readable by group or others.",
  rationale:
    "Anyone who can read the key can impersonate the node to its peers. EMQX's documentation asks for mode 600, owned by the user EMQX runs as.",
  sources: "cluster-security.md §4.2, §5.3",
  check(ctx: AuditContext): Finding[] {
    const out: Finding[] = [];
    for (const b of tlsBundles(ctx)) {
      const key = b.files.keyfile;
      const mode = key ? ctx.fs.mode(key.resolved) : null;
      if (!key || mode === null || (mode & 0o077) === 0) continue;
      const who = [mode & 0o070 ? "group" : "", mode & 0o007 ? "others" : ""].filter(Boolean).join(" and ");
      out.push({
        id: this.id,
        loc: key.loc,
        message: `${b.name} keyfile ${key.resolved} has mode ${(mode & 0o777).toString(8).padStart(3, "0")} (readable by ${who}); run chmod 600 ${key.resolved}`,
      });
    }
    return out;
  },
};
