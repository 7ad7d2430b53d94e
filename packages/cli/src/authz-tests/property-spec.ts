/**
 * Properties of a test file: `never: {action, topic, unless?}` — no client can make this
 * request allowed by the acl file, unless the client matches `unless`. Read here into the
 * region to check; proved in `prove-property.ts`.
 */
import { capabilities, parseAddress, toBytes, words, type Dialect } from "@emqx-acl/core";
import type { Node } from "yaml";
import { refuseUnknownKeys, type Place, type YamlSource } from "./yaml-reader";
import { erlStringLiteral } from "@emqx-acl/syntax";

export interface Property {
  name: string;
  at: Place;
  action: "publish" | "subscribe";
  /** The topic filter of the region (text, no placeholders). */
  topic: string;
  /** The `unless` condition, or null; {@link unlessTerm} writes it for a version. */
  unless: Unless | null;
}

/** A name as `unless` gives it: exact, or a regex with EMQX's semantics. */
export type NameSpec = { exact: string } | { re: string };

/** The clients a property exempts: all the given keys must hold. */
export interface Unless {
  username?: NameSpec;
  clientid?: NameSpec;
  /** Addresses or CIDRs, as written. */
  ipaddr?: string[];
}

/**
 * `unless` as a who-term of the version's acl.conf (EMQX 4 says `user`/`client`), or why
 * the version cannot say it (EMQX 4 has no regular expressions on names).
 */
export function unlessTerm(u: Unless, dialect: Dialect): string | { refused: string } {
  const caps = capabilities(dialect);
  const terms: string[] = [];
  for (const key of ["username", "clientid"] as const) {
    const name = u[key];
    if (name === undefined) continue;
    if ("re" in name && !caps.nameRegex) return { refused: `${caps.name} has no regular expressions on names` };
    const value = "re" in name ? `{re, ${erlStringLiteral(name.re)}}` : erlStringLiteral(name.exact);
    terms.push(`{${caps.whoTags[key]}, ${value}}`);
  }
  if (u.ipaddr !== undefined) {
    const cidrs = u.ipaddr.map(erlStringLiteral);
    terms.push(cidrs.length === 1 ? `{ipaddr, ${cidrs[0]}}` : `{ipaddrs, [${cidrs.join(", ")}]}`);
  }
  return terms.length === 1 ? terms[0] : `{'and', [${terms.join(", ")}]}`;
}

const UNLESS_KEYS = ["username", "clientid", "ipaddr"] as const;

/** Reads the `properties` list. */
export function readProperties(src: YamlSource, node: Node | null): Property[] {
  return src.items(node, "properties").map((item, i) => {
    const what = `property ${i + 1}`;
    const entries = src.entries(item, what);
    refuseUnknownKeys(src, entries, ["name", "never", "only"], what);
    const forms = entries.filter((e) => e.key === "never" || e.key === "only");
    if (forms.length !== 1) throw src.error(item, `${what}: give one of 'never' and 'only'`);
    const [form] = forms;
    const nameNode = entries.find((e) => e.key === "name");
    const p =
      form.key === "never"
        ? readNever(src, form.value, `${what}: never`, "unless")
        : readNever(src, form.value, `${what}: only`, "clients");
    const named = form.key === "never" ? `never ${p.action} ${p.topic}` : `only some clients ${p.action} ${p.topic}`;
    return {
      name: nameNode ? src.string(nameNode.value, `${what}: name`) : named,
      at: src.placeOf(item),
      ...p,
    };
  });
}

/**
 * `never: {action, topic, unless?}`, or `only: {action, topic, clients}`: the same property
 * (only `clients` may have such a request allowed = never, unless the client is one of them).
 */
function readNever(
  src: YamlSource,
  node: Node | null,
  what: string,
  exempt: "unless" | "clients",
): Omit<Property, "name" | "at"> {
  const entries = src.entries(node, what);
  refuseUnknownKeys(src, entries, ["action", "topic", exempt], what);
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
  const unlessNode = get(exempt);
  if (!unlessNode && exempt === "clients") throw src.error(node, `${what}: 'clients' is missing (who may)`);
  return { action, topic, unless: unlessNode ? readUnless(src, unlessNode.value, `${what}: ${exempt}`) : null };
}

function validFilter(topic: string): boolean {
  if (topic === "" || topic.includes("${") || topic.includes("\u0000")) return false;
  const ws = words(toBytes(topic));
  return ws.every((w, i) => (w === "#" ? i === ws.length - 1 : w === "+" || !/[+#]/.test(w)));
}

/** `unless`: username / clientid (a string or {re: R}), ipaddr (a CIDR or a list); several keys: all must hold. */
function readUnless(src: YamlSource, node: Node | null, what: string): Unless {
  const entries = src.entries(node, what);
  refuseUnknownKeys(src, entries, UNLESS_KEYS, what);
  if (entries.length === 0) throw src.error(node, `${what}: give username, clientid or ipaddr`);
  const out: Unless = {};
  for (const { key, value } of entries) {
    if (key === "ipaddr") out.ipaddr = readAddresses(src, value, `${what}: ipaddr`);
    else out[key as "username" | "clientid"] = readName(src, value, `${what}: ${key}`);
  }
  return out;
}

function readName(src: YamlSource, node: Node | null, what: string): NameSpec {
  if (src.isMapping(node)) {
    const entries = src.entries(node, what);
    refuseUnknownKeys(src, entries, ["re"], what);
    if (entries.length !== 1) throw src.error(node, `${what}: a name or {re: REGEX}`);
    return { re: src.string(entries[0].value, `${what}: re`) };
  }
  return { exact: src.string(node, what) };
}

function readAddresses(src: YamlSource, node: Node | null, what: string): string[] {
  const list = src.isList(node) ? src.items(node, what) : [node];
  if (list.length === 0) throw src.error(node, `${what}: give at least one address or CIDR`);
  return list.map((n) => {
    const text = src.string(n, what);
    const [addr, len] = text.split("/");
    if (parseAddress(addr) === null || (len !== undefined && !/^\d{1,3}$/.test(len)))
      throw src.error(n, `${what}: '${text}' is not an address or CIDR`);
    return text;
  });
}
