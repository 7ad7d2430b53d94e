/**
 * docs/test-file.schema.json and the parser agree: the example test file is valid for both,
 * and each mistake the schema can express is refused by both.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import Ajv from "ajv";
import { parse } from "yaml";
import { describe, expect, it } from "vitest";
import { parseTestFile } from "./parse-test-file";

const root = join(__dirname, "../../../..");
const schema = JSON.parse(readFileSync(join(root, "docs/test-file.schema.json"), "utf8"));
const validate = new Ajv({ allErrors: true }).compile(schema);

describe("docs/test-file.schema.json", () => {
  it("accepts the example test file, which the parser reads too", () => {
    const text = readFileSync(join(root, "examples/authz-tests/tests.yaml"), "utf8");
    expect(validate(parse(text)), JSON.stringify(validate.errors)).toBe(true);
    expect(parseTestFile("tests.yaml", text).cases.length).toBeGreaterThan(5);
  });

  it.each([
    ["no cases", "personas: {}\n"],
    ["unknown client key", "cases:\n  - client: {usrname: a}\n    publish: a\n    expect: allow\n"],
    ["both actions", "cases:\n  - client: {}\n    publish: a\n    subscribe: b\n    expect: allow\n"],
    ["no client", "cases:\n  - publish: a\n    expect: allow\n"],
    ["bad expect", "cases:\n  - client: {}\n    publish: a\n    expect: maybe\n"],
    ["qos 3", "cases:\n  - client: {}\n    publish: a\n    qos: 3\n    expect: allow\n"],
    ["retained subscribe", "cases:\n  - client: {}\n    subscribe: a\n    retain: true\n    expect: allow\n"],
    ["rule with nomatch", "cases:\n  - client: {}\n    publish: a\n    expect: nomatch\n    rule: 1\n"],
    ["rule 0", "cases:\n  - client: {}\n    publish: a\n    expect: deny\n    rule: 0\n"],
    ["numeric username", "cases:\n  - client: {username: 7}\n    publish: a\n    expect: deny\n"],
    ["property without topic", "properties:\n  - never: {action: subscribe}\n"],
    ["property with a bad action", "properties:\n  - never: {action: all, topic: a}\n"],
    ["property with an unknown unless key", "properties:\n  - never: {action: publish, topic: a, unless: {zone: z}}\n"],
    ["property with an empty unless", "properties:\n  - never: {action: publish, topic: a, unless: {}}\n"],
    ["only without clients", "properties:\n  - only: {action: publish, topic: a}\n"],
    ["only with unless", "properties:\n  - only: {action: publish, topic: a, unless: {username: u}}\n"],
    [
      "both never and only",
      "properties:\n  - never: {action: publish, topic: a}\n    only: {action: publish, topic: a, clients: {username: u}}\n",
    ],
    ["neither never nor only", "properties:\n  - name: nothing\n"],
  ])("%s: refused by the schema and by the parser", (_what, text) => {
    expect(validate(parse(text))).toBe(false);
    expect(() => parseTestFile("t.yaml", text)).toThrow(/^t\.yaml:\d+:\d+: /);
  });
});
