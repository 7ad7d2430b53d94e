import type { AuditContext, Finding } from "../context";
import { allVersions, type AuditRule } from "../rule";
import { runsHardened } from "@emqx-acl/core";
import type { EmqxVersion } from "../version";

/** Build defaults per version (cluster-security.md §2). */
export const DEFAULT_COOKIES: Record<EmqxVersion, string[]> = {
  v4: ["emqxsecretcookie"],
  v5: ["emqxsecretcookie", "emqx50elixir"],
  v6: ["emqx50elixir", "emqxsecretcookie"],
};

export const cookieDefault: AuditRule = {
  id: "cookie-default",
  severity: allVersions("warning"),
  summary: "`node.cookie` is EMQX's public default cookie.",
  rationale:
    "The Erlang cookie authenticates every node-to-node, RPC and CLI connection; anyone who knows it and reaches the distribution port runs code on the node. The defaults are in EMQX's public source.",
  sources:
    "cluster-security.md §2; emqx/emqx bin/emqx maybe_warn_default_cookie; HEAD refuses it under EMQX_SECURITY_PROFILE=hardened",
  check(ctx: AuditContext): Finding[] {
    const s = ctx.get("node.cookie");
    if (!s) {
      if (ctx.caps.cookieUnset === "default") {
        return [
          {
            id: this.id,
            loc: ctx.anchor("node.cookie"),
            message: `node.cookie is not set, so EMQX ${ctx.caps.major} uses its default cookie "${DEFAULT_COOKIES[ctx.version][0]}"; set a long random cookie`,
          },
        ];
      }
      return [
        {
          id: this.id,
          severity: "info",
          loc: ctx.anchor("node.cookie"),
          message:
            "node.cookie is not set in this file; EMQX requires it, so it must come from EMQX_NODE__COOKIE: make sure that value is not a default cookie",
        },
      ];
    }
    if (!DEFAULT_COOKIES[ctx.version].includes(s.value)) return [];
    if (runsHardened(ctx.version, ctx.securityProfile)) {
      return [
        {
          id: this.id,
          severity: "error",
          loc: s.loc,
          message: `node.cookie is the public default "${s.value}": EMQX 6 with the hardened security profile refuses to start`,
        },
      ];
    }
    const hardened = ctx.caps.securityProfiles
      ? " (EMQX 6 with EMQX_SECURITY_PROFILE=hardened refuses to start with it)"
      : "";
    return [
      {
        id: this.id,
        loc: s.loc,
        message: `node.cookie is the public default "${s.value}"${hardened}; set a long random cookie on every node`,
      },
    ];
  },
};
