import type { AuditContext, Finding } from "../context";
import { allVersions, type AuditRule } from "../rule";
import { zoneKeys } from "./authz-no-match-allow";

export const authzZoneAclOff: AuditRule = {
  id: "authz-zone-acl-off",
  severity: allVersions("warning"),
  summary: "EMQX 4 zone with authorization switched off (zone.<name>.enable_acl = off).",
  rationale:
    "Clients of listeners in that zone skip the ACL entirely. EMQX 4 ships zone.internal.enable_acl = off for the 127.0.0.1:11883 listener; make sure no listener reachable from outside uses such a zone.",
  sources: "cluster-security.md §7",
  check(ctx: AuditContext): Finding[] {
    if (!(ctx.caps.configFormat === "cuttlefish")) return [];
    return zoneKeys(ctx, "enable_acl")
      .map((key) => ctx.get(key))
      .filter((s) => s && ["off", "false"].includes(s.value))
      .map((s) => {
        const zone = s!.path.split(".")[1];
        const listeners = zoneListeners(ctx, zone);
        const used = listeners.length ? ` (used by ${listeners.join(", ")})` : "";
        return {
          id: this.id,
          severity: loopbackOnly(zone, listeners),
          loc: s!.loc,
          message: `${s!.path} = ${s!.value}: clients in zone ${zone}${used} are not checked against any ACL`,
        };
      });
  },
};

/** v4 listeners (`listener.tcp.internal`) whose `.zone` setting names `zone`. */
export function zoneListeners(ctx: AuditContext, zone: string): string[] {
  return [...(ctx.v4?.settings.values() ?? [])]
    .filter((l) => /^listener\.\w+\.[^.]+\.zone$/.test(l.key) && l.value === zone)
    .map((l) => l.key.replace(/\.zone$/, ""));
}

/** `info` for EMQX 4's shipped `internal` zone serving only the loopback listener; else the rule's severity. */
export function loopbackOnly(zone: string, listeners: string[]): "info" | undefined {
  return zone === "internal" && listeners.every((l) => l === "listener.tcp.internal") ? "info" : undefined;
}
