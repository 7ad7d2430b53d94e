/**
 * `examples/emqx-conf/<name>/etc/emqx.conf` must produce exactly the findings listed in
 * `examples/emqx-conf/<name>.expect.json` (`{emqx, findings:[{id, severity, file, line}]}`,
 * files relative to the example; lint results of the acl file count only for the hardened
 * examples, which must be free of warnings of any kind). Each example is copied to a temp dir first; the ones
 * that use certificates get `etc/certs/{ca.pem,node.pem,node.key}` made with openssl.
 */
import { copyFileSync, cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { auditConfig, auditRuleCatalog, nodeAuditFs } from "../packages/audit/src/index";
import { makePki, type Pki } from "../packages/audit/src/pki.test-support";
import { repoRoot } from "./support/shared";

const dir = join(repoRoot, "examples", "emqx-conf");
const names = readdirSync(dir, { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

interface Expected {
  emqx: string;
  findings: { id: string; severity: string; file: string; line: number }[];
}

let pki: Pki;
beforeAll(() => {
  pki = makePki();
});

function auditExample(name: string) {
  const root = mkdtempSync(join(tmpdir(), `emqx-example-${name}-`));
  cpSync(join(dir, name), root, { recursive: true });
  if (name.includes("hardened")) {
    mkdirSync(join(root, "etc/certs"), { recursive: true });
    copyFileSync(pki.caCert, join(root, "etc/certs/ca.pem"));
    copyFileSync(pki.nodeCert, join(root, "etc/certs/node.pem"));
    copyFileSync(pki.nodeKey, join(root, "etc/certs/node.key"));
  }
  const hardened = name.includes("hardened");
  const conf = join(root, "etc/emqx.conf");
  const result = auditConfig(conf, readFileSync(conf, "utf8"), nodeAuditFs, { emqx: "auto" });
  // audit findings only: the acl file's lint results belong to the lint examples
  const findings = result.files.flatMap((f) =>
    f.diagnostics
      .filter((d) => auditRuleCatalog.has(d.id) || (d.severity !== "info" && hardened))
      .map((d) => ({
        id: d.id,
        severity: d.severity,
        file: f.path.slice(root.length + 1),
        line: d.range.start.line + 1,
      })),
  );
  return { version: result.version, findings };
}

describe("examples/emqx-conf report what their .expect.json says", () => {
  it("has the four examples", () => {
    expect(names).toEqual(["v4-hardened", "v4-insecure", "v5-hardened", "v5-insecure"]);
  });

  for (const name of names) {
    it(name, () => {
      const expectPath = join(dir, `${name}.expect.json`);
      expect(existsSync(expectPath), `${expectPath} is missing`).toBe(true);
      const want = JSON.parse(readFileSync(expectPath, "utf8")) as Expected;
      const got = auditExample(name);
      expect(got.version).toBe(want.emqx);
      expect(got.findings).toEqual(want.findings);
      if (name.includes("hardened")) expect(got.findings.filter((f) => f.severity !== "info")).toEqual([]);
    });
  }
});
