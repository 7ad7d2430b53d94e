/**
 * `json` target: the rule model as stable JSON (format `emqx-acl/rules`, version 1,
 * documented in docs/json-format.md). Byte strings are JSON strings when they are UTF-8,
 * else `{"hex": "…"}`; nothing is dropped, so this target never refuses.
 */
import type { Action, Bytes, Condition, NameMatch, Rule, TopicPattern } from "@emqx-acl/core";
import { LineIndex } from "@emqx-acl/syntax";
import { jsonText } from "./literals";
import type { EmitOptions, EmitResult, Emitter } from "./types";

export type JsonBytes = string | { hex: string };

/** A byte string in the JSON form. */
export function jsonBytes(b: Bytes): JsonBytes {
  const t = jsonText(b);
  if (t !== null) return t;
  let hex = "";
  for (let i = 0; i < b.length; i++) hex += b.charCodeAt(i).toString(16).padStart(2, "0");
  return { hex };
}

function nameMatch(m: NameMatch): unknown {
  return m.kind === "exact" ? { exact: jsonBytes(m.value) } : { re: jsonBytes(m.pattern) };
}

function condition(c: Condition): unknown {
  switch (c.kind) {
    case "all":
      return "all";
    case "username":
    case "clientid":
    case "zone":
    case "listener":
      return { [c.kind]: nameMatch(c.match) };
    case "client_attr":
      return { client_attr: { name: jsonBytes(c.name), ...(nameMatch(c.match) as object) } };
    case "ipaddr":
      return { ipaddr: c.cidrs.map((x) => x.text) };
    case "security_profile":
      return { security_profile: c.profile };
    case "and":
    case "or":
      return { [c.kind]: c.items.map(condition) };
  }
}

function action(a: Action): unknown {
  return { publish: a.publish, subscribe: a.subscribe, qos: [...new Set(a.qos)].sort(), retain: a.retain };
}

function topic(t: TopicPattern): unknown {
  switch (t.kind) {
    case "eq":
      return { eq: jsonBytes(t.text) };
    case "filter":
      return { filter: jsonBytes(t.text) };
    default:
      return { template: jsonBytes(t.text) };
  }
}

/** The JSON document for a rule list. */
export function rulesToJson(rules: readonly Rule[], options: EmitOptions): unknown {
  const lines = options.sourceText !== undefined ? new LineIndex(options.sourceText) : null;
  return {
    format: "emqx-acl/rules",
    version: 1,
    emqx: options.dialect,
    source: options.sourceName ?? null,
    rules: rules.map((r) => ({
      index: r.index,
      line: lines ? lines.position(r.start).line + 1 : null,
      permission: r.permission,
      who: condition(r.who),
      action: action(r.action),
      topics: r.topics.kind === "all" ? "all" : r.topics.items.map(topic),
    })),
  };
}

export const jsonEmitter: Emitter = {
  name: "json",
  limits: [],
  emit(rules, options): EmitResult {
    const doc = JSON.stringify(rulesToJson(rules, options), null, 2);
    return { files: [{ name: "rules.json", content: `${doc}\n` }], refusals: [], notes: [], noMatch: null };
  },
};
