/**
 * The language server as a separate process over stdio, driven by a real JSON-RPC client:
 * initialize, open, change, diagnostics, hover, code actions applied and re-checked,
 * formatting, symbols, folding, semantic tokens, completion, inlay hints, shutdown.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  CodeActionRequest,
  CompletionRequest,
  DidChangeTextDocumentNotification,
  DidOpenTextDocumentNotification,
  DocumentFormattingRequest,
  DocumentSymbolRequest,
  ExitNotification,
  FoldingRangeRequest,
  HoverRequest,
  InitializeRequest,
  InitializedNotification,
  InlayHintRequest,
  SemanticTokensRequest,
  ShutdownRequest,
  ExecuteCommandRequest,
  type CompletionItem,
  type DocumentSymbol,
  type Hover,
  type TextEdit,
} from "vscode-languageserver-protocol/node";
import {
  TextDocument,
  bundleServer,
  startClient,
  type TestClient,
} from "../packages/language-server/src/testing/stdio-client";
import { CARRIED_NOTE } from "../packages/language-server/src/carried-findings";
import { analyzeDocument } from "../packages/analysis/src/index";
import { aclEmitter } from "../packages/emitters/src/acl";

let client: TestClient;
const uri = "file:///tmp/emqx-acl-lsp-test/acl.conf";
let version = 1;
let doc: TextDocument;

async function open(text: string): Promise<void> {
  doc = TextDocument.create(uri, "emqx-acl", version, text);
  await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
    textDocument: { uri, languageId: "emqx-acl", version, text },
  });
}

/** Replaces the whole text as a new version and waits for that version's diagnostics. */
async function change(text: string) {
  version++;
  doc = TextDocument.update(doc, [{ text }], version);
  const wait = client.waitForDiagnostics(uri, (p) => p.version === version);
  await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
    textDocument: { uri, version },
    contentChanges: [{ text }],
  });
  return wait;
}

async function apply(edits: TextEdit[]) {
  return change(TextDocument.applyEdits(doc, edits));
}

beforeAll(async () => {
  client = startClient(await bundleServer());
  const init = await client.connection.sendRequest(InitializeRequest.type, {
    processId: process.pid,
    rootUri: null,
    workspaceFolders: null,
    capabilities: {},
    initializationOptions: { settings: { dialect: "v5", debounceMs: 5 } },
  });
  expect(init.capabilities.hoverProvider).toBe(true);
  expect(init.capabilities.documentFormattingProvider).toBe(true);
  await client.connection.sendNotification(InitializedNotification.type, {});
}, 60_000);

afterAll(async () => {
  await client?.close();
});

const V5 = `%% tenants
{allow, {username, "admin"}, all, ["#"]}.
{allow, all, publish, ["t/\${username}/x", "t/\${clientid}"]}.
{deny, all}.
`;

describe("language server over stdio", () => {
  it("publishes diagnostics on open and after a change, for the right version", async () => {
    const first = client.waitForDiagnostics(uri);
    await open(V5);
    expect((await first).diagnostics.filter((d) => d.severity === 1)).toEqual([]);
    const bad = await change(`${V5}{allow, {ipaddr, "10.0.0.0/33"}, publish, ["t"]}.\n`);
    expect(bad.diagnostics.map((d) => d.code)).toContain("schema-invalid-cidr");
    const broken = await change(`${V5}{deny, all\n`);
    expect(broken.diagnostics.map((d) => String(d.code)).some((id) => id.startsWith("syntax-"))).toBe(true);
    for (const d of bad.diagnostics) {
      expect(d.source).toBe("emqx-acl");
      expect(d.codeDescription?.href).toMatch(new RegExp(`/${String(d.code)}`));
    }
    const cidr = bad.diagnostics.find((d) => d.code === "schema-invalid-cidr")!;
    expect(cidr.range.start.line).toBe(4);
  });

  it("hovers a rule in words, a placeholder with what it renders to, a diagnostic with its docs", async () => {
    await change(V5);
    const rule = (await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line: 1, character: 3 },
    })) as Hover;
    const text = (rule.contents as { value: string }).value;
    expect(text).toContain("Rule #1");
    expect(text).toContain('username "admin"');
    expect(text).toMatch(/publish and subscribe/);
    const line = V5.split("\n")[2];
    const ph = (await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line: 2, character: line.indexOf("${username}") + 3 },
    })) as Hover;
    expect((ph.contents as { value: string }).value).toMatch(/\$\{username\}.*username/);
    await change(`{allow, {ipaddr, "10.0.0.0/33"}, publish, ["t"]}.\n`);
    const diag = (await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line: 0, character: 20 },
    })) as Hover;
    expect((diag.contents as { value: string }).value).toMatch(/schema-invalid-cidr[\s\S]*Documentation\]\(http/);
  });

  it("offers code actions; an applied ignore comment is re-checked by a new analysis", async () => {
    const text = `{allow, all, publish, ["a"]}.\n{allow, all, publish, ["a"]}.\n{deny, all}.\n`;
    const published = await change(text);
    const warn = published.diagnostics.find((d) => d.code === "rule-unreachable")!;
    expect(warn.range.start.line).toBe(1);
    expect(warn.relatedInformation?.[0].location.range.start.line).toBe(0);
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: warn.range,
      context: { diagnostics: [warn] },
    }))!;
    const ignore = actions.find((a) => "title" in a && a.title.startsWith("Ignore rule-unreachable"));
    const edit = (ignore as { edit: { changes: Record<string, TextEdit[]> } }).edit.changes[uri];
    const after = await apply(edit);
    expect(doc.getText()).toContain("%% emqx-acl ignore:rule-unreachable");
    expect(after.diagnostics.map((d) => d.code)).not.toContain("rule-unreachable");
  });

  it("applies the fix a diagnostic carries and the problem is gone", async () => {
    const published = await change(`{allow, all, publish, ["a"]}.\n{allow, all, publish, ["a"]}.\n{deny, all}.\n`);
    const warn = published.diagnostics.find((d) => d.code === "rule-unreachable")!;
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: warn.range,
      context: { diagnostics: [warn] },
    }))!;
    const fix = actions.find((a) => "isPreferred" in a && a.isPreferred && a.kind === "quickfix") as {
      title: string;
      edit: { changes: Record<string, TextEdit[]> };
    };
    expect(fix.title).toBe("Remove unreachable rule 2");
    const after = await apply(fix.edit.changes[uri]);
    expect(doc.getText()).toBe(`{allow, all, publish, ["a"]}.\n{deny, all}.\n`);
    expect(after.diagnostics.map((d) => d.code)).not.toContain("rule-unreachable");
  });

  it("migrates an EMQX 4 file EMQX 5 refuses with one source action", async () => {
    const published = await change(`{allow, {user, "dashboard"}, pubsub, ["$SYS/#", "u/%u/#"]}.\n{deny, all}.\n`);
    expect(published.diagnostics.map((d) => d.code)).toContain("schema-invalid-action");
    const actions = (await client.connection.sendRequest(CodeActionRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } },
      context: { diagnostics: [], only: ["source.migrate"] },
    }))!;
    expect(actions).toHaveLength(1);
    const after = await apply((actions[0] as { edit: { changes: Record<string, TextEdit[]> } }).edit.changes[uri]);
    // the same text compile --to acl writes (one migration)
    const v4 = `{allow, {user, "dashboard"}, pubsub, ["$SYS/#", "u/%u/#"]}.\n{deny, all}.\n`;
    const compiled = aclEmitter.emit(analyzeDocument(v4, { dialect: "v4" }).lowered.ruleSet.rules, {
      dialect: "v4",
      targetDialect: "v5",
      sourceText: v4,
    });
    expect(doc.getText()).toBe(compiled.files[0].content);
    expect(doc.getText()).toContain("u/${username}/#");
    expect(after.diagnostics.filter((d) => d.severity === 1)).toEqual([]);
  });

  it("formats with the fmt printer and refuses a broken file without crashing", async () => {
    await change(`{allow,all,subscribe,["a","b"]}.   {deny,all}.\n`);
    const edits = (await client.connection.sendRequest(DocumentFormattingRequest.type, {
      textDocument: { uri },
      options: { tabSize: 2, insertSpaces: true },
    }))!;
    expect(edits).toHaveLength(1);
    expect(TextDocument.applyEdits(doc, edits)).toBe(`{allow, all, subscribe, ["a", "b"]}.\n{deny, all}.\n`);
    await change(`{allow, all\n`);
    const none = await client.connection.sendRequest(DocumentFormattingRequest.type, {
      textDocument: { uri },
      options: { tabSize: 2, insertSpaces: true },
    });
    expect(none).toEqual([]);
  });

  it("lists one symbol per rule, folds comment blocks and multi-line terms", async () => {
    await change(`%% a\n%% b\n{allow, {username, "u"}, publish, ["x/#",\n  "y/#"]}.\n{deny, all}.\n`);
    const symbols = (await client.connection.sendRequest(DocumentSymbolRequest.type, {
      textDocument: { uri },
    })) as DocumentSymbol[];
    expect(symbols.map((s) => s.name)).toEqual(['allow {username,"u"} publish ["x/#","y/#"]', "deny all"]);
    expect(symbols[0].range.start.line).toBe(2);
    const folds = await client.connection.sendRequest(FoldingRangeRequest.type, { textDocument: { uri } });
    expect(folds).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ startLine: 0, endLine: 1, kind: "comment" }),
        expect.objectContaining({ startLine: 2, endLine: 3 }),
      ]),
    );
  });

  it("returns semantic tokens and inlay hints with rule numbers", async () => {
    await change(`{allow, all, publish, ["t/\${clientid}"]}. % c\n{deny, all}.\n`);
    const tokens = await client.connection.sendRequest(SemanticTokensRequest.type, { textDocument: { uri } });
    expect(tokens!.data.length % 5).toBe(0);
    expect(tokens!.data.length / 5).toBeGreaterThanOrEqual(8);
    const hints = await client.connection.sendRequest(InlayHintRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 2, character: 0 } },
    });
    expect(hints!.map((h) => h.label)).toEqual(expect.arrayContaining(["#1", "#2"]));
    const report = await client.connection.sendRequest(ExecuteCommandRequest.type, {
      command: "emqx-acl.server.showReachability",
      arguments: [uri],
    });
    expect(report).toMatch(/^2 rules/);
    const explained = await client.connection.sendRequest(ExecuteCommandRequest.type, {
      command: "emqx-acl.server.explain",
      arguments: [uri, { clientid: "c1", action: "publish", topic: "t/c1" }],
    });
    expect(explained).toMatchObject({ decision: "allow", rule: 1 });
    const denied = await client.connection.sendRequest(ExecuteCommandRequest.type, {
      command: "emqx-acl.server.explain",
      arguments: [uri, { clientid: "c1", action: "publish", topic: "t/other" }],
    });
    expect(denied).toMatchObject({ decision: "deny", rule: 2 });
    expect((denied as { text: string }).text).toMatch(/rule #1: topic/);
  });

  it("hover shows lint's reachability verdict, with a witness, once the diagnostics are in", async () => {
    await change(
      `{allow, {username, "u1"}, publish, ["a/#"]}.\n{deny, {username, "u1"}, publish, ["a/b"]}.\n{deny, all}.\n`,
    );
    const hoverAt = async (line: number) =>
      (
        (await client.connection.sendRequest(HoverRequest.type, {
          textDocument: { uri },
          position: { line, character: 2 },
        })) as Hover
      ).contents as { value: string };
    expect((await hoverAt(0)).value).toMatch(
      /Reachability: reachable — e\.g\. publish "a[^"]*" qos \d by username "u1", /,
    );
    expect((await hoverAt(1)).value).toContain("Reachability: unreachable (covered by #1)");
  });

  it("shows reachability on demand, then in hover and inlay hints for that version", async () => {
    await change(`{allow, all, publish, ["a/#"]}.\n{deny, all, publish, ["a/b"]}.\n{deny, all}.\n`);
    const report = (await client.connection.sendRequest(ExecuteCommandRequest.type, {
      command: "emqx-acl.server.showReachability",
      arguments: [uri],
    })) as string;
    expect(report.split("\n")[0]).toBe("3 rules, 1 unreachable");
    expect(report).toMatch(/#2 deny all publish \["a\/b"\] — unreachable \(covered by #1\)/);
    expect(report).toMatch(/#1 .* — reachable — e\.g\. .*publish "a/);
    const hover = (await client.connection.sendRequest(HoverRequest.type, {
      textDocument: { uri },
      position: { line: 1, character: 2 },
    })) as Hover;
    expect((hover.contents as { value: string }).value).toContain("Reachability: unreachable (covered by #1)");
    const hints = await client.connection.sendRequest(InlayHintRequest.type, {
      textDocument: { uri },
      range: { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } },
    });
    expect(hints!.map((h) => h.label)).toEqual(["#1", "#2", "unreachable (covered by #1)", "#3"]);
  });

  it("completes atoms by position and placeholders inside topic strings", async () => {
    const labels = async (text: string) => {
      await change(text);
      const lines = text.split("\n");
      const position = { line: lines.length - 1, character: lines[lines.length - 1].length };
      const r = await client.connection.sendRequest(CompletionRequest.type, { textDocument: { uri }, position });
      return ((Array.isArray(r) ? r : r?.items) ?? []).map((i: CompletionItem) => i.label);
    };
    expect(await labels("{")).toEqual(["allow", "deny"]);
    expect(await labels("{allow, ")).toEqual(expect.arrayContaining(["all", "{username, …}", "{clientid, …}"]));
    expect(await labels("{allow, all, ")).toEqual(expect.arrayContaining(["publish", "subscribe", "all"]));
    expect(await labels('{allow, all, publish, ["t/$')).toEqual(expect.arrayContaining(["${username}", "${clientid}"]));
    expect(await labels("{allow, {")).toEqual(expect.arrayContaining(["username", "clientid", "ipaddr"]));
  });

  it("while a term is broken the findings of intact rules stay; the fixed syntax error leaves the very next publish", async () => {
    const u = "file:///tmp/emqx-acl-lsp-test/fix.conf";
    // three unrelated tenants, then a rule the first one hides (a lint finding)
    const text =
      '{allow, all, publish, ["a/#"]}.\n{allow, {username, "u"}, subscribe, ["b"]}.\n{allow, all, publish, ["a/b"]}.\n{deny, all}.\n';
    let v = 1;
    const next = () => client.waitForDiagnostics(u, (p) => p.version === v);
    let wait = next();
    await client.connection.sendNotification(DidOpenTextDocumentNotification.type, {
      textDocument: { uri: u, languageId: "emqx-acl", version: v, text },
    });
    const clean = await wait;
    const codes = (p: { diagnostics: { code?: string | number }[] }) => p.diagnostics.map((d) => String(d.code));
    expect(codes(clean)).toContain("rule-unreachable");
    // keystrokes as an editor sends them: delete the "}" closing line 2's term, then type it back
    const at = { line: 1, character: text.split("\n")[1].length - 2 };
    const edit = async (range: { start: typeof at; end: typeof at }, t: string) => {
      v++;
      wait = next();
      await client.connection.sendNotification(DidChangeTextDocumentNotification.type, {
        textDocument: { uri: u, version: v },
        contentChanges: [{ range, text: t }],
      });
      return wait;
    };
    const broken = await edit({ start: at, end: { line: 1, character: at.character + 1 } }, "");
    expect(codes(broken).some((c) => c.startsWith("syntax-"))).toBe(true);
    // the unreachable rule on line 3 is intact: its finding stays, marked as carried over
    const kept = broken.diagnostics.filter((d) => d.code === "rule-unreachable");
    expect(kept.map((d) => [d.range.start.line, d.message])).toEqual(
      clean.diagnostics
        .filter((d) => d.code === "rule-unreachable")
        .map((d) => [d.range.start.line, d.message + CARRIED_NOTE]),
    );
    // a line above the broken term shifts the carried finding with its rule
    const shifted = await edit({ start: { line: 0, character: 0 }, end: { line: 0, character: 0 } }, "%% note\n");
    expect(shifted.diagnostics.filter((d) => d.code === "rule-unreachable").map((d) => d.range.start.line)).toEqual([
      3,
    ]);
    await edit({ start: { line: 0, character: 0 }, end: { line: 1, character: 0 } }, "");
    const fixed = await edit({ start: at, end: at }, "}");
    // the first (and only) publish of the fixed version, not a later one
    const first = client.published.find((p) => p.uri === u && p.version === v)!;
    expect(first).toBe(fixed);
    expect(codes(first).filter((c) => c.startsWith("syntax-") || c.startsWith("schema-"))).toEqual([]);
    expect(first.diagnostics).toEqual(clean.diagnostics);
  });

  it("shuts down cleanly", async () => {
    await client.connection.sendRequest(ShutdownRequest.type);
    const exited = new Promise<number | null>((res) => client.process.on("exit", (code) => res(code)));
    await client.connection.sendNotification(ExitNotification.type);
    expect(await exited).toBe(0);
    expect(client.stderr()).not.toMatch(/failed|uncaught/);
  });
});
