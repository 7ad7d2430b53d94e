import type { AuditContext, Finding } from "../context";
import { allVersions, type AuditRule } from "../rule";
import { certFindings } from "./tls-cert-expired";
import { oneLine } from "./tls-cert-not-signed-by-ca";

const DAY = 86_400_000;

export const tlsCertExpiring: AuditRule = {
  id: "tls-cert-expiring",
  severity: allVersions("warning"),
  summary: "A certificate expires soon (default: within 30 days).",
  rationale: "When it expires, verifying peers reject it and cluster links fail; renew and roll it out before then.",
  sources: "cluster-security.md §4.2, §5.3",
  check(ctx: AuditContext): Finding[] {
    const now = ctx.now.getTime();
    return certFindings(ctx, (cert, ref, name) => {
      const to = new Date(cert.validTo).getTime();
      if (to < now || to - now > ctx.expiryDays * DAY) return null;
      const days = Math.floor((to - now) / DAY);
      return `${name} ${ref.role} ${ref.resolved}: certificate ${oneLine(cert.subject)} expires in ${days} day${days === 1 ? "" : "s"} (${new Date(to).toISOString()})`;
    }).map((f) => ({ ...f, id: this.id }));
  },
};
