/**
 * Where the shared data lives (spec, conformance vectors, corpus): `$EMQX_ACL_SHARED` when
 * set, else `../shared` beside the repository root. Tests use this instead of hard-coded
 * paths so a fresh clone with `shared/` beside it (as CI has) finds the data.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { Dialect } from "../../packages/core/src/index";

/** The repository root (the directory holding pnpm-workspace.yaml). */
export const repoRoot: string = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Absolute path of the shared data directory; throws a clear error when it is missing. */
export function sharedDir(): string {
  const dir = process.env.EMQX_ACL_SHARED ? resolve(process.env.EMQX_ACL_SHARED) : resolve(repoRoot, "..", "shared");
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    throw new Error(`shared data not found at ${dir}: put shared/ beside the repository or set EMQX_ACL_SHARED`);
  }
  return dir;
}

/** A path inside the shared directory, e.g. `sharedPath("conformance", "v5")`. */
export function sharedPath(...parts: string[]): string {
  return join(sharedDir(), ...parts);
}

/** Conformance case directories (`.../conformance/<dialect>/NNNN-name`), sorted. */
export function conformanceCases(dialect: Dialect): string[] {
  const root = sharedPath("conformance", dialect);
  return readdirSync(root)
    .filter((name) => statSync(join(root, name)).isDirectory())
    .sort()
    .map((name) => join(root, name));
}

/** Fresh conformance case directories (`.../conformance-fresh/<dialect>/NNNN-class`), sorted. */
export function freshConformanceCases(dialect: Dialect): string[] {
  const root = sharedPath("conformance-fresh", dialect);
  return readdirSync(root)
    .filter((name) => statSync(join(root, name)).isDirectory())
    .sort()
    .map((name) => join(root, name));
}
