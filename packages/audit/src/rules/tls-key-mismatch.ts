import type { AuditContext, Finding } from "../context";
import { allVersions, type AuditRule } from "../rule";
import { keyMatches, readCerts, tlsBundles } from "../tls";

export const tlsKeyMismatch: AuditRule = {
  id: "tls-key-mismatch",
  severity: allVersions("warning"),
  summary: "The keyfile does not belong to the certfile, or neither holds what it should.",
  rationale:
    "TLS handshakes fail when the private key does not match the certificate; an unreadable PEM fails the same way.",
  sources: "cluster-security.md §5.3",
  check(ctx: AuditContext): Finding[] {
    const out: Finding[] = [];
    for (const b of tlsBundles(ctx)) {
      const { certfile, keyfile } = b.files;
      for (const ref of [certfile, b.files.cacertfile]) {
        if (ref && ctx.readFile(ref.resolved, ref.loc) !== null && readCerts(ctx, ref).length === 0) {
          out.push({
            id: this.id,
            loc: ref.loc,
            message: `${b.name} ${ref.role} ${ref.resolved} holds no readable PEM certificate`,
          });
        }
      }
      const keyPem = keyfile ? ctx.readFile(keyfile.resolved, keyfile.loc) : null;
      const [leaf] = certfile ? readCerts(ctx, certfile) : [];
      if (!keyfile || keyPem === null || !leaf) continue;
      const match = keyMatches(leaf, keyPem);
      if (match === null)
        out.push({
          id: this.id,
          loc: keyfile.loc,
          message: `${b.name} keyfile ${keyfile.resolved} holds no readable PEM private key`,
        });
      else if (!match)
        out.push({
          id: this.id,
          loc: keyfile.loc,
          message: `${b.name} keyfile ${keyfile.resolved} does not match the certificate in ${certfile!.resolved}`,
        });
    }
    return out;
  },
};
