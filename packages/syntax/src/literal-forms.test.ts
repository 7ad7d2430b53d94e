import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { tokenize } from "./lexer";
import { readLiteralForms } from "./literal-forms";
import { chevrotainForms } from "./test-helpers";
import type { TopLevelForm } from "./term";

function literalForms(text: string): TopLevelForm[] | null {
  const lexed = tokenize(text);
  expect(lexed.errors).toEqual([]);
  return readLiteralForms(lexed.tokens, 0);
}

/** Literal terms as text: what ACL files are made of, and the corners of each kind. */
const term: fc.Arbitrary<string> = fc.letrec<{ term: string }>((tie) => ({
  term: fc.oneof(
    { depthSize: "small", withCrossShrink: true },
    fc.constantFrom(
      "allow",
      "deny",
      "all",
      "subscribe",
      "a@b",
      "x_1",
      "'and'",
      "'or'",
      "'tcp:default'",
      "'a\\'b'",
      "'\\x{41}'",
      "''",
      "ñu",
    ),
    fc.constantFrom(
      '"t/#"',
      '""',
      '"a\\nb"',
      '"${username}/+"',
      '"é€"',
      '"a" "b"',
      '"x""\\ty"',
      '"😀"',
      '"\\x{1F600}"',
    ),
    fc.constantFrom(
      "0",
      "42",
      "1_000",
      "16#ff",
      "2#1010",
      "36#zz",
      "1.5",
      "2.0e-3",
      "1_0.5",
      "$a",
      "$\\n",
      "$\\x{41}",
      "$ü",
    ),
    fc.array(tie("term"), { maxLength: 4 }).map((xs) => `{${xs.join(", ")}}`),
    fc.array(tie("term"), { maxLength: 4 }).map((xs) => `[${xs.join(",")}]`),
    fc
      .tuple(fc.array(tie("term"), { minLength: 1, maxLength: 3 }), tie("term"))
      .map(([xs, t]) => `[${xs.join(", ")} | ${t}]`),
    fc
      .array(fc.tuple(tie("term"), tie("term")), { maxLength: 3 })
      .map((kv) => `#{${kv.map(([k, v]) => `${k} => ${v}`).join(", ")}}`),
  ),
})).term;

describe("readLiteralForms", () => {
  test("builds the forms the parser builds, for any document of literal terms", () => {
    fc.assert(
      fc.property(
        fc.array(term, { minLength: 1, maxLength: 6 }),
        fc.constantFrom(" ", "\n", "\n%% c\n", "\t"),
        (terms, sep) => {
          const text = terms.map((t) => `${t}.`).join(sep);
          const ours = literalForms(text);
          expect(ours).not.toBeNull();
          expect(ours).toStrictEqual(chevrotainForms(text));
        },
      ),
      { seed: 11, numRuns: 1500 },
    );
  });

  test("gives up on what only the parser handles (it then words the errors)", () => {
    for (const text of [
      "{a, B}.",
      "-1.",
      "+1.",
      "(a).",
      '<<"a">>.',
      "{a}",
      "{a}. {b",
      "{a,}.",
      "[|a].",
      "{a} {b}.",
      "and.",
      "{a := b}.",
      "#{a}.",
      "[a|b|c].",
      "{a}.b.",
    ]) {
      expect(literalForms(text), text).toBeNull();
    }
  });
});
