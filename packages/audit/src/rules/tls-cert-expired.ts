import type { AuditContext, Finding } from "../context";
import { allVersions, type AuditRule } from "../rule";
import { readCerts, tlsBundles, type TlsFileRef } from "../tls";
import { oneLine } from "./tls-cert-not-signed-by-ca";

export const tlsCertExpired: AuditRule = {
  id: "tls-cert-expired",
  severity: allVersions("warning"),
  summary: "A certificate in a certfile or cacertfile has expired (or is not yet valid).",
  rationale: "Peers that verify (gen_rpc always does) reject expired certificates, so cluster links fail.",
  sources: "cluster-security.md §4.2, §5.3",
  check(ctx: AuditContext): Finding[] {
    return certFindings(ctx, (cert, ref, name) => {
      const from = new Date(cert.validFrom);
      const to = new Date(cert.validTo);
      if (to.getTime() < ctx.now.getTime()) {
        return `${name} ${ref.role} ${ref.resolved}: certificate ${oneLine(cert.subject)} expired on ${to.toISOString()}`;
      }
      if (from.getTime() > ctx.now.getTime()) {
        return `${name} ${ref.role} ${ref.resolved}: certificate ${oneLine(cert.subject)} is not valid before ${from.toISOString()}`;
      }
      return null;
    }).map((f) => ({ ...f, id: this.id }));
  },
};

/** Applies `test` to every certificate of every certfile/cacertfile in use; one finding per hit. */
export function certFindings(
  ctx: AuditContext,
  test: (cert: import("node:crypto").X509Certificate, ref: TlsFileRef, bundle: string) => string | null,
): Finding[] {
  const out: Finding[] = [];
  for (const b of tlsBundles(ctx)) {
    for (const ref of [b.files.certfile, b.files.cacertfile]) {
      if (!ref) continue;
      for (const cert of readCerts(ctx, ref)) {
        const message = test(cert, ref, b.name);
        if (message) out.push({ id: "", loc: ref.loc, message });
      }
    }
  }
  return out;
}
