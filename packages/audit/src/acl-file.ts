/**
 * The acl.conf the configuration uses: v4 `acl_file`, v5/6 the `file` source in
 * `authorization.sources`; when not configured, EMQX's default `acl.conf` beside emqx.conf.
 */
import type { ConfigLoc, ConfigValue } from "@emqx-acl/syntax";
import { isOn, joinPath, MAX_ACL_BYTES, type AuditContext } from "./context";

export interface AclFileRef {
  path: string;
  /** Null when it cannot be read. */
  text: string | null;
  /** True when the configuration names it (false: EMQX's default location). */
  explicit: boolean;
  /** The setting naming it, or the anchor where the default applies. */
  loc: ConfigLoc;
}

function scalarField(v: ConfigValue, key: string): { value: string; loc: ConfigLoc } | undefined {
  const f = v.kind === "object" ? v.fields.get(key)?.value : undefined;
  return f?.kind === "scalar" ? { value: f.value, loc: f.loc } : undefined;
}

function fileSources(ctx: AuditContext): { path: string; loc: ConfigLoc }[] | null {
  const sources = ctx.value("authorization.sources");
  if (!sources) return null;
  if (sources.kind !== "array") return [];
  const out: { path: string; loc: ConfigLoc }[] = [];
  for (const s of sources.items) {
    if (scalarField(s, "type")?.value !== "file" || !isOn(scalarField(s, "enable")?.value, true)) continue;
    const p = scalarField(s, "path");
    if (p) out.push({ path: ctx.resolvePath(p.value), loc: p.loc });
  }
  return out;
}

/** The acl files to check (memoized). Usually one; none when sources has no file source. */
export function aclFiles(ctx: AuditContext): AclFileRef[] {
  return ctx.once("acl-files", () => {
    const read = (path: string, explicit: boolean, loc: ConfigLoc): AclFileRef => ({
      path,
      text: ctx.readFile(path, loc, MAX_ACL_BYTES),
      explicit,
      loc,
    });
    const fallback = joinPath(ctx.etcDir, "acl.conf");
    if (ctx.caps.configFormat === "cuttlefish") {
      const s = ctx.get("acl_file");
      return [s ? read(ctx.resolvePath(s.value), true, s.loc) : read(fallback, false, ctx.anchor("acl_file"))];
    }
    const explicit = fileSources(ctx);
    if (explicit === null) return [read(fallback, false, ctx.anchor("authorization.sources"))];
    return explicit.map((s) => read(s.path, true, s.loc));
  });
}
