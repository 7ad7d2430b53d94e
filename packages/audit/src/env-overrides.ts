/**
 * EMQX environment overrides (`EMQX_NODE__COOKIE=…`), as Docker `--env-file`s and systemd
 * `EnvironmentFile`s set them: `EMQX_` + path with `__` for dots, case-insensitive. They win
 * over emqx.conf (cluster-security.md §1: `base.hocon < cluster.hocon < emqx.conf <
 * environment`; v4's docker-entrypoint writes them into emqx.conf the same way). The legacy
 * `EMQX_NODE_COOKIE` is honoured too.
 */
import { LineIndex, type ConfigLoc, type ConfigObject, type ConfigSource, type V4Config } from "@emqx-acl/syntax";

export interface EnvOverride {
  /** Dotted config path, e.g. `node.cookie`. */
  path: string;
  value: string;
  /** The value in the env file. */
  loc: ConfigLoc;
  keyLoc: ConfigLoc;
}

/** Variables EMQX's scripts use for themselves, not config paths. */
const NOT_CONFIG =
  /^EMQX_(NAME|HOST|NODE_NAME|LOG_DIR|ETC_DIR|DATA_DIR|PLUGINS_DIR|WAIT_FOR_START|SECURITY_PROFILE|SSL_DIST_OPTFILE)$/;

/** An env file's values have their quotes stripped, as Docker and systemd do for a whole value. */
function unquote(raw: string): string {
  return raw.replace(/^(["'])(.*)\1$/, "$2");
}

/** Every `KEY=VALUE` in an env file, EMQX's or not: the node's environment for `${VAR}`. */
function envVariables(text: string): Record<string, string> {
  const vars: Record<string, string> = {};
  for (const m of text.matchAll(/^[ \t]*(?:export[ \t]+)?([A-Za-z_][A-Za-z0-9_]*)[ \t]*=[ \t]*(.*?)[ \t]*$/gm))
    vars[m[1]] = unquote(m[2]);
  return vars;
}

/** Reads `KEY=VALUE` lines (optionally `export KEY=…`, quotes stripped); `#` lines are comments. */
export function parseEnvFile(
  text: string,
  file: string,
): {
  overrides: EnvOverride[];
  variables: Record<string, string>;
  source: ConfigSource;
  profile: "legacy" | "hardened" | null;
} {
  let profile: "legacy" | "hardened" | null = null;
  const lines = new LineIndex(text);
  const overrides: EnvOverride[] = [];
  const re = /^[ \t]*(?:export[ \t]+)?(EMQX_[A-Za-z0-9_]+)[ \t]*=[ \t]*(.*?)[ \t]*$/gm;
  for (const m of text.matchAll(re)) {
    const [all, name, raw] = m;
    if (name === "EMQX_SECURITY_PROFILE") {
      const v = unquote(raw);
      if (v === "legacy" || v === "hardened") profile = v;
    }
    if (NOT_CONFIG.test(name)) continue;
    const path =
      name === "EMQX_NODE_COOKIE"
        ? "node.cookie"
        : name.includes("__")
          ? name.slice(5).toLowerCase().split("__").join(".")
          : null;
    if (!path) continue;
    const keyStart = m.index! + all.indexOf(name);
    const valueStart = m.index! + all.length - raw.length;
    const quoted = /^(["'])(.*)\1$/.exec(raw);
    overrides.push({
      path,
      value: quoted ? quoted[2] : raw,
      loc: { file, start: valueStart, end: valueStart + raw.length },
      keyLoc: { file, start: keyStart, end: keyStart + name.length },
    });
  }
  return { overrides, variables: envVariables(text), source: { file, text, lines }, profile };
}

/** Applies overrides to a HOCON tree (creating objects on the way; later ones win). */
export function applyToHocon(root: ConfigObject, overrides: EnvOverride[]): void {
  for (const o of overrides) {
    const keys = o.path.split(".");
    let obj = root;
    for (const k of keys.slice(0, -1)) {
      const next = obj.fields.get(k)?.value;
      if (next?.kind === "object") obj = next;
      else {
        const created: ConfigObject = { kind: "object", fields: new Map(), loc: o.keyLoc };
        obj.fields.set(k, { key: k, keyLoc: o.keyLoc, value: created });
        obj = created;
      }
    }
    const last = keys[keys.length - 1];
    obj.fields.set(last, {
      key: last,
      keyLoc: o.keyLoc,
      value: { kind: "scalar", value: o.value, quoted: true, loc: o.loc },
    });
  }
}

/** Applies overrides to a v4 configuration. */
export function applyToV4(conf: V4Config, overrides: EnvOverride[]): void {
  for (const o of overrides) {
    const setting = { key: o.path, value: o.value, keyLoc: o.keyLoc, valueLoc: o.loc };
    conf.all.push(setting);
    conf.settings.set(o.path, setting);
  }
}
