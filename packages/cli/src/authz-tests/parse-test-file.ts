/**
 * A test file: `personas` (name → client) and `cases` (a client, a publish or subscribe,
 * the expected decision and optionally the deciding rule). The format is described in
 * docs/test-files.md and docs/test-file.schema.json.
 */
import { toBytes, type Request } from "@emqx-acl/core";
import { isMap, type Node } from "yaml";
import { clientFields, readClientSpec, type ClientSpec } from "./client-spec";
import { readProperties, type Property } from "./property-spec";
import { refuseUnknownKeys, YamlSource, type Place } from "./yaml-reader";

export type Expected = "allow" | "deny" | "nomatch";

/** The expected deciding rule: EMQX's 1-based rule number, or a line the rule is written on. */
export type ExpectedRule = { number: number } | { line: number };

/** One case, ready to decide. */
export interface TestCase {
  name: string;
  /** Where the case starts in the test file. */
  at: Place;
  request: Request;
  expect: Expected;
  rule?: ExpectedRule;
}

export interface TestFile {
  path: string;
  cases: TestCase[];
  /** Properties to prove for every client (`never: …`). */
  properties: Property[];
}

const TOP_KEYS = ["personas", "cases", "properties"] as const;
const CASE_KEYS = ["name", "persona", "client", "publish", "subscribe", "qos", "retain", "expect", "rule"] as const;
const EXPECTED: readonly Expected[] = ["allow", "deny", "nomatch"];

/** Parses a test file's text; throws `TestFileError` (with `path:line:col`) on any mistake. */
export function parseTestFile(path: string, text: string): TestFile {
  const src = new YamlSource(path, text);
  const top = src.entries(src.root, "a test file");
  refuseUnknownKeys(src, top, TOP_KEYS, "a test file");
  const personas = new Map<string, ClientSpec>();
  const personasNode = top.find((e) => e.key === "personas");
  if (personasNode) {
    for (const { key, value } of src.entries(personasNode.value, "personas"))
      personas.set(key, readClientSpec(src, value, `persona '${key}'`));
  }
  const casesNode = top.find((e) => e.key === "cases");
  const propertiesNode = top.find((e) => e.key === "properties");
  if (!casesNode && !propertiesNode) throw src.error(src.root, "a test file needs a 'cases' list (or 'properties')");
  const cases = casesNode
    ? src.items(casesNode.value, "cases").map((node, i) => readCase(src, node, i + 1, personas))
    : [];
  return { path, cases, properties: propertiesNode ? readProperties(src, propertiesNode.value) : [] };
}

type CaseFields = Map<string, { keyNode: Node; value: Node | null }>;

function readCase(src: YamlSource, node: Node, n: number, personas: Map<string, ClientSpec>): TestCase {
  const what = `case ${n}`;
  const entries = src.entries(node, what);
  refuseUnknownKeys(src, entries, CASE_KEYS, what);
  const f: CaseFields = new Map(entries.map((e) => [e.key, e]));
  const base = readPersonaRef(src, node, f, what, personas);
  const client = f.has("client") ? readClientSpec(src, f.get("client")!.value, `${what}: client`) : {};
  const { action, topic } = readAction(src, node, f, what);
  const qos = f.has("qos") ? src.integer(f.get("qos")!.value, `${what}: qos`, 0, 2) : 0;
  const retain = f.has("retain") ? src.boolean(f.get("retain")!.value, `${what}: retain`) : false;
  if (retain && action === "subscribe")
    throw src.error(f.get("retain")!.keyNode, `${what}: retain applies to publish only`);
  const expect = readExpected(src, node, f, what);
  const rule = f.has("rule") ? readExpectedRule(src, f.get("rule")!.value, what) : undefined;
  if (rule && expect === "nomatch")
    throw src.error(f.get("rule")!.keyNode, `${what}: a nomatch decision has no deciding rule`);
  const name = f.has("name")
    ? src.string(f.get("name")!.value, `${what}: name`)
    : `${f.has("persona") ? src.string(f.get("persona")!.value, "") : "client"} ${action} ${topic}`;
  const request: Request = {
    ...clientFields(base, client),
    action,
    qos: qos as 0 | 1 | 2,
    retain,
    topic: toBytes(topic),
  };
  return { name, at: src.placeOf(node), request, expect, ...(rule ? { rule } : {}) };
}

function readPersonaRef(
  src: YamlSource,
  node: Node,
  f: CaseFields,
  what: string,
  personas: Map<string, ClientSpec>,
): ClientSpec {
  const ref = f.get("persona");
  if (!ref) {
    if (!f.has("client")) throw src.error(node, `${what}: give a 'persona' or a 'client'`);
    return {};
  }
  const name = src.string(ref.value, `${what}: persona`);
  const spec = personas.get(name);
  if (!spec)
    throw src.error(
      ref.value,
      `${what}: no persona '${name}'${personas.size ? ` (personas: ${[...personas.keys()].join(", ")})` : " (the file defines no personas)"}`,
    );
  return spec;
}

function readAction(
  src: YamlSource,
  node: Node,
  f: CaseFields,
  what: string,
): { action: "publish" | "subscribe"; topic: string } {
  const pub = f.get("publish");
  const sub = f.get("subscribe");
  if ((pub === undefined) === (sub === undefined))
    throw src.error(
      pub?.keyNode ?? sub?.keyNode ?? node,
      `${what}: give exactly one of 'publish: TOPIC' or 'subscribe: FILTER'`,
    );
  return pub
    ? { action: "publish", topic: src.string(pub.value, `${what}: publish`) }
    : { action: "subscribe", topic: src.string(sub!.value, `${what}: subscribe`) };
}

function readExpected(src: YamlSource, node: Node, f: CaseFields, what: string): Expected {
  const e = f.get("expect");
  if (!e) throw src.error(node, `${what}: 'expect' is missing (allow, deny or nomatch)`);
  const v = src.string(e.value, `${what}: expect`);
  if (!EXPECTED.includes(v as Expected))
    throw src.error(e.value, `${what}: expect must be allow, deny or nomatch, got '${v}'`);
  return v as Expected;
}

function readExpectedRule(src: YamlSource, node: Node | null, what: string): ExpectedRule {
  if (isMap(node)) {
    const entries = src.entries(node, `${what}: rule`);
    refuseUnknownKeys(src, entries, ["line"], `${what}: rule`);
    if (entries.length !== 1) throw src.error(node, `${what}: rule must be a rule number or {line: N}`);
    return { line: src.integer(entries[0].value, `${what}: rule line`, 1, Number.MAX_SAFE_INTEGER) };
  }
  return {
    number: src.integer(node, `${what}: rule (a 1-based rule number, or {line: N})`, 1, Number.MAX_SAFE_INTEGER),
  };
}
