/**
 * docs/accept-file.schema.json and the parser agree: the example file is valid for both, and
 * each mistake the schema can express is refused by both (the parser with file:line:col).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { parseAcceptFile } from "./accept-file";

const root = join(__dirname, "../../../..");
const schema = JSON.parse(readFileSync(join(root, "docs/accept-file.schema.json"), "utf8"));
const validate = new Ajv({ allErrors: true }).compile(schema);

describe("docs/accept-file.schema.json", () => {
  it("accepts the example accepted-changes file, which the parser reads too", () => {
    const text = readFileSync(join(root, "examples/gate/accept.yaml"), "utf8");
    expect(validate(parse(text)), JSON.stringify(validate.errors)).toBe(true);
    expect(parseAcceptFile("accept.yaml", text).entries).toHaveLength(2);
  });

  it.each([
    ["no accept list", "{}\n"],
    ["no reason", "accept:\n  - rule: 1\n"],
    ["blank reason", "accept:\n  - rule: 1\n    reason: ' '\n"],
    ["rule and line", "accept:\n  - rule: 1\n    line: 2\n    reason: r\n"],
    ["rule and topic", "accept:\n  - rule: 1\n    topic: a\n    reason: r\n"],
    ["region without topic", "accept:\n  - action: publish\n    reason: r\n"],
    ["placeholder topic", "accept:\n  - topic: 'x/${username}'\n    reason: r\n"],
    ["bad action", "accept:\n  - topic: a\n    action: pubsub\n    reason: r\n"],
    ["empty who", "accept:\n  - topic: a\n    who: {}\n    reason: r\n"],
    ["unknown who key", "accept:\n  - topic: a\n    who: {zone: z}\n    reason: r\n"],
    ["line 0", "accept:\n  - line: 0\n    reason: r\n"],
  ])("%s: refused by the schema and by the parser", (_what, text) => {
    expect(validate(parse(text))).toBe(false);
    expect(() => parseAcceptFile("a.yaml", text)).toThrow(/^a\.yaml:\d+:\d+: /);
  });
});
