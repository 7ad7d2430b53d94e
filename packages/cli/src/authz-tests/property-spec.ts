/**
 * Properties of a test file: `never: {action, topic, unless?}` — no client can make this
 * request allowed by the acl file, unless the client matches `unless`; `only` says the same
 * from the other side; `tenant-isolation: {attribute, topics}` is two `never`s (publish and
 * subscribe) over every tenant's tree but the client's own. Read here into the region to
 * check; proved in `prove-property.ts`.
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
  /**
   * Tenant isolation: the client attribute, and the tree of the client's own tenant (the
   * topics with `${attribute}`), which the property leaves out; only clients with the
   * attribute are in the property.
   */
  own?: { attribute: string; topics: string };
}

const FORMS = ["never", "only", "tenant-isolation"] as const;

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
  return src.items(node, "properties").flatMap((item, i): Property[] => {
    const what = `property ${i + 1}`;
    const entries = src.entries(item, what);
    refuseUnknownKeys(src, entries, ["name", ...FORMS], what);
    const forms = entries.filter((e) => (FORMS as readonly string[]).includes(e.key));
    if (forms.length !== 1) throw src.error(item, `${what}: give one of 'never', 'only' and 'tenant-isolation'`);
    const [form] = forms;
    const nameNode = entries.find((e) => e.key === "name");
    if (form.key === "tenant-isolation") {
      const t = readTenantIsolation(src, form.value, `${what}: tenant-isolation`);
      const name = nameNode ? src.string(nameNode.value, `${what}: name`) : `tenant isolation of ${t.topics}`;
      return (["publish", "subscribe"] as const).map((action) => ({
        name: `${name} (${action})`,
        at: src.placeOf(item),
        action,
        topic: t.region,
        unless: null,
        own: { attribute: t.attribute, topics: t.topics },
      }));
    }
    const p =
      form.key === "never"
        ? readNever(src, form.value, `${what}: never`, "unless")
        : readNever(src, form.value, `${what}: only`, "clients");
    const named = form.key === "never" ? `never ${p.action} ${p.topic}` : `only some clients ${p.action} ${p.topic}`;
    return [
      {
        name: nameNode ? src.string(nameNode.value, `${what}: name`) : named,
        at: src.placeOf(item),
        ...p,
      },
    ];
  });
}

/**
 * `tenant-isolation: {attribute: A, topics: "t/${A}/#"}`: the topics as an EMQX 5+ filter
 * with `${client_attrs.A}`, and the region, every tenant's tree (`${A}` read as `+`).
 */
function readTenantIsolation(
  src: YamlSource,
  node: Node | null,
  what: string,
): { attribute: string; topics: string; region: string } {
  const entries = src.entries(node, what);
  refuseUnknownKeys(src, entries, ["attribute", "topics"], what);
  const attrNode = entries.find((e) => e.key === "attribute");
  const topicsNode = entries.find((e) => e.key === "topics");
  if (!attrNode) throw src.error(node, `${what}: 'attribute' is missing (a client attribute, e.g. tenant)`);
  if (!topicsNode) throw src.error(node, `${what}: 'topics' is missing (e.g. "t/\${tenant}/#")`);
  const attribute = src.string(attrNode.value, `${what}: attribute`);
  if (!/^[A-Za-z0-9_]+$/.test(attribute))
    throw src.error(attrNode.value, `${what}: attribute must be a client attribute name (letters, digits, _)`);
  const text = src.string(topicsNode.value, `${what}: topics`);
  const mark = "${" + attribute + "}";
  const levels = text.split("/");
  const at = levels.indexOf(mark);
  if (at < 0 || levels.indexOf(mark, at + 1) >= 0)
    throw src.error(topicsNode.value, `${what}: topics must hold ${mark} once, as a whole level`);
  const region = levels.map((l, i) => (i === at ? "+" : l)).join("/");
  if (!validFilter(region))
    throw src.error(topicsNode.value, `${what}: topics must be an MQTT topic filter with ${mark} as one level`);
  const topics = levels.map((l, i) => (i === at ? "${client_attrs." + attribute + "}" : l)).join("/");
  return { attribute, topics, region };
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
