import { replaceValue, type AuditContext, type Finding } from "../context";
import { allVersions, type AuditRule } from "../rule";

export const authzNoMatchAllow: AuditRule = {
  id: "authz-no-match-allow",
  severity: allVersions("warning"),
  summary: "Requests no authorization rule matches are allowed.",
  rationale:
    "With no_match = allow every topic not covered by a rule is open to every client. EMQX 4 ships acl_nomatch = allow in etc/emqx.conf (schema default deny); 5.x defaults to allow; 6 to deny.",
  sources: "cluster-security.md §7; acl-language.md §5",
  check(ctx: AuditContext): Finding[] {
    if (ctx.caps.configFormat === "cuttlefish") {
      const out: Finding[] = [];
      for (const key of ["acl_nomatch", ...zoneKeys(ctx, "acl_nomatch")]) {
        const s = ctx.get(key);
        if (s?.value === "allow")
          out.push({
            id: this.id,
            loc: s.loc,
            fix: replaceValue(s, "deny"),
            message: `${key} = allow: clients may publish and subscribe to any topic the ACL does not mention; set it to deny`,
          });
      }
      return out;
    }
    const s = ctx.get("authorization.no_match");
    if (s ? s.value !== "allow" : ctx.caps.noMatchDefault === "deny") return [];
    const how = s ? "authorization.no_match = allow" : "authorization.no_match is not set (EMQX 5 default: allow)";
    return [
      {
        id: this.id,
        loc: s?.loc ?? ctx.anchor("authorization.no_match"),
        fix: s && replaceValue(s, "deny"),
        message: `${how}: clients may publish and subscribe to any topic no source decides; set it to deny`,
      },
    ];
  },
};

/** v4 per-zone overrides (`zone.external.acl_nomatch`) written in the file. */
export function zoneKeys(ctx: AuditContext, suffix: string): string[] {
  return ctx
    .keysUnder("zone")
    .map((k) => `zone.${k.key}`)
    .filter((k) => k.endsWith(`.${suffix}`) && k.split(".").length === 3);
}
