/**
 * Which JWT claim carries a JWT login's ACL: the JWT authenticator's `acl_claim_name`
 * (default `acl`). Facts, from emqx/emqx:
 * - 5.x/6.x: `authentication` JWT field `acl_claim_name`, a string, default `"acl"`
 *   (`apps/emqx_auth_jwt/src/emqx_authn_jwt_schema.erl` `common_fields/0`, v5.8.9 and
 *   master); `emqx_authn_jwt:acl/2` takes the rules from that claim only (absent: no
 *   login ACL) and the expiry from the `exp` claim (`try_convert_to_num/2` turns a numeric
 *   string into a number first);
 * - v4.4.19: `auth.jwt.acl_claim_name`, default `acl`
 *   (`apps/emqx_auth_jwt/priv/emqx_auth_jwt.schema`, read by `emqx_auth_jwt:check_acl/3`).
 * Listener-level `authentication` lists are not read: the global list is the model.
 */
import { isOn } from "@emqx-acl/audit";
import type { ConfigValue } from "@emqx-acl/syntax";
import type { ChainSetting } from "./chain-config";

const DEFAULT_ACL_CLAIM = "acl";

function scalar(v: ConfigValue | undefined, key: string): { value: string; loc: ConfigValue["loc"] } | undefined {
  const f = v?.kind === "object" ? v.fields.get(key)?.value : undefined;
  return f?.kind === "scalar" ? { value: f.value, loc: f.loc } : undefined;
}

/** The distinct claim names of the enabled JWT authenticators of a 5/6 `authentication` value. */
export function hoconJwtClaims(authentication: ConfigValue | undefined): ChainSetting<string>[] {
  if (authentication === undefined) return [];
  // EMQX accepts one authenticator object as well as a list of them
  const items = authentication.kind === "array" ? authentication.items : [authentication];
  const out: ChainSetting<string>[] = [];
  for (const item of items) {
    if (scalar(item, "mechanism")?.value !== "jwt" || !isOn(scalar(item, "enable")?.value, true)) continue;
    const name = scalar(item, "acl_claim_name");
    const setting: ChainSetting<string> = name ? { value: name.value, loc: name.loc } : { value: DEFAULT_ACL_CLAIM };
    if (!out.some((o) => o.value === setting.value)) out.push(setting);
  }
  return out;
}

/** The one claim name a JWT login's ACL is read from; a message when the authenticators disagree. */
export function jwtClaimName(claims: ChainSetting<string>[]): { name: string; written: boolean } | string {
  if (claims.length > 1)
    return `the JWT authenticators name different ACL claims (${claims.map((c) => `'${c.value}'`).join(", ")}): which one authenticated the client is not modelled`;
  return claims.length === 0
    ? { name: DEFAULT_ACL_CLAIM, written: false }
    : { name: claims[0].value, written: claims[0].loc !== undefined };
}
