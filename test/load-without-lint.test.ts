/**
 * `check`, `explain`, `diff`, `compile` and the language server's explain only load the
 * rules (`loadRuleSet`): lint — and its whole-file reachability analysis, seconds to
 * minutes on a large file — never runs for them. A counter on lint's entry point proves
 * it; `lint` and `analyzeDocument` are the control (the counter does count).
 */
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { analyzeDocument, loadRuleSet } from "../packages/analysis/src/index";
import { runCheck } from "../packages/cli/src/commands/check";
import { runExplain, type ExplainOptions } from "../packages/cli/src/commands/explain";
import { runDiff } from "../packages/cli/src/commands/diff";
import { runLint } from "../packages/cli/src/commands/lint";
import { buildProgram } from "../packages/cli/src/program";
import { allCommands } from "../packages/cli/src/all-commands";
import { provideExplanation } from "../packages/language-server/src/explain";
import { AnalysisStore } from "../packages/language-server/src/analysis-store";
import { defaultSettings } from "../packages/language-server/src/settings";

const lintCalls = vi.hoisted(() => ({ n: 0 }));
vi.mock("../packages/analysis/src/lint/run-lint", async (importOriginal) => {
  const real = await importOriginal<typeof import("../packages/analysis/src/lint/run-lint")>();
  return {
    ...real,
    lintDocument: (...args: Parameters<typeof real.lintDocument>) => {
      lintCalls.n++;
      return real.lintDocument(...args);
    },
  };
});

const dir = mkdtempSync(join(tmpdir(), "emqx-acl-nolint-"));
const write = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};
const ACL =
  '{allow, {username, "admin"}, subscribe, ["$SYS/#"]}.\n{deny, all, subscribe, ["$SYS/#", {eq, "#"}]}.\n{allow, all}.\n';
const acl = write("acl.conf", ACL);
const acl2 = write("acl2.conf", ACL.replace("{allow, all}", "{deny, all}"));
const sink = () => ({
  text: "",
  write(s: string) {
    this.text += s;
    return true;
  },
});

beforeEach(() => {
  lintCalls.n = 0;
});
afterEach(() => {
  vi.restoreAllMocks();
});

describe("commands that only need the rules do not lint", () => {
  it("control: lint and analyzeDocument do go through the counted entry point", async () => {
    analyzeDocument(ACL, { dialect: "v5" });
    expect(lintCalls.n).toBe(1);
    const out = sink();
    await runLint([acl], { dialect: "v5", format: "json" }, { stdout: out, cwd: dir, env: {} });
    expect(lintCalls.n).toBe(2);
  });

  it("check", async () => {
    const stdout = new PassThrough();
    let text = "";
    stdout.on("data", (c) => (text += c));
    const stdin = new PassThrough();
    stdin.end('{"username":"admin","clientid":"c","action":"subscribe","topic":"$SYS/x"}\n');
    const code = await runCheck(acl, "-", { engine: "v5" }, { stdin, stdout, stderr: new PassThrough() });
    expect(code).toBe(0);
    expect(text).toBe('{"decision":"allow","rule":1}\n');
    expect(lintCalls.n).toBe(0);
  });

  it("explain", () => {
    const out = sink();
    const o: ExplainOptions = {
      engine: "v5",
      username: "x",
      clientid: "c",
      zone: "default",
      listener: "tcp:default",
      clientAttr: [],
      subscribe: "#",
      qos: 0,
      format: "json",
      securityProfile: "legacy",
    };
    expect(runExplain(acl, o, out, sink())).toBe(0);
    expect(JSON.parse(out.text).decision).toMatchObject({ decision: "deny", rule: 2 });
    expect(lintCalls.n).toBe(0);
  });

  it("diff", () => {
    const out = sink();
    expect(runDiff(acl, acl2, { engine: "v5", format: "json" }, { stdout: out, stderr: sink() })).toBe(0);
    expect(JSON.parse(out.text).newlyDenied.length).toBeGreaterThan(0);
    expect(lintCalls.n).toBe(0);
  });

  it("compile", async () => {
    let text = "";
    vi.spyOn(process.stdout, "write").mockImplementation((s: string | Uint8Array) => ((text += String(s)), true));
    await buildProgram(allCommands).parseAsync(["node", "emqx-acl", "compile", acl, "--to", "json", "--emqx", "5"]);
    expect(JSON.parse(text).rules ?? JSON.parse(text)).toBeTruthy();
    expect(lintCalls.n).toBe(0);
  });

  it("the language server's explain (on loadRuleSet's model and on the server's document model)", () => {
    const wire = { username: "admin", action: "subscribe", topic: "$SYS/x" };
    expect(provideExplanation(loadRuleSet(ACL, { dialect: "v5" }), wire)).toMatchObject({ decision: "allow", rule: 1 });
    const store = new AnalysisStore(() => ({ ...defaultSettings, dialect: "v5" }));
    const model = store.get({ uri: "file:///acl.conf", version: 1, getText: () => ACL });
    expect(provideExplanation(model, wire)).toMatchObject({ decision: "allow", rule: 1 });
    expect(lintCalls.n).toBe(0);
  });
});
