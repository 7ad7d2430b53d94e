/**
 * MongoDB target (EMQX 5/6): one document per rule and condition conjunction, in file
 * order, with `topics` lists (no split needed); the source's filter selects documents
 * whose `username` / `clientid` is the client's or absent. MongoDB has no sort option in
 * the EMQX source: order is the collection's natural (insertion) order.
 */
import type { Rule } from "@emqx-acl/core";
import { splitAtCatchAll } from "./flatten";
import { DocRefusal, rawJson, ruleDocs, type Doc } from "./docs";
import { authzBlock, hoconString } from "./sql-common";
import { refuse, type EmitOptions, type EmitResult, type Emitter, type Refusal } from "./types";
import { capabilities } from "@emqx-acl/core";

/** The filter that selects a client's documents: its own name or none. */
export const MONGO_FILTER = `{"username": {"$in": ["\${username}", null]}, "clientid": {"$in": ["\${clientid}", null]}}`;

/** The stored document (raw rule + the selecting fields + our sequence). */
export function mongoDocument(d: Doc, seq: number): Record<string, unknown> {
  const o: Record<string, unknown> = { seq, rule_no: d.rule.index };
  if (d.username !== null) o.username = d.username;
  if (d.clientid !== null) o.clientid = d.clientid;
  return { ...o, ...rawJson(d, "topics") };
}

function emitMongo(rules: readonly Rule[], options: EmitOptions): EmitResult {
  const target = options.targetDialect ?? options.dialect;
  if (capabilities(target).backendRules !== "raw-rules" || capabilities(options.dialect).backendRules !== "raw-rules")
    throw new Error(
      "MongoDB output is for EMQX 5/6 files (EMQX 4 MongoDB holds allow-only topic lists; migrate the file with --to acl first)",
    );
  const collection = options.table ?? "mqtt_acl";
  if (!/^[A-Za-z_][A-Za-z0-9_.-]{0,100}$/.test(collection))
    throw new Error(`collection name "${collection}" must be letters, digits, '_', '.', '-'`);
  const split = splitAtCatchAll(rules, options.dialect);
  const refusals: Refusal[] = [];
  const docs: Record<string, unknown>[] = [];
  for (const rule of split.body) {
    try {
      for (const d of ruleDocs(rule, target, false, false)) docs.push(mongoDocument(d, docs.length + 1));
    } catch (e) {
      if (!(e instanceof DocRefusal)) throw e;
      refusals.push(refuse(rule, e.message));
    }
  }
  const json = JSON.stringify(docs, null, 2);
  const script = [
    `// emqx-acl compile --to mongodb: ${docs.length} documents, inserted in file order`,
    `// mongosh "mongodb://127.0.0.1:27017/mqtt" seed.mongosh.js`,
    `const coll = db.getCollection(${JSON.stringify(collection)});`,
    "coll.drop();",
    `coll.insertMany(${json}, { ordered: true });`,
    "coll.createIndex({ username: 1 });",
    "coll.createIndex({ clientid: 1 });",
    "",
  ].join("\n");
  const source: Record<string, string> = {
    type: "mongodb",
    enable: "true",
    mongo_type: "single",
    server: hoconString("127.0.0.1:27017"),
    database: hoconString("mqtt"),
    collection: hoconString(collection),
    filter: MONGO_FILTER,
  };
  if (docs.length > 1000) source.limit = String(docs.length);
  return {
    files: [
      { name: "documents.json", content: `${json}\n` },
      { name: "seed.mongosh.js", content: script },
      {
        name: "authz-source.conf",
        content: authzBlock(source, split.catchAll?.permission ?? null, [
          "emqx-acl compile --to mongodb",
          "documents are evaluated in natural (insertion) order: load them into an empty collection",
        ]),
      },
    ],
    refusals,
    notes: [
      "the EMQX MongoDB source has no sort option: precedence relies on natural (insertion) order of a freshly loaded collection",
      ...(split.catchAll
        ? [
            `rule ${split.catchAll.index} matches every request: it became authorization.no_match = ${split.catchAll.permission}`,
          ]
        : []),
    ],
    noMatch: split.catchAll?.permission ?? null,
  };
}

export const mongodbEmitter: Emitter = {
  name: "mongodb",
  limits: [
    "EMQX 5 (5.8.9): conditions other than exact username / client id",
    'client_attr conditions; {username, ""}; topic list `all` except as the last catch-all',
    "strings that are not UTF-8; EMQX 4 (allow-only documents)",
  ],
  emit: emitMongo,
};
