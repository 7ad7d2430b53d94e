/**
 * Property: for random documents of Erlang terms with random layout — whitespace, line
 * breaks, comments anywhere between tokens, adjacent string literals — the printer keeps
 * every term and comment, and formatting its output changes nothing.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { formatText, parseDocument, printDocument, sameDocument } from "../packages/syntax/src/index";

const gap = fc.constantFrom(" ", "", "\n", "\t", "\n   ", " % c\n", "\n%% own line\n  ", "\r\n", "  %x\n\n");
const sep = (g: string) => (g === "" ? " " : g); // some places need at least a blank
const atom = fc.constantFrom(
  "allow",
  "deny",
  "all",
  "publish",
  "'and'",
  "'or'",
  "'a b'",
  "'tcp:default'",
  "eq",
  "re",
  "x@y",
  "'\\x{41}'",
);
const str = fc.constantFrom(
  '"a"',
  '"t/${username}/#"',
  '"%u/x"',
  '"\\"q\\""',
  '"\\\\"',
  '"é😀"',
  '""',
  '"a\\nb"',
  '"x" "y"',
  '"x"\n % mid\n "y"',
);
const num = fc.constantFrom("1", "0", "16#ff", "$a", "$\\n", "1_000", "1.5e3", "2#101");
const bin = fc.constantFrom('<<"a">>', "<<1,2>>", '<<"x"/utf8>>', "<<>>");

type Gen = fc.Arbitrary<string>;
const term: Gen = fc.letrec<{ t: string }>((tie) => ({
  t: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    atom,
    str,
    num,
    bin,
    fc
      .tuple(fc.array(fc.tuple(tie("t"), gap, gap), { maxLength: 5 }))
      .map(([xs]) => `{${xs.map(([t, a, b]) => `${a}${t}${b}`).join(",")}}`),
    fc
      .tuple(fc.array(fc.tuple(tie("t"), gap, gap), { maxLength: 6 }))
      .map(([xs]) => `[${xs.map(([t, a, b]) => `${a}${t}${b}`).join(",")}]`),
    fc.tuple(tie("t"), tie("t"), gap).map(([h, t, g]) => `[${h}${g}|${sep(g)}${t}]`),
    fc.tuple(tie("t"), tie("t")).map(([k, v]) => `#{${k} => ${v}}`),
  ),
})).t;

const doc = fc
  .array(fc.tuple(gap, term, gap, fc.constantFrom(".\n", ". ", ".\t", ". % after\n", ".\n\n\n")), {
    minLength: 1,
    maxLength: 8,
  })
  .map((forms) => forms.map(([a, t, b, end]) => `${a}${t}${b}${end}`).join(""));

describe("printer properties", () => {
  it("keeps terms and comments and is idempotent on random layouts", () => {
    let checked = 0;
    fc.assert(
      fc.property(doc, fc.integer({ min: 20, max: 100 }), (text, width) => {
        const before = parseDocument(text);
        fc.pre(!before.diagnostics.some((d) => d.id.startsWith("syntax-")));
        checked++;
        const r = formatText(text, { width });
        if (!r.ok) throw new Error(`${r.message}\n--- input ---\n${text}`);
        const after = parseDocument(r.text);
        expect(sameDocument(before, after)).toBe(true);
        const again = printDocument(after, { width });
        expect(again.ok && again.text).toBe(r.text);
      }),
      { numRuns: 400, seed: 20261123 },
    );
    expect(checked).toBeGreaterThan(200);
  });
});
