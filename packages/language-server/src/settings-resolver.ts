/**
 * Settings per document: defaults, then the client's `emqx-acl` section, then the nearest
 * `.emqx-acl.json` (the file wins, so the editor agrees with `emqx-acl lint` in CI). The file
 * is found and checked by the analysis package's `settingsFor`, as lint does; the editor
 * warns about its problems and keeps its valid settings.
 */
import { settingsFor } from "@emqx-acl/analysis";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { mergeSettings, type Settings } from "./settings";

export class SettingsResolver {
  private client: Partial<Settings> = {};
  private readonly fileCache = new Map<string, { path: string | null; settings: Partial<Settings> }>();
  /** Problems found in config files, reported once each. */
  readonly problems: string[] = [];

  /** `base`: settings below the client's (the command line's). */
  constructor(
    private readonly roots: string[] = [],
    private readonly base: Partial<Settings> = {},
  ) {}

  setClient(settings: Partial<Settings>): void {
    this.client = settings;
  }

  /** Forget cached config files (one changed on disk). */
  invalidate(): void {
    this.fileCache.clear();
  }

  private fileSettings(uri: string): Partial<Settings> {
    if (!uri.startsWith("file:")) return {};
    let dir: string;
    try {
      dir = dirname(fileURLToPath(uri));
    } catch {
      return {};
    }
    const hit = this.fileCache.get(dir);
    if (hit) return hit.settings;
    const root = this.roots.find((r) => dir.startsWith(r));
    let found: { path: string | null; settings: Partial<Settings> };
    try {
      const file = settingsFor(dir, root);
      this.problems.push(...(file?.problems ?? []));
      found = { path: file?.path ?? null, settings: file?.settings ?? {} };
    } catch (err) {
      // found but unreadable (permissions, a directory of that name)
      this.problems.push(err instanceof Error ? err.message : String(err));
      found = { path: null, settings: {} };
    }
    this.fileCache.set(dir, found);
    return found.settings;
  }

  /** The settings that apply to the document at `uri`. */
  for(uri: string): Settings {
    return mergeSettings(this.base, this.client, this.fileSettings(uri));
  }
}
