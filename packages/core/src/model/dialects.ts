/**
 * The EMQX versions this tool models, as data: one record of capabilities per dialect.
 *
 * Code that behaves differently per version reads a capability here instead of comparing
 * dialect names, so supporting another version is one more record (the type checker then
 * points at every `Record<Dialect, …>` table that needs a row) plus what truly differs.
 * Facts: `shared/spec/acl-language.md`; truth: `shared/conformance/<dialect>/`.
 */
import { DIALECTS, type Dialect } from "@emqx-acl/syntax";
import type { RegexFlavor } from "../regex/byte-set";

// the list itself is syntax's (the diagnostic catalogue names versions); re-exported here
export { DIALECTS, dialectsFrom, type Dialect } from "@emqx-acl/syntax";

/** What one EMQX version accepts and how it decides; every field is something code branches on. */
export interface DialectCapabilities {
  /** How messages name the version. */
  name: string;
  /** The major version, for messages such as "EMQX 5+" and `--emqx N`. */
  major: number;
  // --- acl.conf: reading and compiling rules
  /**
   * The module that compiles acl.conf rules. `emqx_access_rule` (EMQX 4) refuses with
   * function_clause crashes, takes one binary as a topic list and checks the action and
   * the topic container before who; `emqx_authz_rule` (5+) logs named errors.
   */
  ruleCompiler: "emqx_access_rule" | "emqx_authz_rule";
  /** How string literals become bytes: `list_to_binary/1` (Latin-1) or `unicode:characters_to_binary/1` (UTF-8; binaries must be valid UTF-8 too). */
  stringEncoding: "latin1" | "utf8";
  /** The names of the who-conditions emitters write for a username and a client id (5+ also read `user`/`client`). */
  whoTags: { username: "user" | "username"; clientid: "client" | "clientid" };
  /** `{username, {re, R}}`-style regular expressions on names. */
  nameRegex: boolean;
  /** An invalid `{re, R}` logs `invalid_re_pattern` with the condition (e5.9+), not a `badmatch` crash. */
  namedRegexErrors: boolean;
  /** `bin/1` takes atoms as names (e5.9+: `atom_to_binary/2`). */
  atomNames: boolean;
  /** `{client_attr, N, V}` conditions and `${client_attrs.N}` placeholders. */
  clientAttrs: boolean;
  /** `{zone, Z}` and `{listener, L}` conditions. */
  zoneListener: boolean;
  /** Security profiles: `{security_profile, P}` conditions and the hardened profile. */
  securityProfiles: boolean;
  /** The action atom for publish and subscribe. */
  bothAction: "pubsub" | "all";
  /** `{Action, [{qos, Q}, {retain, R}]}` actions. */
  actionOptions: boolean;
  /** The atom `all` in the topic position (`{P, Who, A, all}`). */
  topicsAll: boolean;
  // --- topics and placeholders
  /** `%u`/`%c` that fill one topic level (v4), or `${name}` text templates (5+). */
  placeholders: "percent" | "template";
  /** How topics spell the username and client id placeholders. */
  placeholderSpelling: { username: string; clientid: string };
  /** The value of `${username}` for a client without a username (5+ renders the atom undefined). */
  missingUsername: "undefined" | null;
  /** `topic_template_allow`: a placeholder value with `+`, `#`, `/` or invalid UTF-8 stops the rule (6). */
  templateGuard: boolean;
  /** What a rule whose topic cannot be rendered does: no match (4: the next rule is tried) or an abort up the chain (5+). */
  renderFailure: "no-match" | "abort";
  /** A leading `+`/`#` never matches a topic starting with `$` (5+; EMQX 4.4 lets it). */
  dollarGuard: boolean;
  /** `emqx_packet:check/1` validates the group of a `$share/<group>/` SUBSCRIBE filter (5+). */
  validatesShareGroup: boolean;
  /** `$delayed/<N>/T` is checked as `T`, and refused when no topic follows (5+). */
  delayedPrefix: boolean;
  /** `emqx_topic:parse/2` recurses after `$share/<g>/` and `$queue/`, so a following `$exclusive/` goes too (4). */
  sharePrefixRecurses: boolean;
  /** Which `re` runs `{re, R}` (see regex/compile.ts). */
  regexFlavor: RegexFlavor;
  // --- database sources
  /**
   * What database sources hold: EMQX 4's auth plugins read positional `mqtt_acl` rows and
   * bitmask Redis hashes (`acl_query`/`acl_cmd` with %-codes); 5+ authz sources read raw rules.
   */
  backendRules: "plugin-rows" | "raw-rules";
  /** Raw rules carry who keys (`username_re`, `clientid_re`, `zone`, `listener`, `ipaddr`) and the REST API keeps file order (`rules/all`) (e5.9+). */
  rawRuleWhoKeys: boolean;
  /**
   * The ACL a client got at login (JWT/HTTP `acl`, the `client_info` source before every
   * configured one): none in EMQX 4 (its JWT plugin checks the claim in the plugin order);
   * valid while `expire > now` (5.8.9) or `expire >= now` (6.0)
   * (`emqx_authz_client_info:check/1,2`).
   */
  loginAcl: "none" | "until-expire" | "through-expire";
  // --- the broker's configuration
  /** emqx.conf syntax: flat cuttlefish `key = value` (4) or HOCON (5+). */
  configFormat: "cuttlefish" | "hocon";
  /** The configuration key of the no-match decision. */
  noMatchKey: "acl_nomatch" | "authorization.no_match";
  /** An acl.conf the file source cannot read: EMQX 4 runs the module with no rules; 5+ refuses the configuration. */
  unreadableAclFile: "no-rules" | "refuse";
  /** A configuration update (dashboard, REST API, `emqx ctl conf load`) replaces the chain on a running node and drains the authorization caches (5+). */
  liveChainUpdate: boolean;
  /** The authorization cache also keeps a superuser's allow (EMQX 4 does not cache it). */
  cachesSuperuser: boolean;
  /** `node.cookie` not set: EMQX 4 falls back to its default cookie; 5+ require it (from the file or EMQX_NODE__COOKIE). */
  cookieUnset: "default" | "required";
  /** `node.cookie` may be `file://PATH` and must be 1..255 bytes without `\\`, `'`, `"` or space; a `#` is kept (6.0.3+). */
  strictCookie: boolean;
  /** `no_match` when not written (EMQX 4's schema default; 5.8 allow; 6.0 deny). */
  noMatchDefault: "allow" | "deny";
}

const V4: DialectCapabilities = {
  name: "EMQX 4.4",
  major: 4,
  ruleCompiler: "emqx_access_rule",
  stringEncoding: "latin1",
  whoTags: { username: "user", clientid: "client" },
  nameRegex: false,
  namedRegexErrors: false,
  atomNames: false,
  clientAttrs: false,
  zoneListener: false,
  securityProfiles: false,
  bothAction: "pubsub",
  actionOptions: false,
  topicsAll: false,
  placeholders: "percent",
  placeholderSpelling: { username: "%u", clientid: "%c" },
  missingUsername: null,
  templateGuard: false,
  renderFailure: "no-match",
  dollarGuard: false,
  validatesShareGroup: false,
  delayedPrefix: false,
  sharePrefixRecurses: true,
  regexFlavor: "pcre1-latin1",
  backendRules: "plugin-rows",
  rawRuleWhoKeys: false,
  loginAcl: "none",
  configFormat: "cuttlefish",
  noMatchKey: "acl_nomatch",
  unreadableAclFile: "no-rules",
  liveChainUpdate: false,
  cachesSuperuser: false,
  cookieUnset: "default",
  strictCookie: false,
  // emqx/emqx@v4.4.19:priv/emqx.schema; the shipped emqx.conf writes allow
  noMatchDefault: "deny",
};

const V5: DialectCapabilities = {
  name: "EMQX 5.8",
  major: 5,
  ruleCompiler: "emqx_authz_rule",
  stringEncoding: "utf8",
  whoTags: { username: "username", clientid: "clientid" },
  nameRegex: true,
  namedRegexErrors: false,
  atomNames: false,
  clientAttrs: true,
  zoneListener: false,
  securityProfiles: false,
  bothAction: "all",
  actionOptions: true,
  topicsAll: true,
  placeholders: "template",
  placeholderSpelling: { username: "${username}", clientid: "${clientid}" },
  missingUsername: "undefined",
  templateGuard: false,
  renderFailure: "abort",
  dollarGuard: true,
  validatesShareGroup: true,
  delayedPrefix: true,
  sharePrefixRecurses: false,
  regexFlavor: "pcre1-latin1",
  backendRules: "raw-rules",
  rawRuleWhoKeys: false,
  loginAcl: "until-expire",
  configFormat: "hocon",
  noMatchKey: "authorization.no_match",
  unreadableAclFile: "refuse",
  liveChainUpdate: true,
  cachesSuperuser: true,
  cookieUnset: "required",
  strictCookie: false,
  // emqx/emqx@v5.8.9:apps/emqx/src/emqx_schema.erl authz_fields/0
  noMatchDefault: "allow",
};

/** EMQX 6: 5.8 plus e5.9's atoms, zone/listener/security-profile conditions, topic_template_allow. */
const V6: DialectCapabilities = {
  ...V5,
  name: "EMQX 6",
  major: 6,
  atomNames: true,
  namedRegexErrors: true,
  zoneListener: true,
  securityProfiles: true,
  templateGuard: true,
  rawRuleWhoKeys: true,
  loginAcl: "through-expire",
  strictCookie: true,
  // HEAD runs on OTP 28; the conformance vectors were made on OTP 25 (regex/compile.ts)
  regexFlavor: "pcre2-ascii",
  // same authz_fields/0 at e6.0.0
  noMatchDefault: "deny",
};

/** The capabilities of every dialect. */
export const CAPABILITIES: Readonly<Record<Dialect, Readonly<DialectCapabilities>>> = { v4: V4, v5: V5, v6: V6 };

/** The capabilities of one dialect. */
export function capabilities(dialect: Dialect): Readonly<DialectCapabilities> {
  return CAPABILITIES[dialect];
}

/** True for a dialect name (settings and command-line values are checked with it). */
/** A table with one entry per version, computed from each (its type names every version). */
export function perDialect<T>(f: (dialect: Dialect) => T): Record<Dialect, T> {
  return Object.fromEntries(DIALECTS.map((d) => [d, f(d)])) as Record<Dialect, T>;
}

export function isDialect(value: unknown): value is Dialect {
  return typeof value === "string" && (DIALECTS as readonly string[]).includes(value);
}

/** True when the broker runs the hardened security profile: asked for, and the dialect has profiles. */
export function runsHardened(dialect: Dialect, profile: "legacy" | "hardened" | undefined): boolean {
  return capabilities(dialect).securityProfiles && profile === "hardened";
}

/** The dialects whose capabilities satisfy `test`, oldest first (a rule's `dialects`, say). */
export function dialectsWhere(test: (c: Readonly<DialectCapabilities>) => boolean): Dialect[] {
  return DIALECTS.filter((d) => test(CAPABILITIES[d]));
}
