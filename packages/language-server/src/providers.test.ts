import { describe, expect, it } from "vitest";
import { aclDiagnosticCatalog, analyzeDocument, type DocumentAnalysis } from "@emqx-acl/analysis";
import { WHO_CONDITIONS, decideLinear } from "@emqx-acl/core";
import { emitterFor } from "@emqx-acl/emitters";
import type { Diagnostic } from "@emqx-acl/syntax";
import { TextDocument } from "vscode-languageserver-textdocument";
import { provideCodeActions } from "./code-actions";
import { toLspDiagnostic } from "./convert";
import { provideInlayHints, reachabilityNotes } from "./inlay-hints";
import { provideSemanticTokens, tokenTypes } from "./semantic-tokens";
import { provideHover } from "./hover";
import { provideFoldingRanges } from "./folding";
import { scanContext } from "./completion-context";
import { provideCompletion } from "./completion";
import { findPlaceholders } from "./placeholders";

const analyze = (text: string) => analyzeDocument(text, { dialect: "v5" });

/** The analysis plus extra diagnostics (what lint rules will add). */
function withDiagnostics(a: DocumentAnalysis, extra: Diagnostic[]): DocumentAnalysis {
  return { ...a, diagnostics: [...a.diagnostics, ...extra] };
}

function decode(text: string, data: number[]): [string, string][] {
  const lines = text.split(/\r?\n/);
  const out: [string, string][] = [];
  let line = 0;
  let ch = 0;
  for (let i = 0; i < data.length; i += 5) {
    line += data[i];
    ch = data[i] === 0 ? ch + data[i + 1] : data[i + 1];
    out.push([lines[line].slice(ch, ch + data[i + 2]), tokenTypes[data[i + 3]]]);
  }
  return out;
}

describe("semantic tokens", () => {
  it("classifies atoms, strings, placeholders, numbers and comments, split per line", () => {
    const text = `{allow, all, publish, ["t/\${clientid}/x", {qos, 1}]}. % c\r\n{deny, all, all, ["a" "b\nc"]}.\n`;
    const a = analyze(text);
    expect(decode(text, provideSemanticTokens(a).data)).toEqual([
      ["allow", "keyword"],
      ["all", "enumMember"],
      ["publish", "enumMember"],
      ['"t/', "string"],
      ["${clientid}", "variable"],
      ['/x"', "string"],
      ["qos", "enumMember"],
      ["1", "number"],
      ["% c", "comment"],
      ["deny", "keyword"],
      ["all", "enumMember"],
      ["all", "enumMember"],
      ['"a" "b', "string"],
      ['c"', "string"],
    ]);
  });

  it("a range starting inside a multi-line rule encodes that rule's tokens from their own lines", () => {
    const text = `{allow, all}.\n{deny,\n  all,\n  publish, ["x"]}.\n% end\n`;
    const a = analyze(text);
    const data = provideSemanticTokens(a, { start: { line: 2, character: 0 }, end: { line: 4, character: 3 } }).data;
    expect(decode(text, data)).toEqual([
      ["deny", "keyword"],
      ["all", "enumMember"],
      ["publish", "enumMember"],
      ['"x"', "string"],
      ["% end", "comment"],
    ]);
  });

  it("answers a range request with the tokens of the forms in the range only", () => {
    const text = `{allow, all}.\n% one\n{deny, all, publish, ["x"]}.\n{deny, all}.\n`;
    const a = analyze(text);
    const data = provideSemanticTokens(a, { start: { line: 1, character: 0 }, end: { line: 2, character: 5 } }).data;
    // first token is absolute: line 1 (the comment)
    expect(data[0]).toBe(1);
    const lines = text.split("\n");
    const decoded: string[] = [];
    let line = 0;
    let ch = 0;
    for (let i = 0; i < data.length; i += 5) {
      line += data[i];
      ch = data[i] === 0 ? ch + data[i + 1] : data[i + 1];
      decoded.push(lines[line].slice(ch, ch + data[i + 2]));
    }
    expect(decoded).toEqual(["% one", "deny", "all", "publish", '"x"']);
  });
});

describe("placeholders", () => {
  it("finds ${…} anywhere and v4 %u/%c only as whole levels", () => {
    const found = (s: string) => findPlaceholders(s, 0).map((p) => p.raw);
    expect(found('"a${username}b/${x}"')).toEqual(["${username}", "${x}"]);
    expect(found('"%u/a/%c"')).toEqual(["%u", "%c"]);
    expect(found('"a%u/x%c/%cna/%cida"')).toEqual(["%cna", "%cida"]);
  });
});

describe("code actions", () => {
  // rule 2 repeats rule 1: the analysis reports it unreachable (covered by #1), rule 1 redundant
  const text = `{allow, all, publish, ["a"]}.\n  {allow, all, publish, ["a"]}. \n{deny, all}.\n`;
  const a = analyze(text);
  const unreachable = a.diagnostics.find((d) => d.id === "rule-unreachable")!;
  const doc = TextDocument.create("u", "emqx-acl", 1, text);
  const apply = (title: string) => {
    const action = provideCodeActions(a, "u", unreachable.range).find((x) => x.title.startsWith(title))!;
    return TextDocument.applyEdits(doc, action.edit!.changes!.u);
  };

  it("offers the lint fix, an ignore comment and fix-all, without duplicating the removal", () => {
    expect(unreachable.term).toBe(2);
    const titles = provideCodeActions(a, "u", unreachable.range).map((x) => x.title);
    expect(titles).toEqual([
      "Remove unreachable rule 2",
      "Ignore rule-unreachable here (%% emqx-acl ignore:rule-unreachable)",
      "Fix all emqx-acl problems",
    ]);
    expect(apply("Remove")).toBe(`{allow, all, publish, ["a"]}.\n{deny, all}.\n`);
  });

  it("an applied ignore comment silences the diagnostic on re-analysis", () => {
    const ignored = apply("Ignore");
    expect(ignored).toBe(
      `{allow, all, publish, ["a"]}.\n  %% emqx-acl ignore:rule-unreachable\n  {allow, all, publish, ["a"]}. \n{deny, all}.\n`,
    );
    expect(analyze(ignored).diagnostics.map((d) => d.id)).not.toContain("rule-unreachable");
  });

  it("offers removal itself when an unreachable diagnostic carries no fix", () => {
    const bare = withDiagnostics({ ...a, diagnostics: [] }, [{ ...unreachable, fix: undefined }]);
    const titles = provideCodeActions(bare, "u", unreachable.range).map((x) => x.title);
    expect(titles).toContain("Remove unreachable rule #2");
  });

  it("puts the ignore marker right above the term, also when it shares a line", () => {
    const t = `{deny, all, publish, ["x"]}. {allow, all,\n  publish, ["a"]}.\n`;
    const x = analyze(t);
    const d: Diagnostic = {
      id: "rule-conflict",
      severity: "info",
      message: "m",
      term: 2,
      range: x.parse.lineIndex.range(x.parse.forms[1].start + 10, x.parse.forms[1].end),
    };
    const act = provideCodeActions(withDiagnostics(x, [d]), "u", d.range).find(
      (c) => c.title === "Ignore rule-conflict here (%% emqx-acl ignore:rule-conflict)",
    )!;
    const out = TextDocument.applyEdits(TextDocument.create("u", "emqx-acl", 1, t), act.edit!.changes!.u);
    expect(out).toBe(
      `{deny, all, publish, ["x"]}. \n%% emqx-acl ignore:rule-conflict\n{allow, all,\n  publish, ["a"]}.\n`,
    );
  });

  it("never offers to ignore what EMQX refuses to load, and filters by kind", () => {
    const bad = analyze(`{allow, {ipaddr, "1.2.3.4/99"}, publish, ["a"]}.\n`);
    const d = bad.diagnostics[0];
    expect(d.severity).toBe("error");
    expect(provideCodeActions(bad, "u", d.range).some((x) => x.title.startsWith("Ignore"))).toBe(false);
    expect(provideCodeActions(a, "u", unreachable.range, ["source.fixAll"]).map((x) => x.kind)).toEqual([
      "source.fixAll",
    ]);
  });

  it("inlay hints number the rules and say which rules cover an unreachable one", () => {
    expect(reachabilityNotes(a).get(2)).toBe("unreachable (covered by #1)");
    const hints = provideInlayHints(a, { start: { line: 0, character: 0 }, end: { line: 3, character: 0 } });
    expect(hints.map((h) => h.label)).toEqual(["#1", "redundant", "#2", "unreachable (covered by #1)", "#3"]);
    const visible = provideInlayHints(a, { start: { line: 2, character: 0 }, end: { line: 2, character: 5 } });
    expect(visible.map((h) => h.label)).toEqual(["#3"]);
  });

  it("hover on the unreachable rule shows the finding, the rule docs and an example", () => {
    const h = provideHover(a, { line: 1, character: 4 })!;
    const md = (h.contents as { value: string }).value;
    expect(md).toContain("Rule #2");
    expect(md).toContain("rule 2 can never fire");
    expect(md).toMatch(/\[Documentation\]\(https?:\/\/[^)]*rule-unreachable/);
    expect(md).toContain("Instead of");
  });
});

describe("folding", () => {
  it("folds comment blocks of two or more lines, not single comments or trailing ones", () => {
    const a = analyze(`%% a\n%% b\n{deny, all}. % t\n% single\n\n{allow, all, all,\n ["x"]}.\n`);
    expect(provideFoldingRanges(a)).toEqual([
      { startLine: 0, endLine: 1, kind: "comment" },
      { startLine: 5, endLine: 6, kind: "region" },
    ]);
  });
});

describe("completion context", () => {
  it("tracks brackets, element index, strings and comments on unfinished text", () => {
    const ctx = (s: string) => scanContext(s, 0, s.length);
    expect(ctx("{allow, {'and', [{user").stack.map((f) => [f.open, f.index, f.head])).toEqual([
      ["{", 1, "allow"],
      ["{", 1, undefined],
      ["[", 0, undefined],
      ["{", 0, "user"],
    ]);
    expect(ctx('{allow, all, publish, ["a/').stringStart).toBe(23);
    expect(ctx('{allow, all, publish, ["a", "b"], % x').inComment).toBe(true);
    expect(ctx("{deny, all}. {al").stack).toHaveLength(1);
  });
});

describe("v4 → v5 migration", () => {
  const text = `{allow, {user, "dashboard"}, pubsub, ["$SYS/#", "u/%u/x", {eq, "t/%c"}, "a%u", "%c"]}.\n{allow, {'or', [{client, all}, {ipaddr, "1.2.3.4"}]}, subscribe, ["%cna/#"]}.\n`;
  const a = analyzeDocument(text, { dialect: "v5" });
  const doc = TextDocument.create("u", "emqx-acl", 1, text);
  const origin = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  const migrateAll = (b: DocumentAnalysis) =>
    provideCodeActions(b, "u", origin).find((c) => c.kind === "source.migrate.emqx5");
  const req = (username: string, topic: string, action: "publish" | "subscribe" = "subscribe") => ({
    username,
    clientid: "c",
    peerhost: "10.0.0.1",
    zone: "default",
    listener: "tcp:default",
    cert_common_name: null,
    client_attrs: {},
    action,
    qos: 0 as const,
    retain: false,
    topic,
  });
  const decide = (src: string, dialect: "v4" | "v5", r: ReturnType<typeof req>) =>
    decideLinear(analyzeDocument(src, { dialect }).lowered.ruleSet, r).decision;
  const migrated = (v4: string) =>
    TextDocument.applyEdits(
      TextDocument.create("u", "emqx-acl", 1, v4),
      migrateAll(analyzeDocument(v4, { dialect: "v5" }))!.edit!.changes!.u,
    );

  it("rewrites every rule as compile --to acl does (the acl emitter's text), leaving the layout between rules", () => {
    const all = migrateAll(a)!;
    expect(all.title).toBe("Migrate 2 rules to EMQX 5");
    const out = TextDocument.applyEdits(doc, all.edit!.changes!.u);
    const compiled = emitterFor("acl")!.emit(analyzeDocument(text, { dialect: "v4" }).lowered.ruleSet.rules, {
      dialect: "v4",
      targetDialect: "v5",
      sourceText: text,
    });
    expect(out).toBe(compiled.files[0].content);
    expect(analyzeDocument(out, { dialect: "v5" }).diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  it("keeps the $SYS access that # gave in EMQX 4: a list holding # becomes all", () => {
    const v4 = '{allow, {user, "admin"}, subscribe, ["#", "%u/x"]}.\n{deny, all}.\n';
    const out = migrated(v4);
    expect(decide(v4, "v4", req("admin", "$SYS/brokers"))).toBe("allow");
    expect(decide(out, "v5", req("admin", "$SYS/brokers"))).toBe("allow");
  });

  it("keeps a %u value one literal level: a client named + gets no other user's topics", () => {
    const v4 = '{allow, all, publish, ["users/%u/#"]}.\n{deny, all}.\n';
    const out = migrated(v4);
    for (const [user, topic] of [
      ["+", "users/alice/x"],
      ["alice", "users/alice/x"],
      ["a/b", "users/a/b/x"],
    ] as const)
      expect(decide(out, "v5", req(user, topic, "publish")), `${user} ${topic}`).toBe(
        decide(v4, "v4", req(user, topic, "publish")),
      );
  });

  it("offers the rule's rewrite under the cursor as the quick fix for EMQX 5's refusal and for v4-syntax-in-v5", () => {
    const err = a.diagnostics.find((d) => d.id === "schema-invalid-action")!;
    const fix = provideCodeActions(a, "u", err.range).find((c) => c.title.startsWith("Migrate rule #1 to EMQX 5"))!;
    expect(fix.kind).toBe("quickfix");
    expect(fix.isPreferred).toBe(true);
    expect(fix.diagnostics!.map((d) => d.code)).toEqual(["schema-invalid-action"]);
    const v5 = '{allow, all, publish, ["users/%u/#"]}.\n';
    const b = analyzeDocument(v5, { dialect: "v5" });
    const warning = b.diagnostics.find((d) => d.id === "v4-syntax-in-v5")!;
    const quick = provideCodeActions(b, "u", warning.range).find((c) => c.title.startsWith("Migrate rule #1"))!;
    expect(quick.diagnostics!.map((d) => d.code)).toEqual(["v4-syntax-in-v5"]);
  });

  it("offers no migration in an EMQX 5 file whose only difference is #", () => {
    expect(migrateAll(analyzeDocument('{allow, all, subscribe, ["#"]}.\n', { dialect: "v5" }))).toBeUndefined();
  });
});

describe("completion of conditions", () => {
  const labels = (dialect: "v5" | "v6") => {
    const text = "{allow, ";
    const a = analyzeDocument(text, { dialect });
    return provideCompletion(a, { line: 0, character: text.length }, dialect).map((c) => c.label);
  };
  it("offers {zone, …} and {listener, …} only where EMQX loads them (EMQX 6; 5.8 refuses them)", () => {
    expect(labels("v5")).toContain("{client_attr, …}");
    expect(labels("v5")).not.toContain("{zone, …}");
    expect(labels("v5")).not.toContain("{listener, …}");
    expect(labels("v6")).toEqual(expect.arrayContaining(["{zone, …}", "{listener, …}"]));
    for (const who of ['{zone, "default"}', '{listener, "tcp:default"}'])
      expect(
        analyzeDocument(`{allow, ${who}, publish, ["t"]}.`, { dialect: "v5" }).lowered.ruleSet.loadError,
      ).not.toBeNull();
  });

  // a snippet with its tab stops filled in: "${1}" → "x", ${1:d} → d, ${1|a,b|} → a, a bare ${1} left empty
  const fill = (snippet: string) =>
    snippet
      .replace(/"\$\{\d+\}"/g, '"x"')
      .replace(/\$\{\d+\}/g, "")
      .replace(/\$\{\d+:([^}]*)\}/g, "$1")
      .replace(/\$\{\d+\|([^,|]*)[^}]*\}/g, "$1");
  for (const dialect of ["v4", "v5", "v6"] as const) {
    it(`${dialect}: offers exactly the conditions and actions its loader accepts (core's WHO_CONDITIONS, ACTION_NAMES)`, () => {
      const at = (text: string) =>
        provideCompletion(analyzeDocument(text, { dialect }), { line: 0, character: text.length }, dialect);
      const who = at("{allow, ").filter((c) => c.insertText);
      expect(who.map((c) => /^\{'?(\w+)/.exec(c.label)![1]).sort()).toEqual(
        WHO_CONDITIONS[dialect]
          .filter((c) => !c.alias)
          .map((c) => c.tag)
          .sort(),
      );
      for (const c of who) {
        const text = `{allow, ${fill(c.insertText!)}, publish, ["t"]}.`;
        expect(analyzeDocument(text, { dialect }).lowered.ruleSet.loadError, text).toBeNull();
      }
      for (const c of at("{allow, all, ")) {
        const text = `{allow, all, ${fill(c.insertText ?? c.label)}, ["t"]}.`;
        expect(analyzeDocument(text, { dialect }).lowered.ruleSet.loadError, text).toBeNull();
      }
    });
  }
});

describe("diagnostic documentation", () => {
  it("links reader and loader ids to their catalogue page, and hovers show the catalogue's summary", () => {
    const text = '{allow, all, pubsub, ["t"]}.\n';
    const a = analyze(text);
    const err = a.diagnostics.find((d) => d.id === "schema-invalid-action")!;
    const lsp = toLspDiagnostic(err, "u");
    expect(lsp.codeDescription!.href).toMatch(/\/docs\/rules\/schema-invalid-action\.md$/);
    const hover = provideHover(a, err.range.start)!;
    expect((hover.contents as { value: string }).value).toContain(
      aclDiagnosticCatalog.get("schema-invalid-action")!.summary,
    );
    const dot = analyze('{allow, all, publish, ["t"]}\n').diagnostics.find((d) => d.id === "syntax-missing-dot")!;
    expect(toLspDiagnostic(dot, "u").codeDescription!.href).toBe(
      aclDiagnosticCatalog.get("syntax-missing-dot")!.docsUrl,
    );
  });
});
