import { existsSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { conformanceCases, repoRoot, sharedDir } from "./shared";

describe("shared data helper", () => {
  const saved = process.env.EMQX_ACL_SHARED;
  afterEach(() => {
    if (saved === undefined) delete process.env.EMQX_ACL_SHARED;
    else process.env.EMQX_ACL_SHARED = saved;
  });

  it("finds the repository root and the shared data", () => {
    expect(existsSync(join(repoRoot, "pnpm-workspace.yaml"))).toBe(true);
    expect(existsSync(join(sharedDir(), "conformance", "README.md"))).toBe(true);
    expect(conformanceCases("v5").length).toBeGreaterThan(10);
  });

  it("honours EMQX_ACL_SHARED and explains a missing directory", () => {
    process.env.EMQX_ACL_SHARED = "/nonexistent/shared-data";
    expect(() => sharedDir()).toThrow(/EMQX_ACL_SHARED/);
  });
});
