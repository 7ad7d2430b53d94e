/**
 * EMQX 5/6's implicit `client_info` source: the ACL a client got at login (JWT `acl`
 * claim, HTTP authentication `acl` field), consulted after the superuser check and before
 * every configured source (`emqx_authz:sources_with_defaults/1` puts it first).
 * Facts, from emqx/emqx (v5.8.9 and master unless said):
 * - no `acl` in the client info → `ignore`: the chain goes on
 *   (`sources/emqx_authz_client_info.erl` `authorize/4`);
 * - `expire` set and not an integer greater than now (v5.8.9) / at least now (6.0:
 *   `N >= Now`) → `{matched, deny}` (`check/1`, `check/2`);
 * - a rules list: read by `emqx_authz_rule_raw:parse_and_compile_rules/1` (the REST /
 *   database raw rules), first match wins, no match → `nomatch`: the chain goes on
 *   (`authorize_v2/4`); a bad rule is `bad_acl_rule` and the login itself fails
 *   (`emqx_authn_jwt:extra_to_auth_data/4`, `emqx_authn_http:extract_auth_data/2`);
 * - the legacy `{"pub": [..], "sub": [..], "all": [..]}` object (JWT only:
 *   `emqx_authn_jwt:parse_rules/1` keeps a map as it is): each list, in the order pub,
 *   sub, all, is `emqx_authz_rule:compile({allow, all, Action, Topics})`; no match →
 *   `{matched, deny}` (`authorize_v1/5`);
 * - topics are compiled by `emqx_authz_rule:compile_topic/1`, as acl.conf topics: `eq `
 *   and the `${username}`-style placeholders work the same, and a topic that cannot be
 *   rendered is treated as in every source (`render_topic/2`, hardened profile on master):
 *   so the chain's security profile applies.
 * Rules are converted with emitters' raw-rule reader and decided by core's engine.
 */
import {
  capabilities,
  compileDecider,
  WireError,
  type Decider,
  type Dialect,
  type LoginAcl,
  type Request,
  type RuleSet,
} from "@emqx-acl/core";
import { loadRuleSet } from "@emqx-acl/analysis";
import { rawRulesToAcl } from "@emqx-acl/emitters/seed-importers";
import type { ChainSetting } from "./chain-config";
import { jwtClaimName } from "./jwt-claim";

/** The legacy object's lists, in the order EMQX tries them (`?RULE_NAMES`). */
const LEGACY_KEYS = ["pub", "sub", "all"] as const;
const LEGACY_ACTION = { pub: "publish", sub: "subscribe", all: "all" } as const;
export type LegacyKey = (typeof LEGACY_KEYS)[number];

export interface LoginAclModel {
  format: "rules" | "legacy";
  /** The acl.conf text the rules read as. */
  text: string;
  ruleSet: RuleSet;
  decider: Decider;
  /** Legacy only: rule number → the list it was made from (empty lists make no rule). */
  keys: LegacyKey[];
}

/** The legacy object → raw rules (one allow per non-empty list); throws WireError on a bad list. */
function legacyRules(acl: Record<string, unknown>): { rules: Record<string, unknown>[]; keys: LegacyKey[] } {
  const rules: Record<string, unknown>[] = [];
  const keys: LegacyKey[] = [];
  for (const key of LEGACY_KEYS) {
    const topics = Object.prototype.hasOwnProperty.call(acl, key) ? acl[key] : undefined;
    if (topics === undefined) continue;
    // EMQX would crash the source on these at every request (and go on); refused here
    if (!Array.isArray(topics) || topics.some((t) => typeof t !== "string"))
      throw new WireError(`"acl": "${key}" must be a list of topic filters (strings)`);
    if (topics.length === 0) continue;
    rules.push({ permission: "allow", action: LEGACY_ACTION[key], topics });
    keys.push(key);
  }
  return { rules, keys };
}

function buildModel(acl: LoginAcl["rules"], dialect: Dialect, profile: "legacy" | "hardened"): LoginAclModel {
  const legacy = !Array.isArray(acl);
  const { rules, keys } = legacy ? legacyRules(acl) : { rules: acl, keys: [] };
  const imported = rawRulesToAcl(rules, dialect, ["login ACL (JWT/HTTP acl)"]);
  if (imported.errors.length > 0)
    throw new WireError(`"acl" ${imported.errors[0]} (EMQX refuses such a login: bad_acl_rule)`);
  const loaded = loadRuleSet(imported.text, { dialect });
  const ruleSet = loaded.lowered.ruleSet;
  if (ruleSet.loadError)
    throw new WireError(`"acl": EMQX refuses such a login (bad_acl_rule): ${ruleSet.loadError.message}`);
  return {
    format: legacy ? "legacy" : "rules",
    text: loaded.parse.text,
    ruleSet,
    decider: compileDecider(ruleSet, { securityProfile: profile }),
    keys,
  };
}

/** Models by their JSON: request lines of one client repeat the same ACL. */
const models = new Map<string, LoginAclModel>();
const MAX_MODELS = 256;

/** The login ACL read as rules (cached); throws WireError when EMQX would refuse the login. */
export function loginAclModel(acl: LoginAcl, dialect: Dialect, profile: "legacy" | "hardened"): LoginAclModel {
  const key = `${dialect} ${profile} ${JSON.stringify(acl.rules)}`;
  let m = models.get(key);
  if (m === undefined) {
    m = buildModel(acl.rules, dialect, profile);
    if (models.size >= MAX_MODELS) models.clear();
    models.set(key, m);
  }
  return m;
}

/** Why the login ACL denies everything, or null while it is valid. */
export function expiredNote(acl: LoginAcl, dialect: Dialect): string | null {
  if (acl.expire === undefined) return null;
  const now = acl.now ?? Math.floor(Date.now() / 1000);
  const e = acl.expire;
  if (!Number.isInteger(e)) return `the login ACL's expiry ${e} is not a whole number: EMQX denies`;
  const valid = capabilities(dialect).loginAcl === "through-expire" ? e >= now : e > now;
  return valid ? null : `the login ACL expired (expire ${e}, now ${now})`;
}

/** A login ACL and where it came from, for explain (`from the request's "acl" field`, `from the JWT claim …`). */
export interface LoginAclOrigin {
  acl: LoginAcl;
  from: string;
}

/** The JWT `exp` claim as EMQX keeps it: a number, or a string that reads as one. */
function jwtExpire(exp: unknown): number | undefined {
  if (exp === undefined || typeof exp === "number") return exp;
  if (typeof exp === "string" && /^-?\d+(\.\d+(e[-+]?\d+)?)?$/i.test(exp)) return Number(exp);
  throw new WireError(
    `"jwt_claims": "exp" ${JSON.stringify(exp)} is neither a number nor a numeric string: not modelled`,
  );
}

/**
 * The login ACL a request carries: its `acl` field (as before: the ACL the client got at
 * login, JWT or HTTP), or for a JWT login (`jwt_claims`) the claim the configuration names.
 * Undefined when there is none (a JWT without that claim gets no login ACL).
 */
export function requestLoginAcl(request: Request, claims: ChainSetting<string>[]): LoginAclOrigin | undefined {
  if (request.acl !== undefined) return { acl: request.acl, from: `the request's "acl" field` };
  if (request.jwt === undefined) return undefined;
  const claim = jwtClaimName(claims);
  if (typeof claim === "string") throw new WireError(`"jwt_claims": ${claim}`);
  const c = request.jwt.claims;
  const rules = Object.prototype.hasOwnProperty.call(c, claim.name) ? c[claim.name] : undefined;
  if (rules === undefined) return undefined;
  if (typeof rules !== "object" || rules === null)
    throw new WireError(
      `"jwt_claims": the ACL claim "${claim.name}" is neither a rules list nor a {"pub", "sub", "all"} object: not modelled`,
    );
  const expire = jwtExpire(c.exp);
  const acl: LoginAcl = { rules: rules as LoginAcl["rules"] };
  if (expire !== undefined) acl.expire = expire;
  if (request.jwt.now !== undefined) acl.now = request.jwt.now;
  const setting = claim.written
    ? "authentication.jwt.acl_claim_name"
    : "EMQX's default authentication.jwt.acl_claim_name";
  return { acl, from: `the JWT claim \`${claim.name}\` (${setting})` };
}

/** EMQX 4 has no client_info source: its JWT plugin checks the claim at its own place. */
export function refuseOnV4(request: Request, dialect: Dialect): void {
  if (request.jwt !== undefined && capabilities(dialect).loginAcl === "none")
    throw new WireError(
      `"jwt_claims" is for EMQX 5/6; EMQX 4's JWT plugin reads auth.jwt.acl_claim_name at its own place in the chain (not modelled)`,
    );
  if (request.acl !== undefined && capabilities(dialect).loginAcl === "none")
    throw new WireError(
      `"acl" is for EMQX 5/6; EMQX 4's JWT plugin reads the acl claim in its own place in the chain (not modelled)`,
    );
}
