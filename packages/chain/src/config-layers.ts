/**
 * EMQX 5/6 reads `etc/base.hocon < data/configs/cluster.hocon < emqx.conf < environment`
 * (`emqx/emqx@e5.10.4:apps/emqx_conf/etc/base.hocon`, header): the dashboard saves sources
 * into cluster.hocon, and emqx.conf (with the environment overrides the audit context
 * already applied) wins over it. A lookup takes the first layer that sets the path.
 */
import { joinPath, type AuditContext } from "@emqx-acl/audit";
import {
  configGet,
  LineIndex,
  loadHocon,
  type ConfigLoc,
  type ConfigSource,
  type ConfigValue,
  type FileDiagnostic,
} from "@emqx-acl/syntax";

export interface ConfigLayers {
  /** The value at a dotted path from the highest layer that has it. */
  get(path: string): ConfigValue | undefined;
  /** The object keys at a dotted path in any layer (listener names can come from several). */
  keysUnder(path: string): string[];
  /** Every file read (for file:line:col), emqx.conf's first. */
  sources: ConfigSource[];
  diagnostics: FileDiagnostic[];
}

/** The layers below emqx.conf that exist beside it (base.hocon in etc, cluster.hocon in data/configs). */
export function hoconLayers(ctx: AuditContext): ConfigLayers {
  const roots = ctx.hocon ? [ctx.hocon] : [];
  const sources = [...ctx.sources];
  const diagnostics = [...ctx.parseDiagnostics];
  const at: ConfigLoc = { file: ctx.configPath, start: 0, end: 0 };
  const lower = [
    joinPath(ctx.env.EMQX_DATA_DIR ?? joinPath(ctx.home, "data"), "configs/cluster.hocon"),
    joinPath(ctx.etcDir, "base.hocon"),
  ];
  for (const file of lower) {
    if (file === ctx.configPath) continue;
    const text = ctx.readFile(file, at);
    if (text === null) continue;
    const loaded = loadHocon(text, file, {
      readFile: (p) => ctx.readFile(p, at),
      realpath: (p) => ctx.fs.realpath(p),
      env: ctx.env,
    });
    roots.push(loaded.root);
    sources.push(...loaded.sources);
    diagnostics.push(...loaded.diagnostics);
  }
  return {
    get: (path) => {
      for (const r of roots) {
        const v = configGet(r, path);
        if (v !== undefined) return v;
      }
      return undefined;
    },
    keysUnder: (path) => {
      const keys = new Set<string>();
      for (const r of roots) {
        const v = configGet(r, path);
        if (v?.kind === "object") for (const k of v.fields.keys()) keys.add(k);
      }
      return [...keys];
    },
    sources,
    diagnostics,
  };
}

/** `file:line:col` (1-based) of a location in one of the files read. */
export function locText(sources: ConfigSource[], loc: ConfigLoc): string {
  const src = sources.find((s) => s.file === loc.file);
  const p = (src?.lines ?? new LineIndex("")).position(loc.start);
  return `${loc.file}:${p.line + 1}:${p.character + 1}`;
}
