import type { AuditContext, Finding } from "../context";
import { allVersions, type AuditRule } from "../rule";
import { chainsTo, readCerts, tlsBundles } from "../tls";

export const tlsCertNotSignedByCa: AuditRule = {
  id: "tls-cert-not-signed-by-ca",
  severity: allVersions("warning"),
  summary: "The certificate does not chain to the configured CA file.",
  rationale:
    "Peers verify this node's certificate against the same cacertfile (gen_rpc always verifies; TLS distribution does with verify_peer), so a certificate from another CA makes every cluster connection fail.",
  sources: "cluster-security.md §4.2, §5.3",
  check(ctx: AuditContext): Finding[] {
    const out: Finding[] = [];
    for (const b of tlsBundles(ctx)) {
      const { certfile, cacertfile } = b.files;
      if (!certfile || !cacertfile) continue;
      const [leaf, ...intermediates] = readCerts(ctx, certfile);
      const cas = readCerts(ctx, cacertfile);
      if (!leaf || cas.length === 0 || chainsTo(leaf, intermediates, cas)) continue;
      out.push({
        id: this.id,
        loc: certfile.loc,
        message: `${b.name} certfile ${certfile.resolved} (subject ${oneLine(leaf.subject)}, issuer ${oneLine(leaf.issuer)}) is not signed by a CA in ${cacertfile.resolved}`,
        related: [
          {
            loc: cacertfile.loc,
            message: `CA file ${cacertfile.resolved}: ${cas.map((c) => oneLine(c.subject)).join("; ")}`,
          },
        ],
      });
    }
    return out;
  },
};

export function oneLine(dn: string): string {
  return dn.split("\n").join(", ");
}
