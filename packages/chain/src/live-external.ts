/**
 * `@emqx-acl/chain/live` inside the CLI bundles (condition `cli-bundle`): live-sources.ts
 * and the database drivers are a bundle of their own beside them (`live-sources.cjs`),
 * loaded only when `--source-url` is given, so `check` does not compile the drivers' 2 MB
 * of script on every start.
 */
import { join } from "node:path";
import type * as Live from "./live-sources";

export type { LiveSources } from "./live-sources";

/** live-sources.ts' `openLiveSources`, from the bundle beside this one. */
export const openLiveSources: typeof Live.openLiveSources = (...args) =>
  (require(join(__dirname, "live-sources.cjs")) as typeof Live).openLiveSources(...args);
