import { joinPath, type AuditContext, type Finding } from "../context";
import { loadV4Conf } from "@emqx-acl/syntax";
import { allVersions, type AuditRule } from "../rule";

export const dashboardDefaultCredentials: AuditRule = {
  id: "dashboard-default-credentials",
  severity: allVersions("warning"),
  summary: "The dashboard (or v4 management API) still uses the default admin / public.",
  rationale:
    "The default login is public knowledge; whoever reaches port 18083 (v4 API: 8081) administers the broker, ACLs included. EMQX 5/6 use default_password only to create the first admin, so change it there or at first login.",
  sources: "cluster-security.md §6",
  check(ctx: AuditContext): Finding[] {
    return ctx.caps.configFormat === "cuttlefish" ? checkV4(ctx, this.id) : checkV5(ctx, this.id);
  },
};

function checkV5(ctx: AuditContext, id: string): Finding[] {
  const s = ctx.get("dashboard.default_password");
  if (s && s.value !== "public") return [];
  const how = s ? 'dashboard.default_password = "public"' : "dashboard.default_password is not set (default public)";
  return [
    {
      id,
      loc: s?.loc ?? ctx.anchor("dashboard.default_password"),
      message: `${how}: the first dashboard admin is admin/public unless changed at first login; set a strong default_password`,
    },
  ];
}

/** v4 keeps these in etc/plugins/emqx_dashboard.conf and emqx_management.conf, beside emqx.conf's etc dir. */
function checkV4(ctx: AuditContext, id: string): Finding[] {
  const out: Finding[] = [];
  const checks = [
    { file: "emqx_dashboard.conf", key: "dashboard.default_user.password", what: "dashboard login admin" },
    {
      file: "emqx_management.conf",
      key: "management.default_application.secret",
      what: "management API application admin",
    },
  ];
  for (const c of checks) {
    const inMain = ctx.get(c.key);
    const pluginPath = joinPath(ctx.etcDir, `plugins/${c.file}`);
    const pluginText = inMain ? null : ctx.readFile(pluginPath, ctx.anchor(c.key));
    const inPlugin = pluginText === null ? undefined : loadV4Conf(pluginText, pluginPath).settings.get(c.key);
    const value = inMain?.value ?? inPlugin?.value;
    if (value !== undefined && value !== "public") continue;
    const loc = inMain?.loc ?? inPlugin?.valueLoc ?? ctx.anchor(c.key);
    const where =
      inMain || inPlugin ? `${c.key} = public` : `${c.key} is not set here or in ${pluginPath} (default public)`;
    out.push({ id, loc, message: `${where}: the ${c.what} / public is the public default; change it` });
  }
  return out;
}
