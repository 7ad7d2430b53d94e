/**
 * The incremental parser and lowerer give exactly what a full parse and `lower` give,
 * after any sequence of edits: random keystrokes, deletions and pastes on every corpus
 * file, example and conformance case, with broken forms, unterminated strings and comments
 * among them. And they reuse: forms before an edit are the very same objects, forms after
 * it are moved copies.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { IncrementalParser, parseDocument, type ParseResult } from "../packages/syntax/src/index";
import { IncrementalLowerer, lower, type Dialect } from "../packages/core/src/index";
import { generateAcl } from "../bench/acl-gen";
import { prng } from "./support/prng";
import { conformanceCases, repoRoot, sharedPath } from "./support/shared";

const corpusDir = sharedPath("corpus", "files");
const examplesDir = join(repoRoot, "examples");
const files = [
  ...readdirSync(corpusDir)
    .filter((f) => f.endsWith(".conf"))
    .sort()
    .map((f) => join(corpusDir, f)),
  ...readdirSync(examplesDir)
    .filter((f) => f.endsWith(".conf"))
    .sort()
    .map((f) => join(examplesDir, f)),
];

/** Snippets that matter to the scanner and the parser: dots, quotes, comments, brackets. */
const PIECES = [
  ".",
  ". ",
  ".\n",
  '"',
  "'",
  "%",
  "% c\n",
  "\n",
  " ",
  "{",
  "}",
  "[",
  "]",
  ",",
  "<<",
  ">>",
  "x",
  "1",
  "1.5",
  "$",
  "\\",
  "{allow, all}.\n",
  '{deny, {user, "u"}, publish, ["t/#"]}.',
  '"a/${username}"',
  "%% emqx-acl ignore:rule-redundant\n",
];

function comparable(r: ParseResult) {
  return {
    text: r.text,
    forms: r.forms,
    comments: r.comments,
    diagnostics: r.diagnostics,
    lines: r.lineIndex.lineCount,
  };
}

/** One random edit of `text`. */
function edit(text: string, rand: () => number, paste: string): string {
  const at = Math.floor(rand() * (text.length + 1));
  const kind = rand();
  if (kind < 0.45) return text.slice(0, at) + PIECES[Math.floor(rand() * PIECES.length)] + text.slice(at);
  if (kind < 0.8) return text.slice(0, at) + text.slice(at + 1 + Math.floor(rand() * 8));
  if (kind < 0.95) {
    const from = Math.floor(rand() * paste.length);
    return (
      text.slice(0, at) + paste.slice(from, from + Math.floor(rand() * 200)) + text.slice(at + Math.floor(rand() * 40))
    );
  }
  return text.slice(0, at); // truncation
}

describe("IncrementalParser", () => {
  test("equals a full parse after every edit, on every corpus file and example", () => {
    const rand = prng(2026);
    const texts = files.map((f) => readFileSync(f, "latin1"));
    let checked = 0;
    for (let i = 0; i < texts.length; i++) {
      const inc = new IncrementalParser();
      let text = texts[i];
      expect(comparable(inc.parse(text).result)).toEqual(comparable(parseDocument(text)));
      for (let step = 0; step < 25; step++) {
        text = edit(text, rand, texts[(i + 1) % texts.length]);
        const { result } = inc.parse(text);
        expect(comparable(result), `${files[i]} after edit ${step}`).toEqual(comparable(parseDocument(text)));
        checked++;
      }
    }
    expect(checked).toBe(files.length * 25);
  });

  test("a keystroke in a large file keeps the forms before it and moves those after it", () => {
    const text = generateAcl(2000);
    const inc = new IncrementalParser();
    const before = inc.parse(text).result;
    const starts = before.forms.map((f) => f.start);
    const at = text.indexOf("\n", Math.floor(text.length / 2)) - 3; // inside a rule in the middle
    const next = text.slice(0, at) + "x" + text.slice(at);
    const { result, splice } = inc.parse(next);
    expect(splice).not.toBeNull();
    const { keep, removed, inserted, delta } = splice!;
    expect([delta, removed, inserted]).toEqual([1, 1, 1]);
    expect(keep).toBeGreaterThan(900);
    for (let i = 0; i < keep; i++) expect(result.forms[i]).toBe(before.forms[i]);
    // carried-over forms are the previous objects, moved in place
    expect(result.forms[keep + inserted]).toBe(before.forms[keep + removed]);
    expect(result.forms[keep + inserted].start).toBe(starts[keep + removed] + 1);
    expect(comparable(result)).toEqual(comparable(parseDocument(next)));
  });

  test("an edit that opens a string re-parses up to where the text agrees again", () => {
    const text = '{allow, all, publish, ["a"]}.\n{deny, all, publish, ["b"]}.\n{allow, all}.\n';
    const inc = new IncrementalParser();
    inc.parse(text);
    const broken = text.replace('["b"]', '["b]');
    expect(comparable(inc.parse(broken).result)).toEqual(comparable(parseDocument(broken)));
    expect(comparable(inc.parse(text).result)).toEqual(comparable(parseDocument(text)));
  });

  test("the same text twice is not re-parsed", () => {
    const inc = new IncrementalParser();
    const a = inc.parse("{allow, all}.\n").result;
    expect(inc.parse("{allow, all}.\n").result).toBe(a);
  });
});

describe("IncrementalLowerer", () => {
  const sources = [
    ...(["v4", "v5", "v6"] as const).flatMap((d) => conformanceCases(d).map((c) => join(c, "acl.conf"))),
    ...readdirSync(examplesDir)
      .filter((f) => f.endsWith(".conf"))
      .sort()
      .map((f) => join(examplesDir, f)),
  ];
  test.each(["auto", "v4", "v5", "v6"] as const)(
    "equals lower() after every edit (%s)",
    (dialect: Dialect | "auto") => {
      const rand = prng(dialect.length * 7 + dialect.charCodeAt(1));
      const texts = sources.map((f) => readFileSync(f, "latin1"));
      let moved = 0;
      for (let i = 0; i < texts.length; i++) {
        const parser = new IncrementalParser();
        const lowerer = new IncrementalLowerer();
        let text = texts[i];
        for (let step = 0; step < 8; step++) {
          const { result, splice } = parser.parse(text);
          const got = lowerer.lower(result, dialect, splice);
          expect(got, `${sources[i]} after edit ${step}`).toEqual(lower(parseDocument(text), dialect));
          if (splice && splice.delta !== 0 && result.forms.length > splice.keep + splice.inserted) moved++;
          text = edit(text, rand, texts[(i + 1) % texts.length]);
        }
      }
      expect(moved).toBeGreaterThan(200); // forms after an edit were carried over, not only re-lowered
    },
  );

  test("an edit lowers only the forms it touched", () => {
    const lines = Array.from(
      { length: 2000 },
      (_, i) => `{allow, {username, "u${i}"}, publish, ["t/\${clientid}/${i}"]}.`,
    );
    const text = `${lines.join("\n")}\n`;
    const parser = new IncrementalParser();
    const lowerer = new IncrementalLowerer();
    const first = lowerer.lower(parser.parse(text).result, "v5", null);
    const starts = first.ruleSet.rules.map((r) => r.start);
    const at = text.indexOf("t/", Math.floor(text.length / 2)) + 2;
    const next = text.slice(0, at) + "x" + text.slice(at);
    const { result, splice } = parser.parse(next);
    const second = lowerer.lower(result, "v5", splice);
    expect(second).toEqual(lower(parseDocument(next), "v5"));
    const { keep, inserted } = splice!;
    expect(keep).toBeGreaterThan(900);
    const [a, b] = [first.ruleSet.rules, second.ruleSet.rules];
    expect(b.length).toBe(2000);
    for (let i = 0; i < keep; i++) expect(b[i]).toBe(a[i]);
    expect(b[keep].topics).not.toEqual(a[keep].topics);
    expect(b[keep + inserted]).toBe(a[keep + inserted]); // moved in place
    expect(b[keep + inserted].start).toBe(starts[keep + inserted] + 1);
  });
});
