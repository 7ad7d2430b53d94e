/**
 * Properties of a test file: `never: {action, topic, unless?}` — no client can make this
 * request allowed by the acl file, unless the client matches `unless`. Read here into the
 * region to check; proved in `prove-property.ts`.
 */
import { parseAddress, toBytes, words } from "@emqx-acl/core";
import type { Node } from "yaml";
import { refuseUnknownKeys, type Place, type YamlSource } from "./yaml-reader";
import { erlStringLiteral } from "@emqx-acl/syntax";

export interface Property {
  name: string;
  at: Place;
  action: "publish" | "subscribe";
  /** The topic filter of the region (text, no placeholders). */
  topic: string;
  /** The `unless` condition as an EMQX 5/6 who-term, or null. */
  unless: string | null;
}

const UNLESS_KEYS = ["username", "clientid", "ipaddr"] as const;

/** Reads the `properties` list. */
export function readProperties(src: YamlSource, node: Node | null): Property[] {
  return src.items(node, "properties").map((item, i) => {
    const what = `property ${i + 1}`;
    const entries = src.entries(item, what);
    refuseUnknownKeys(src, entries, ["name", "never"], what);
    const never = entries.find((e) => e.key === "never");
    if (!never) throw src.error(item, `${what}: 'never' is missing`);
    const nameNode = entries.find((e) => e.key === "name");
    const p = readNever(src, never.value, `${what}: never`);
    return {
      name: nameNode ? src.string(nameNode.value, `${what}: name`) : `never ${p.action} ${p.topic}`,
      at: src.placeOf(item),
      ...p,
    };
  });
}

function readNever(src: YamlSource, node: Node | null, what: string): Omit<Property, "name" | "at"> {
  const entries = src.entries(node, what);
  refuseUnknownKeys(src, entries, ["action", "topic", "unless"], what);
  const get = (k: string) => entries.find((e) => e.key === k);
  const actionNode = get("action");
  const action = actionNode ? src.string(actionNode.value, `${what}: action`) : "";
  if (action !== "publish" && action !== "subscribe")
    throw src.error(actionNode?.value ?? node, `${what}: action must be publish or subscribe`);
  const topicNode = get("topic");
  if (!topicNode) throw src.error(node, `${what}: 'topic' is missing (a topic filter)`);
  const topic = src.string(topicNode.value, `${what}: topic`);
  if (!validFilter(topic))
    throw src.error(topicNode.value, `${what}: topic must be an MQTT topic filter without placeholders`);
  const unlessNode = get("unless");
  return { action, topic, unless: unlessNode ? readUnless(src, unlessNode.value, `${what}: unless`) : null };
}

function validFilter(topic: string): boolean {
  if (topic === "" || topic.includes("${") || topic.includes("\u0000")) return false;
  const ws = words(toBytes(topic));
  return ws.every((w, i) => (w === "#" ? i === ws.length - 1 : w === "+" || !/[+#]/.test(w)));
}

/** `unless`: username / clientid (a string or {re: R}), ipaddr (a CIDR or a list); several keys: all must hold. */
function readUnless(src: YamlSource, node: Node | null, what: string): string {
  const entries = src.entries(node, what);
  refuseUnknownKeys(src, entries, UNLESS_KEYS, what);
  if (entries.length === 0) throw src.error(node, `${what}: give username, clientid or ipaddr`);
  const terms = entries.map(({ key, value }) =>
    key === "ipaddr"
      ? ipaddrTerm(src, value, `${what}: ipaddr`)
      : `{${key}, ${nameTerm(src, value, `${what}: ${key}`)}}`,
  );
  return terms.length === 1 ? terms[0] : `{'and', [${terms.join(", ")}]}`;
}

function nameTerm(src: YamlSource, node: Node | null, what: string): string {
  if (src.isMapping(node)) {
    const entries = src.entries(node, what);
    refuseUnknownKeys(src, entries, ["re"], what);
    if (entries.length !== 1) throw src.error(node, `${what}: a name or {re: REGEX}`);
    return `{re, ${erlStringLiteral(src.string(entries[0].value, `${what}: re`))}}`;
  }
  return erlStringLiteral(src.string(node, what));
}

function ipaddrTerm(src: YamlSource, node: Node | null, what: string): string {
  const list = src.isList(node) ? src.items(node, what) : [node];
  if (list.length === 0) throw src.error(node, `${what}: give at least one address or CIDR`);
  const cidrs = list.map((n) => {
    const text = src.string(n, what);
    const [addr, len] = text.split("/");
    if (parseAddress(addr) === null || (len !== undefined && !/^\d{1,3}$/.test(len)))
      throw src.error(n, `${what}: '${text}' is not an address or CIDR`);
    return erlStringLiteral(text);
  });
  return cidrs.length === 1 ? `{ipaddr, ${cidrs[0]}}` : `{ipaddrs, [${cidrs.join(", ")}]}`;
}
