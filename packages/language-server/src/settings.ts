/**
 * Settings of the language server: the same keys as `.emqx-acl.json` (which the CLI reads),
 * so a workspace behaves alike in the editor and in CI. Client settings (section
 * `emqx-acl`) override the file's; both override the defaults.
 */
import { checkSettings } from "@emqx-acl/analysis";
import type { Dialect } from "@emqx-acl/core";
import type { Severity } from "@emqx-acl/syntax";

export type SeveritySetting = Exclude<Severity, "error"> | "off";

export interface Settings {
  dialect: "auto" | Dialect;
  /** Per-rule severity overrides, by diagnostic id. */
  rules: Record<string, SeveritySetting>;
  /** Milliseconds to wait after an edit before re-analysing. */
  debounceMs: number;
  /** Inlay hints with the rule number and reachability. */
  inlayHints: boolean;
}

export const defaultSettings: Settings = {
  dialect: "auto",
  rules: {},
  debounceMs: 30,
  inlayHints: true,
};

/**
 * The client's settings (the editor's `emqx-acl` section): `.emqx-acl.json`'s keys, checked
 * by the same function as the file, plus the editor's own; what is invalid is dropped and
 * reported in `problems`.
 */
export function sanitizeSettings(raw: unknown, problems: string[] = []): Partial<Settings> {
  if (!raw || typeof raw !== "object") return {};
  const r = raw as Record<string, unknown>;
  const checked = checkSettings(r, ["debounceMs", "inlayHints", "server"]);
  problems.push(...checked.problems.map((p) => p.message));
  const out: Partial<Settings> = { ...checked.settings };
  if (typeof r.debounceMs === "number" && r.debounceMs >= 0 && r.debounceMs <= 5000) out.debounceMs = r.debounceMs;
  if (typeof r.inlayHints === "boolean") out.inlayHints = r.inlayHints;
  return out;
}

/** Merges layers left to right; `rules` maps are merged key by key. */
export function mergeSettings(...layers: Partial<Settings>[]): Settings {
  const out: Settings = { ...defaultSettings, rules: {} };
  for (const l of layers) {
    const { rules, ...rest } = l;
    Object.assign(out, Object.fromEntries(Object.entries(rest).filter(([, v]) => v !== undefined)));
    if (rules) Object.assign(out.rules, rules);
  }
  return out;
}
