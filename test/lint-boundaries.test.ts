/**
 * The guardrails of eslint.config.mjs (`pnpm lint:code`): the package layering, the LSP
 * library only where the editor integration lives, and no IO in the library packages
 * except the allow-listed adapters. Code is linted as if it stood at a given path.
 */
import { ESLint } from "eslint";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "./support/shared";

const eslint = new ESLint({ cwd: repoRoot, overrideConfigFile: join(repoRoot, "eslint.config.mjs") });

/** The messages of the no-restricted-imports rule for `code` placed at `path`. */
async function restricted(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: join(repoRoot, path) });
  return result.messages.filter((m) => m.ruleId === "no-restricted-imports").map((m) => m.message);
}

describe("lint guardrails", () => {
  it("keeps the layering: a package imports only the packages below it", async () => {
    expect(
      await restricted(
        "packages/core/src/probe.ts",
        'import { loadRuleSet } from "@emqx-acl/analysis";\nvoid loadRuleSet;\n',
      ),
    ).toEqual([expect.stringContaining("core may import only @emqx-acl/syntax")]);
    expect(
      await restricted(
        "packages/analysis/src/probe.ts",
        'import { aclEmitter } from "@emqx-acl/emitters";\nvoid aclEmitter;\n',
      ),
    ).toHaveLength(1);
    expect(
      await restricted(
        "packages/chain/src/probe.ts",
        'import { aclEmitter } from "@emqx-acl/emitters";\nvoid aclEmitter;\n',
      ),
    ).toEqual([]);
    expect(
      await restricted("packages/syntax/src/probe.ts", 'import { lower } from "../../core/src/index";\nvoid lower;\n'),
    ).toEqual([expect.stringContaining("not by a relative path")]);
  });

  it("keeps vscode-languageserver in the language server and the extension", async () => {
    const code = 'import type { Connection } from "vscode-languageserver";\nexport type C = Connection;\n';
    expect(await restricted("packages/analysis/src/probe.ts", code)).toEqual([
      expect.stringContaining("LSP libraries"),
    ]);
    expect(await restricted("packages/cli/src/probe.ts", code)).toEqual([expect.stringContaining("LSP libraries")]);
    expect(await restricted("packages/language-server/src/probe.ts", code)).toEqual([]);
  });

  it("keeps file, process and network IO out of library packages but for the allow-listed adapters", async () => {
    const fs = 'import { readFileSync } from "node:fs";\nvoid readFileSync;\n';
    const driver = 'import pg from "pg";\nvoid pg;\n';
    expect(await restricted("packages/core/src/probe.ts", fs)).toEqual([
      expect.stringContaining("no file, process or network IO"),
    ]);
    expect(
      await restricted("packages/chain/src/probe.ts", 'import { spawn } from "child_process";\nvoid spawn;\n'),
    ).toHaveLength(1);
    expect(await restricted("packages/emitters/src/probe.ts", driver)).toEqual([
      expect.stringContaining("live adapters"),
    ]);
    expect(await restricted("packages/emitters/src/sql-live.ts", driver)).toEqual([]);
    expect(await restricted("packages/audit/src/node-fs.ts", fs)).toEqual([]);
    expect(
      await restricted(
        "packages/audit/src/probe.ts",
        'import { isIP, connect } from "node:net";\nvoid isIP;\nvoid connect;\n',
      ),
    ).toEqual([expect.stringContaining("'connect' import from 'node:net' is restricted")]);
    // tests read fixtures; applications do IO
    expect(await restricted("packages/core/src/probe.test.ts", fs)).toEqual([]);
    expect(await restricted("packages/cli/src/probe.ts", fs)).toEqual([]);
  });
});
