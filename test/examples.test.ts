/**
 * The bundled examples say what lint must report, and lint must report exactly that:
 * - `examples/<name>.acl.conf` beside `<name>.expect.json` (`{dialect, diagnostics:[{id, line}]}`);
 * - `examples/invalid/*.acl.conf`: each `%% expect: <id>` line (several may follow each other)
 *   names a diagnostic that must start on the next line that is not a marker; no others.
 *   `%% dialect: vN` on any line picks the dialect (default v5).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { lintBytes } from "../packages/cli/src/commands/lint";
import type { DialectOption } from "../packages/cli/src/lint-config";
import { repoRoot } from "./support/shared";

const examples = join(repoRoot, "examples");
const invalid = join(examples, "invalid");
const confs = (dir: string) =>
  readdirSync(dir)
    .filter((f) => f.endsWith(".acl.conf"))
    .sort();

interface Expected {
  id: string;
  line: number;
}

function lint(path: string, dialect: DialectOption) {
  return lintBytes({ path, bytes: readFileSync(path) }, dialect, {});
}

const found = (path: string, dialect: DialectOption) =>
  lint(path, dialect).diagnostics.map((d) => ({ id: d.id, line: d.range.start.line + 1 }));

const sorted = (list: Expected[]) => [...list].sort((a, b) => a.line - b.line || a.id.localeCompare(b.id));

/** The markers of an invalid example and its dialect. */
function readMarkers(text: string): { dialect: DialectOption; expected: Expected[] } {
  const lines = text.split(/\r\n|\r|\n/);
  const dialect = (/^%% dialect: (v4|v5|v6)\s*$/m.exec(text)?.[1] ?? "v5") as DialectOption;
  const expected: Expected[] = [];
  let pending: string[] = [];
  lines.forEach((line, i) => {
    const marker = /^\s*%% expect: ([a-z0-9-]+(?:\s*,\s*[a-z0-9-]+)*)\s*$/.exec(line);
    if (marker) {
      pending.push(...marker[1].split(/\s*,\s*/));
      return;
    }
    for (const id of pending) expected.push({ id, line: i + 1 });
    pending = [];
  });
  if (pending.length > 0) throw new Error(`markers at the end of the file point at no line: ${pending.join(", ")}`);
  return { dialect, expected };
}

describe("examples/*.acl.conf report what their .expect.json says", () => {
  for (const name of confs(examples)) {
    it(name, () => {
      const expectPath = join(examples, name.replace(/\.acl\.conf$/, ".expect.json"));
      expect(existsSync(expectPath), `${expectPath} is missing`).toBe(true);
      const want = JSON.parse(readFileSync(expectPath, "utf8")) as { dialect: DialectOption; diagnostics: Expected[] };
      const result = lint(join(examples, name), want.dialect);
      expect(result.dialect).toBe(want.dialect);
      const got = result.diagnostics.map((d) => ({ id: d.id, line: d.range.start.line + 1 }));
      expect(sorted(got)).toEqual(sorted(want.diagnostics));
    });
  }
});

describe("examples/invalid: exactly the diagnostics the %% expect markers name", () => {
  for (const name of confs(invalid)) {
    it(name, () => {
      const path = join(invalid, name);
      const { dialect, expected } = readMarkers(readFileSync(path, "utf8"));
      expect(expected.length, "an invalid example needs at least one marker").toBeGreaterThan(0);
      expect(sorted(found(path, dialect))).toEqual(sorted(expected));
    });
  }
});

describe("examples/README.md", () => {
  it("mentions every example file", () => {
    const readme = readFileSync(join(examples, "README.md"), "utf8");
    const missing = [...confs(examples), ...confs(invalid).map((f) => `invalid/${f}`)].filter(
      (f) => !readme.includes(f),
    );
    expect(missing).toEqual([]);
  });
});

describe("marker reading", () => {
  it("attaches consecutive markers to the next line and reads the dialect", () => {
    const text = "%% dialect: v4\n%% expect: a-b\n%% expect: c, d\n{deny, all}.\n%% expect: e\n{x}.\n";
    expect(readMarkers(text)).toEqual({
      dialect: "v4",
      expected: [
        { id: "a-b", line: 4 },
        { id: "c", line: 4 },
        { id: "d", line: 4 },
        { id: "e", line: 6 },
      ],
    });
  });

  it("refuses a marker with no line after it", () => {
    expect(() => readMarkers("{deny, all}.\n%% expect: x")).toThrow(/point at no line/);
  });
});
