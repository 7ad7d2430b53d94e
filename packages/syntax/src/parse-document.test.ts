import { describe, expect, test } from "vitest";
import { parseDocument } from "./parse-document";
import { ids, one, plain } from "./test-helpers";

const A = (atom: string) => ({ atom });

describe("compound terms", () => {
  test("tuples and lists, empty and nested", () => {
    expect(one("{}.")).toEqual({ tuple: [] });
    expect(one("[].")).toEqual([]);
    expect(one('{allow, {user, "u"}, subscribe, ["t/#"]}.')).toEqual({
      tuple: [A("allow"), { tuple: [A("user"), [117]] }, A("subscribe"), [[116, 47, 35]]],
    });
  });
  test("[H|T] and improper lists", () => {
    expect(one("[a|b].")).toEqual({ list: [A("a")], tail: A("b") });
    expect(one("[a, b | [c]].")).toEqual({ list: [A("a"), A("b")], tail: [A("c")] });
  });
  test("maps parse as map terms", () => {
    expect(one('#{a => 1, "b" => [2]}.')).toEqual({
      map: [
        [A("a"), 1],
        [[98], [2]],
      ],
    });
    expect(one("#{}.")).toEqual({ map: [] });
  });
  test("parentheses around a term are allowed", () => {
    expect(one("((a)).")).toEqual(A("a"));
  });
});

describe("binaries", () => {
  const bin = (src: string) => (one(src) as { bin: number[] }).bin;
  test("string segments keep the low 8 bits unless /utf8", () => {
    expect(bin('<<"€">>.')).toEqual([172]);
    expect(bin('<<"ü">>.')).toEqual([252]);
    expect(bin('<<"€"/utf8>>.')).toEqual([226, 130, 172]);
    expect(bin('<<"t/${username}">>.')).toEqual([..."t/${username}"].map((c) => c.charCodeAt(0)));
  });
  test("integer segments, sizes, endianness, units", () => {
    expect(bin("<<1,2>>.")).toEqual([1, 2]);
    expect(bin("<<256>>.")).toEqual([0]);
    expect(bin("<<-1>>.")).toEqual([255]);
    expect(bin("<<1:16>>.")).toEqual([0, 1]);
    expect(bin("<<1:16/little>>.")).toEqual([1, 0]);
    expect(bin("<<$a:8/unit:2>>.")).toEqual([0, 97]);
    expect(bin('<<"a":16>>.')).toEqual([0, 97]);
    expect(bin("<<1:4, 2:4>>.")).toEqual([18]);
    expect(bin("<<(-1):8>>.")).toEqual([255]);
    expect(bin('<<$a, "b", 3>>.')).toEqual([97, 98, 3]);
  });
  test("utf16/utf32 and floats", () => {
    expect(bin('<<"ab"/utf16-little>>.')).toEqual([97, 0, 98, 0]);
    expect(bin('<<"€"/utf32>>.')).toEqual([0, 0, 32, 172]);
    expect(bin("<<2.5:32/float>>.")).toEqual([64, 32, 0, 0]);
    expect(bin('<<"a"/float>>.')).toEqual([64, 88, 64, 0, 0, 0, 0, 0]);
    expect(bin('<<"é"/utf16-little>>.')).toEqual([233, 0]);
  });
  test("16-bit floats, checked against erl", () => {
    const cases: [string, number[]][] = [
      ["1.5", [62, 0]],
      ["70000.0", [124, 0]],
      ["65519.0", [123, 255]],
      ["65520.0", [124, 0]],
      ["1.0e-7", [0, 2]],
      ["-0.0", [128, 0]],
      ["0.1", [46, 102]],
      ["1", [60, 0]],
      ["2.0e-8", [0, 0]],
    ];
    for (const [v, bytes] of cases) expect(bin(`<<${v}:16/float>>.`), v).toEqual(bytes);
    expect(bin("<<1.5:16/float-little>>.")).toEqual([0, 62]);
  });
  test("nested binaries with /binary", () => {
    expect(bin("<<<<1,2>>/binary, 3>>.")).toEqual([1, 2, 3]);
    expect(bin("<<<<1,2>>:1/binary>>.")).toEqual([1]);
  });
  test("bitstrings carry their bit length", () => {
    expect(one("<<-1:12>>.")).toEqual({ bin: [255, 240], bits: 12 });
  });
  test("huge segments are refused quickly, large ones built in linear time", () => {
    const t0 = performance.now();
    expect((one("<<-1:1048576>>.") as { bin: number[] }).bin.length).toBe(131072);
    expect(ids("<<1:1048577>>.")).toEqual(["syntax-bad-term"]);
    expect(ids("<<1:8/unit:256>>.")).toEqual([]);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
  test("bad segments are bad terms", () => {
    for (const src of ['<<"a"/binary>>.', "<<1/foo>>.", "<<1.5>>.", "<<a>>.", "<<X:8>>.", "<<1:X>>."]) {
      expect(ids(src), src).toEqual(["syntax-bad-term"]);
    }
  });
});

describe("non-literals are bad terms", () => {
  test.each([
    "tcp:default.",
    "f(x).",
    "a+b.",
    '"a" ++ "b".',
    "#r{a=1}.",
    "{a,b}:c.",
    "[a||b].",
    "#{a:=1}.",
    "{allow, X}.",
  ])("%s", (src) => {
    const d = parseDocument(src).diagnostics;
    expect(d.length).toBe(1);
    expect(["syntax-bad-term", "syntax-unexpected-token"]).toContain(d[0].id);
  });
  test("tcp:default suggests quoting", () => {
    const [d] = parseDocument("{allow, {listener, tcp:default}}.").diagnostics;
    expect(d.id).toBe("syntax-bad-term");
    expect(d.message).toContain("'tcp:default'");
  });
});

describe("error recovery", () => {
  test("one diagnostic per broken form; later forms keep their tree; indexes count every form", () => {
    const r = parseDocument('{allow, all}.\n{deny, X, publish, ["a"]}.\n{allow b}.\n{deny, all}.\n');
    expect(r.forms.map((f) => f.index)).toEqual([1, 2, 3, 4]);
    expect(r.forms.map((f) => f.term !== null)).toEqual([true, false, false, true]);
    expect(r.diagnostics.map((d) => [d.id, d.term, d.range.start.line])).toEqual([
      ["syntax-bad-term", 2, 1],
      ["syntax-unexpected-token", 3, 2],
    ]);
    expect(plain(r.forms[3].term)).toEqual({ tuple: [A("deny"), A("all")] });
  });
  test("a form's span does not depend on whether other forms in the batch are broken", () => {
    const alone = parseDocument("-{allow, all}.\n");
    const withBroken = parseDocument("-{allow, all}.\n{deny b}.\n");
    expect(alone.forms[0].start).toBe(0);
    expect(withBroken.forms[0]).toEqual(alone.forms[0]);
  });
  test("an unclosed string reports itself, not a bad escape met on the way to the end of the file", () => {
    const r = parseDocument('{allow, all, publish, ["a]}.\n%% a \\x comment\n');
    expect(r.diagnostics.map((d) => [d.id, d.term])).toEqual([["syntax-unterminated-string", 1]]);
  });
  test("missing final dot", () => {
    const r = parseDocument("{allow, all}.\n{deny, all}\n");
    expect(r.diagnostics.map((d) => [d.id, d.term])).toEqual([["syntax-missing-dot", 2]]);
    expect(r.diagnostics[0].message).toMatch(/dot/);
  });
  test("missing dot between two rules: the second rule still gets its tree", () => {
    const r = parseDocument("{allow, all}\n{deny, all}.\n{allow, x}.");
    expect(r.diagnostics.map((d) => [d.id, d.range.start, d.term])).toEqual([
      ["syntax-missing-dot", { line: 0, character: 11 }, 1],
    ]);
    expect(r.forms.map((f) => [f.index, f.term ? plain(f.term) : null])).toEqual([
      [1, null],
      [2, { tuple: [A("deny"), A("all")] }],
      [3, { tuple: [A("allow"), A("x")] }],
    ]);
    expect(r.text.slice(r.forms[0].start, r.forms[0].end)).toBe("{allow, all}");
  });
  test("'{a}.{b}.': the glued second rule still gets its tree", () => {
    const r = parseDocument("{allow, all}.{deny, all}.\n");
    expect(r.diagnostics.map((d) => [d.id, d.range.start.character, d.term])).toEqual([["syntax-missing-dot", 12, 1]]);
    expect(r.forms.map((f) => (f.term ? plain(f.term) : null))).toEqual([null, { tuple: [A("deny"), A("all")] }]);
  });
  test("several missing dots in a row", () => {
    const r = parseDocument("a\nb\nc.");
    expect(r.forms.map((f) => f.term !== null)).toEqual([false, false, true]);
    expect(r.diagnostics.map((d) => d.term)).toEqual([1, 2]);
  });
  test("a stray dot and a '#' comment", () => {
    expect(ids("a.\n.\n")).toEqual(["syntax-unexpected-token"]);
    const [d] = parseDocument("# comment\n{allow, all}.").diagnostics;
    expect(d.message).toContain("%");
  });
  test("scanner errors take precedence and the form's term is null", () => {
    const r = parseDocument('{allow, "\\xg"}.\n{deny, all}.');
    expect(r.diagnostics.map((d) => [d.id, d.term])).toEqual([["syntax-bad-escape", 1]]);
    expect(r.forms.map((f) => f.term !== null)).toEqual([false, true]);
  });
  test("unterminated string resumes on the next line", () => {
    const r = parseDocument('{allow, {user, "abc}, all}.\n{deny, all}.\n');
    expect(r.diagnostics[0].id).toBe("syntax-unterminated-string");
    expect(plain(r.forms[r.forms.length - 1].term)).toEqual({ tuple: [A("deny"), A("all")] });
  });
  test("empty, blank and comment-only documents have no forms", () => {
    for (const src of ["", "  \n\t", "%% only\n% comments"]) {
      const r = parseDocument(src);
      expect(r.forms).toEqual([]);
      expect(r.diagnostics).toEqual([]);
    }
  });
});

describe("spans", () => {
  test("forms and terms carry UTF-16 offsets", () => {
    const src = '%% c\n{allow, "ü😀"}.';
    const r = parseDocument(src);
    const f = r.forms[0];
    expect(src.slice(f.start, f.end)).toBe('{allow, "ü😀"}.');
    const t = f.term!;
    expect(t.kind).toBe("tuple");
    if (t.kind === "tuple") expect(src.slice(t.elements[1].start, t.elements[1].end)).toBe('"ü😀"');
    expect(r.comments).toEqual([{ start: 0, end: 4, text: "%% c" }]);
  });
  test("diagnostic ranges are 0-based line/character", () => {
    const [d] = parseDocument("{a}.\n  {and, b}.").diagnostics;
    expect(d.range).toEqual({ start: { line: 1, character: 3 }, end: { line: 1, character: 6 } });
  });
});

describe("batches", () => {
  test("large documents parse in batches with continuous indexes and errors in any batch", () => {
    const rules = Array.from({ length: 3000 }, (_, i) =>
      i === 2500 ? "{allow b}." : `{allow, {user, "u${i}"}, publish, ["t/${i}"]}.`,
    );
    const r = parseDocument(rules.join("\n"));
    expect(r.forms.length).toBe(3000);
    expect(r.forms.every((f, i) => f.index === i + 1)).toBe(true);
    expect(r.diagnostics.map((d) => [d.id, d.term, d.range.start.line])).toEqual([
      ["syntax-unexpected-token", 2501, 2500],
    ]);
  });
});

describe("string terms", () => {
  test("build their code points on demand, also inside parentheses and binaries", () => {
    const term = parseDocument('{"ab", ("cd"), <<("ef"):16>>}.').forms[0].term;
    expect(term).toMatchObject({ kind: "tuple" });
    const [a, b, c] = (term as { elements: unknown[] }).elements as {
      kind: string;
      codes?: number[];
      bytes?: string;
    }[];
    expect(a.codes).toEqual([97, 98]);
    expect(b.codes).toEqual([99, 100]);
    expect(c.bytes).toBe("\u0000e\u0000f");
  });
});
