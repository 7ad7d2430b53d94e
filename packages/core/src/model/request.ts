/**
 * An authorization request as the broker hands it to the file source, after topic
 * pre-processing ($share/$queue/$exclusive, and v5/v6 $delayed, are stripped by the
 * engine's `prepareTopic`). The JSON wire form (conformance vectors, `check`) uses UTF-8
 * text; `fromWire` converts it to byte strings.
 */
import type { Bytes, Qos } from "./rule";

export interface Request {
  username: Bytes | null;
  clientid: Bytes;
  /** IPv4/IPv6 text, or null (ipaddr conditions never match). */
  peerhost: string | null;
  zone: string;
  listener: string;
  cert_common_name: Bytes | null;
  client_attrs: Record<string, Bytes>;
  action: "publish" | "subscribe";
  qos: Qos;
  retain: boolean;
  /** Publish: the topic name; subscribe: the filter exactly as sent. */
  topic: Bytes;
  /**
   * Set by authentication; no rule reads it, but the authorization chain is skipped for a
   * superuser. Present (true) only when the request line said so.
   */
  is_superuser?: true;
  /** Set by authentication (JWT `acl` claim, HTTP `acl` field): EMQX 5/6's `client_info` source. */
  acl?: LoginAcl;
  /**
   * A JWT login: the token's decoded claims. The chain takes the login ACL from the claim
   * its JWT authenticator names (`acl_claim_name`, default `acl`) and the expiry from `exp`.
   */
  jwt?: JwtLogin;
}

/** The decoded claims of the JWT a client logged in with (`jwt_claims` on the wire). */
export interface JwtLogin {
  claims: Record<string, unknown>;
  /** Epoch seconds of the request, compared with the claims' `exp`; absent: the clock. */
  now?: number;
}

/**
 * The ACL a client received at login, as EMQX keeps it in the client info
 * (`emqx_authn_jwt:acl/2`, `emqx_authn_http:acl/3` at emqx/emqx@v5.8.9). Rule syntax is
 * checked by the chain, which converts it; here only its shape.
 */
export interface LoginAcl {
  /** JSON as received: the rules list, or the legacy `{"pub": [..], "sub": [..], "all": [..]}` object. */
  rules: unknown[] | Record<string, unknown>;
  /** Epoch seconds after which EMQX denies everything (JWT `exp`, HTTP `expire_at`); absent: never. */
  expire?: number;
  /** Epoch seconds of the request, compared with `expire`; absent: the clock when deciding. */
  now?: number;
}

/** The request as it appears in requests.jsonl (UTF-8 strings). */
export interface WireRequest {
  username: string | null;
  clientid: string;
  peerhost: string | null;
  zone: string;
  listener: string;
  cert_common_name: string | null;
  client_attrs: Record<string, string>;
  action: "publish" | "subscribe";
  qos: number;
  retain: boolean;
  topic: string;
}

/**
 * What a request line leaves out: a plain TCP client on the default listener, without a
 * username, address or certificate, publishing at QoS 0 without retain.
 */
export const WIRE_DEFAULTS = Object.freeze({
  username: null,
  clientid: "",
  peerhost: null,
  zone: "default",
  listener: "tcp:default",
  cert_common_name: null,
  client_attrs: Object.freeze({}) as Record<string, string>,
  qos: 0,
  retain: false,
} as const satisfies Omit<WireRequest, "action" | "topic">);

/** A request line's fields that describe the client (the rest describe the message). */
export const WIRE_CLIENT_FIELDS = [
  "username",
  "clientid",
  "peerhost",
  "zone",
  "listener",
  "cert_common_name",
  "client_attrs",
] as const satisfies readonly (keyof WireRequest)[];
/** A request line's fields that describe the message. */
export const WIRE_MESSAGE_FIELDS = [
  "action",
  "qos",
  "retain",
  "topic",
] as const satisfies readonly (keyof WireRequest)[];
/** Every field of a request line, clients' first. */
export const WIRE_FIELDS = [...WIRE_CLIENT_FIELDS, ...WIRE_MESSAGE_FIELDS] as const;

export type Decision =
  | { decision: "allow" | "deny"; rule: number; note?: undefined }
  | { decision: "nomatch"; rule: null; note?: undefined }
  /** Refused before any rule is consulted (e.g. an invalid `$delayed` topic). */
  | { decision: "deny"; rule: null; note: string }
  /**
   * This tool cannot decide: rule `rule` might match, but only a regex with no faithful
   * translation (`regex-unsupported`) could tell. Never produced by EMQX itself.
   */
  | { decision: "unknown"; rule: number; note: string };
