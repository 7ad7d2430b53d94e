/**
 * Settings per document: defaults, then the client's `emqx-acl` section, then the nearest
 * `.emqx-acl.json` (the file wins, so the editor agrees with `emqx-acl lint` in CI).
 */
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { findConfigFile, mergeSettings, readConfigFile, type Settings } from "./settings";

export class SettingsResolver {
  private client: Partial<Settings> = {};
  private readonly fileCache = new Map<string, { path: string | null; settings: Partial<Settings> }>();
  /** Problems found in config files, reported once each. */
  readonly problems: string[] = [];

  constructor(private readonly roots: string[] = []) {}

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
    const path = findConfigFile(dir, root);
    const settings = path ? readConfigFile(path, this.problems) : {};
    this.fileCache.set(dir, { path, settings });
    return settings;
  }

  /** The settings that apply to the document at `uri`. */
  for(uri: string): Settings {
    return mergeSettings(this.client, this.fileSettings(uri));
  }
}
