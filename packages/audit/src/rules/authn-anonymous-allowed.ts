import type { AuditContext, Finding } from "../context";
import { allVersions, type AuditRule } from "../rule";
import { zoneKeys } from "./authz-no-match-allow";
import { loopbackOnly, zoneListeners } from "./authz-zone-acl-off";

export const authnAnonymousAllowed: AuditRule = {
  id: "authn-anonymous-allowed",
  severity: allVersions("warning"),
  summary: "EMQX 4 lets clients connect without credentials (allow_anonymous = true).",
  rationale:
    "EMQX 4 ships allow_anonymous = true (schema default false): any client connects, and with acl_nomatch = allow and {allow, all} it may do anything. EMQX 5/6 have no such switch (authentication is off until an authenticator is configured).",
  sources: "cluster-security.md §7",
  check(ctx: AuditContext): Finding[] {
    if (!(ctx.caps.configFormat === "cuttlefish")) return [];
    return ["allow_anonymous", ...zoneKeys(ctx, "allow_anonymous")]
      .map((key) => ctx.get(key))
      .filter((s) => s?.value === "true")
      .map((s) => {
        const zone = s!.path.startsWith("zone.") ? s!.path.split(".")[1] : null;
        const severity = zone ? loopbackOnly(zone, zoneListeners(ctx, zone)) : undefined;
        return {
          id: this.id,
          severity,
          loc: s!.loc,
          message: `${s!.path} = true: clients may connect without credentials; set it to false and configure authentication`,
        };
      });
  },
};
