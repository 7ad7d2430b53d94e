/**
 * Issue 14: the TextMate grammar, loaded by the engine VS Code uses (vscode-textmate with
 * vscode-oniguruma), not by JavaScript regexes: every pattern compiles in Oniguruma (a
 * `\xDF` escape means a raw byte there and broke the whole grammar) and real lines get
 * their scopes, Latin-1 atoms included.
 */
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import * as oniguruma from "vscode-oniguruma";
import * as textmate from "vscode-textmate";
import { repoRoot } from "./support/shared";

const require = createRequire(import.meta.url);
const grammarPath = join(repoRoot, "grammar", "acl-conf.tmLanguage.json");
let grammar: textmate.IGrammar;

beforeAll(async () => {
  await oniguruma.loadWASM(readFileSync(join(require.resolve("vscode-oniguruma"), "..", "onig.wasm")).buffer);
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (s) => new oniguruma.OnigScanner(s),
      createOnigString: (s) => new oniguruma.OnigString(s),
    }),
    loadGrammar: async (scope) =>
      scope === "source.emqx-acl" ? textmate.parseRawGrammar(readFileSync(grammarPath, "utf8"), grammarPath) : null,
  });
  grammar = (await registry.loadGrammar("source.emqx-acl"))!;
});

/** The scopes of each token of one line (innermost last), by its text. */
function tokens(line: string): [string, string][] {
  const r = grammar.tokenizeLine(line, textmate.INITIAL);
  return r.tokens.map((t) => [line.slice(t.startIndex, t.endIndex), t.scopes.at(-1)!]);
}

describe("the grammar under vscode-textmate + Oniguruma", () => {
  it("compiles every pattern in Oniguruma", () => {
    const raw = JSON.parse(readFileSync(grammarPath, "utf8"));
    const patterns: string[] = [];
    const walk = (n: unknown): void => {
      if (Array.isArray(n)) n.forEach(walk);
      else if (n && typeof n === "object")
        for (const [k, v] of Object.entries(n))
          ["match", "begin", "end", "while"].includes(k) && typeof v === "string" ? patterns.push(v) : walk(v);
    };
    walk(raw);
    expect(patterns.length).toBeGreaterThan(10);
    for (const p of patterns) expect(() => new oniguruma.OnigScanner([p]), p).not.toThrow();
  });

  it("colours a rule: permission, action, strings, placeholders, comments, terminator", () => {
    const t = tokens('{allow, {username, "dashboard"}, subscribe, ["$SYS/#", "t/${clientid}"]}. % note');
    const scope = (text: string) => t.find(([s]) => s === text)?.[1];
    expect(scope("allow")).toBe("keyword.control.permission.emqx-acl");
    expect(scope("subscribe")).toBe("keyword.other.action.emqx-acl");
    expect(scope("${clientid}")).toBe("variable.other.placeholder.emqx-acl");
    expect(scope(".")).toBe("punctuation.terminator.rule.emqx-acl");
    expect(t.some(([, s]) => s.startsWith("string.quoted.double"))).toBe(true);
    expect(t.some(([, s]) => s.startsWith("comment.line.percentage"))).toBe(true);
  });

  it("reads atoms with Latin-1 letters (the pattern that held \\xDF escapes) as one atom", () => {
    const t = tokens("{allow, all, publish, [größe]}.");
    expect(t.find(([s]) => s === "größe")?.[1]).toBe("constant.other.symbol.emqx-acl");
  });
});
