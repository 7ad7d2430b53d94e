/** {@link AuditFs} over the real file system (used by the CLI and the tests). */
import { readdirSync, readFileSync, statSync } from "node:fs";
import type { AuditFs } from "./context";

export const nodeAuditFs: AuditFs = {
  readText(path) {
    try {
      return readFileSync(path, "utf8");
    } catch {
      return null;
    }
  },
  mode(path) {
    try {
      return statSync(path).mode & 0o777;
    } catch {
      return null;
    }
  },
  listDir(dir) {
    try {
      return readdirSync(dir);
    } catch {
      return [];
    }
  },
};
