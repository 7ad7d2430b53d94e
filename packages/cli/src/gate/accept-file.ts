/**
 * The accepted-changes file of `diff --accept` (YAML or JSON, docs/accept-file.md): newly
 * allowed access a change is allowed to bring, each entry with a reason. An entry accepts
 * either what one rule of the new file newly allows (`rule: N` or `line: L`), or a region of
 * requests (`topic`, optionally `action` and `who`). Mistakes are reported as file:line:col.
 */
import { parseAddress } from "@emqx-acl/core";
import type { Node } from "yaml";
import { refuseUnknownKeys, YamlSource, type Place } from "../authz-tests/yaml-reader";

/** A name as written: exact, or an Erlang regex (`{re: R}`). */
export type NameSpec = { eq: string } | { re: string };

/** Who a region entry covers; absent fields match every client. */
export interface WhoSpec {
  username?: NameSpec;
  clientid?: NameSpec;
  /** Addresses or CIDRs; a client from any of them. */
  ipaddr?: string[];
}

export type AcceptMatch =
  | { kind: "rule"; rule: number }
  | { kind: "line"; line: number }
  | { kind: "region"; who: WhoSpec; action: "publish" | "subscribe" | "all"; topics: string[] };

/** One entry of the accepted-changes file. */
export interface AcceptEntry {
  /** 1-based position in the `accept` list. */
  n: number;
  at: Place;
  reason: string;
  match: AcceptMatch;
}

export interface AcceptFile {
  path: string;
  entries: AcceptEntry[];
  /** Locates nodes for errors found later (e.g. a regex EMQX refuses). */
  source: YamlSource;
}

const ENTRY_KEYS = ["reason", "rule", "line", "who", "action", "topic"] as const;
const WHO_KEYS = ["username", "clientid", "ipaddr"] as const;

/** Parses the accepted-changes file; throws a TestFileError (`path:line:col: why`). */
export function parseAcceptFile(path: string, text: string): AcceptFile {
  const src = new YamlSource(path, text);
  const top = src.entries(src.root, "the accepted-changes file");
  refuseUnknownKeys(src, top, ["accept"], "the accepted-changes file");
  const list = top.find((e) => e.key === "accept");
  if (!list) throw src.error(src.root, "the accepted-changes file needs an 'accept' list");
  const entries = src.items(list.value, "accept").map((node, i) => readEntry(src, node, i + 1));
  return { path, entries, source: src };
}

function readEntry(src: YamlSource, node: Node, n: number): AcceptEntry {
  const what = `accept entry ${n}`;
  const entries = src.entries(node, what);
  refuseUnknownKeys(src, entries, ENTRY_KEYS, what);
  const get = (k: string) => entries.find((e) => e.key === k);
  const reasonNode = get("reason");
  if (!reasonNode) throw src.error(node, `${what}: 'reason' is missing (say why this access is accepted)`);
  const reason = src.string(reasonNode.value, `${what}: reason`);
  if (reason.trim() === "") throw src.error(reasonNode.value, `${what}: reason must not be empty`);
  const by = (["rule", "line"] as const).filter((k) => get(k));
  const region = (["who", "action", "topic"] as const).filter((k) => get(k));
  if (by.length + (region.length ? 1 : 0) !== 1) {
    throw src.error(node, `${what}: give exactly one of rule, line, or a region (topic, with optional action and who)`);
  }
  const at = src.placeOf(node);
  if (by.length) {
    const k = by[0];
    const v = src.integer(get(k)!.value, `${what}: ${k}`, 1, 2 ** 31);
    return { n, at, reason, match: k === "rule" ? { kind: "rule", rule: v } : { kind: "line", line: v } };
  }
  return { n, at, reason, match: readRegion(src, node, get, what) };
}

type Getter = (k: string) => { value: Node | null } | undefined;

function readRegion(src: YamlSource, node: Node, get: Getter, what: string): AcceptMatch {
  const topicNode = get("topic");
  if (!topicNode)
    throw src.error(
      node,
      `${what}: 'topic' is missing (a topic filter or a list of them; "#" for every topic not starting with $)`,
    );
  const list = src.isList(topicNode.value) ? src.items(topicNode.value, `${what}: topic`) : [topicNode.value];
  if (list.length === 0) throw src.error(topicNode.value, `${what}: topic: give at least one topic filter`);
  const topics = list.map((t) => {
    const s = src.string(t, `${what}: topic`);
    if (s === "" || s.includes("${"))
      throw src.error(t, `${what}: topic must be a non-empty topic filter without placeholders`);
    return s;
  });
  const actionNode = get("action");
  const action = actionNode ? src.string(actionNode.value, `${what}: action`) : "all";
  if (action !== "publish" && action !== "subscribe" && action !== "all")
    throw src.error(actionNode!.value, `${what}: action must be publish, subscribe or all`);
  const whoNode = get("who");
  return { kind: "region", who: whoNode ? readWho(src, whoNode.value, `${what}: who`) : {}, action, topics };
}

function readWho(src: YamlSource, node: Node | null, what: string): WhoSpec {
  const entries = src.entries(node, what);
  refuseUnknownKeys(src, entries, WHO_KEYS, what);
  if (entries.length === 0)
    throw src.error(node, `${what}: give username, clientid or ipaddr (or leave 'who' out for every client)`);
  const who: WhoSpec = {};
  for (const { key, value } of entries) {
    if (key === "ipaddr") who.ipaddr = readAddresses(src, value, `${what}: ipaddr`);
    else who[key as "username" | "clientid"] = readName(src, value, `${what}: ${key}`);
  }
  return who;
}

function readName(src: YamlSource, node: Node | null, what: string): NameSpec {
  if (!src.isMapping(node)) return { eq: src.string(node, what) };
  const entries = src.entries(node, what);
  refuseUnknownKeys(src, entries, ["re"], what);
  if (entries.length !== 1) throw src.error(node, `${what}: a name or {re: REGEX}`);
  return { re: src.string(entries[0].value, `${what}: re`) };
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
