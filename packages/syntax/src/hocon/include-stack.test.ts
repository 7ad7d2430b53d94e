/** Include chains: deep ones are read in full, real cycles are caught by identity, runaway depth has its own message. */
import { describe, expect, it } from "vitest";
import { configGet } from "./config";
import { MAX_INCLUDE_DEPTH } from "./include-stack";
import { loadHocon } from "./load";
import { loadV4Conf } from "./v4-conf";

/** /e/f0.conf includes f1 … f(n-1); the last sets `deep.value`. */
function chain(n: number, last: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (let i = 0; i < n - 1; i++) files[`/e/f${i}.conf`] = `include "f${i + 1}.conf"\n`;
  files[`/e/f${n - 1}.conf`] = last;
  return files;
}

describe("HOCON include chains", () => {
  it("reads a 30-deep chain without calling it a cycle", () => {
    const files = chain(30, 'node.cookie = "from-the-bottom"\n');
    const c = loadHocon(files["/e/f0.conf"], "/e/f0.conf", { readFile: (p) => files[p] ?? null });
    expect(c.diagnostics).toEqual([]);
    const cookie = configGet(c.root, "node.cookie");
    expect(cookie?.kind === "scalar" && cookie.value).toBe("from-the-bottom");
  });

  it("a cycle is found by identity (realpath), names the chain, and settings before it are kept", () => {
    const files: Record<string, string> = {
      "/e/a.conf": 'include "b.conf"\n',
      "/e/b.conf": 'x = 1\ninclude "../e/./a.conf"\n',
    };
    const realpath = (p: string) => p.replace("/../e/./", "/");
    const c = loadHocon(files["/e/a.conf"], "/e/a.conf", { readFile: (p) => files[realpath(p)] ?? null, realpath });
    expect(c.diagnostics.map((d) => [d.file, d.diagnostic.id, d.diagnostic.message])).toEqual([
      ["/e/b.conf", "hocon-include-cycle", "include cycle: /e/a.conf -> /e/b.conf -> /e/../e/./a.conf"],
    ]);
    expect(configGet(c.root, "x")).toBeDefined();
  });

  it("the same file included twice side by side is not a cycle", () => {
    const files: Record<string, string> = { "/e/t.conf": "y = 2\n" };
    const c = loadHocon('include "t.conf"\ninclude "t.conf"\n', "/e/a.conf", { readFile: (p) => files[p] ?? null });
    expect(c.diagnostics).toEqual([]);
  });

  it(`a chain deeper than ${MAX_INCLUDE_DEPTH} stops with its own message`, () => {
    const files = chain(MAX_INCLUDE_DEPTH + 5, "z = 1\n");
    const c = loadHocon(files["/e/f0.conf"], "/e/f0.conf", { readFile: (p) => files[p] ?? null });
    expect(c.diagnostics.map((d) => [d.file, d.diagnostic.id, d.diagnostic.message])).toEqual([
      [
        `/e/f${MAX_INCLUDE_DEPTH - 1}.conf`,
        "hocon-include-too-deep",
        `include chain deeper than ${MAX_INCLUDE_DEPTH} files: /e/f${MAX_INCLUDE_DEPTH}.conf was not read`,
      ],
    ]);
  });
});

describe("EMQX 4 include chains", () => {
  it("reads a 30-deep chain and reports a real cycle", () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 29; i++) files[`/e/f${i}.conf`] = `include /e/f${i + 1}.conf\n`;
    files["/e/f29.conf"] = "node.cookie = deep\ninclude /e/f0.conf\n";
    const c = loadV4Conf(files["/e/f0.conf"], "/e/f0.conf", { readFile: (p) => files[p] ?? null });
    expect(c.settings.get("node.cookie")?.value).toBe("deep");
    expect(c.diagnostics.map((d) => [d.file, d.diagnostic.id])).toEqual([["/e/f29.conf", "conf-include-cycle"]]);
  });
});
