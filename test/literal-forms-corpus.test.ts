/**
 * The literal-term reader (parse-document's quick path) reads the real corpus files as the
 * Chevrotain parser does, wherever it reads them at all — and it does read most of them.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { expect, test } from "vitest";
import { decodeAclBytes, tokenize } from "../packages/syntax/src/index";
import { readLiteralForms } from "../packages/syntax/src/literal-forms";
import { chevrotainForms } from "../packages/syntax/src/test-helpers";
import { sharedPath } from "./support/shared";

const dir = sharedPath("corpus", "files");
const files = readdirSync(dir)
  .filter((f) => f.endsWith(".conf"))
  .sort();

test("corpus files read by the literal reader equal the parser's forms", () => {
  let read = 0;
  let parsed = 0;
  for (const f of files) {
    const { text } = decodeAclBytes(readFileSync(join(dir, f)));
    const lexed = tokenize(text);
    if (lexed.errors.length > 0) continue;
    const theirs = chevrotainForms(text);
    if (theirs !== null) parsed++;
    const ours = readLiteralForms(lexed.tokens, 0);
    if (ours === null) continue;
    read++;
    expect(ours, f).toStrictEqual(theirs);
  }
  // the reader gives up only on variables, signs, parentheses and binaries: rare in ACL files
  expect(read).toBeGreaterThan(parsed * 0.8);
});
