/**
 * The rule model: what a term means to EMQX of one dialect, after lowering.
 *
 * Byte strings: usernames, client ids, topics and other names are compared by EMQX as
 * binaries. We hold them as "byte strings": JS strings whose every char code is one byte
 * (0..255). `toBytes`/`fromBytes` in `bytes.ts` convert from and to UTF-8 text.
 */
import type { Span } from "@emqx-acl/syntax";

/** A JS string whose every char code is 0..255 (one byte each). */
export type Bytes = string;

import type { Dialect } from "./dialects";
export type { Dialect };

export type Permission = "allow" | "deny";

/** How a name (username, clientid, zone, listener, client attribute) is matched. */
export type NameMatch =
  | { kind: "exact"; value: Bytes }
  /** `{re, R}`: Erlang `re` semantics; `pattern` is the pattern's bytes, unanchored. */
  | { kind: "re"; pattern: Bytes };

/** A parsed CIDR as EMQX (esockd_cidr) understands it, host bits already cleared. */
export interface Cidr {
  family: 4 | 6;
  /** Network address as a BigInt over 32 or 128 bits. */
  network: bigint;
  /** Prefix length as written (0..32 or 0..128). */
  prefixLength: number;
  /** The mask EMQX effectively applies (differs from prefixLength for the IPv6 /48 bug). */
  mask: bigint;
  /** Source text, e.g. "10.0.0.0/8". */
  text: string;
  /** IPv4 only: network and mask as unsigned 32-bit numbers (fast path; same meaning). */
  network4?: number;
  mask4?: number;
}

export type Condition =
  | ({ kind: "all" } & Span)
  | ({ kind: "username"; match: NameMatch } & Span)
  | ({ kind: "clientid"; match: NameMatch } & Span)
  /** `{ipaddr, C}` (one CIDR) and `{ipaddrs, [C...]}` (any of them). */
  | ({ kind: "ipaddr"; cidrs: Cidr[] } & Span)
  | ({ kind: "client_attr"; name: Bytes; match: NameMatch } & Span)
  | ({ kind: "zone"; match: NameMatch } & Span)
  | ({ kind: "listener"; match: NameMatch } & Span)
  | ({ kind: "security_profile"; profile: "legacy" | "hardened" } & Span)
  /** `{'and', []}` is true, `{'or', []}` is false. */
  | ({ kind: "and" | "or"; items: Condition[] } & Span);

export type Qos = 0 | 1 | 2;

export interface Action extends Span {
  publish: boolean;
  subscribe: boolean;
  /** QoS levels the rule accepts (a set; empty = the rule can never match). */
  qos: Qos[];
  /** Retain flags a publish may carry: "all", or exactly true / false. */
  retain: "all" | boolean;
}

/** A placeholder reference inside a topic. `name` is canonical (`username`, `clientid`,
 * `cert_common_name`, `zone`, `client_attrs.NAME`; v4: `username`, `clientid`, `cida`, `cna`). */
export interface PlaceholderRef {
  placeholder: string;
  /** As written, e.g. "${username}" or "%u". */
  raw: string;
}

export type TopicPattern =
  /** `{eq, T}` / `"eq T"`: exact word-list equality, no wildcards, no placeholders. */
  | ({ kind: "eq"; text: Bytes; words: Bytes[] } & Span)
  /** A filter with no placeholder to render (v5: also one with only unknown `${…}`). */
  | ({ kind: "filter"; text: Bytes; words: Bytes[] } & Span)
  /** v4: placeholders are whole levels, the rendered value is inserted as ONE word. */
  | ({ kind: "level-template"; text: Bytes; words: (Bytes | PlaceholderRef)[] } & Span)
  /** v5/v6: `${…}` anywhere in the string; render the text, then split into words. */
  | ({ kind: "text-template"; text: Bytes; parts: (Bytes | PlaceholderRef)[] } & Span);

export type TopicSpec =
  /** No topic test at all (v4 `{P, all}`, v5.8.9+/v6 `all` topic list and `{P, all}`). */
  ({ kind: "all" } & Span) | ({ kind: "list"; items: TopicPattern[] } & Span);

export interface Rule extends Span {
  /** 1-based index of the top-level term (EMQX's rule number). */
  index: number;
  permission: Permission;
  who: Condition;
  action: Action;
  topics: TopicSpec;
  /** Written as a 2-tuple `{P, all}` / `{P, {security_profile, X}}`. */
  shorthand: boolean;
}

/** Why EMQX refuses to load the file: `term` is null for a consult (syntax) error. */
export interface LoadError {
  message: string;
  term: number | null;
}

export interface RuleSet {
  dialect: Dialect;
  /** Rules in file order; empty when the file does not load. */
  rules: Rule[];
  loadError: LoadError | null;
}
