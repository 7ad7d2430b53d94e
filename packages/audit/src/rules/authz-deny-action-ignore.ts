import type { AuditContext, Finding } from "../context";
import { allVersions, type AuditRule } from "../rule";
import { zoneKeys } from "./authz-no-match-allow";

export const authzDenyActionIgnore: AuditRule = {
  id: "authz-deny-action-ignore",
  severity: allVersions("info"),
  summary: "Denied publishes are dropped silently (deny_action = ignore).",
  rationale:
    "MQTT 3.1.1 has no way to tell a QoS 0/1 publisher its message was refused, so with `ignore` denials are invisible to clients; `disconnect` makes misconfigured or hostile clients visible.",
  sources: "cluster-security.md §7",
  check(ctx: AuditContext): Finding[] {
    const keys =
      ctx.caps.configFormat === "cuttlefish"
        ? ["acl_deny_action", ...zoneKeys(ctx, "acl_deny_action")]
        : ["authorization.deny_action"];
    const out: Finding[] = [];
    for (const key of keys) {
      const s = ctx.get(key);
      if (s && s.value !== "ignore") continue;
      if (!s && key !== keys[0]) continue;
      const how = s ? `${key} = ignore` : `${key} is not set (default ignore)`;
      out.push({
        id: this.id,
        loc: s?.loc ?? ctx.anchor(key),
        message: `${how}: MQTT 3.1.1 publishers are not told when a publish is denied; consider disconnect`,
      });
    }
    return out;
  },
};
