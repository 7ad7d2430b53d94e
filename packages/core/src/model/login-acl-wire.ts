/**
 * The login ACL fields of a request line: `acl` (what the client got at login, either
 * format), `acl_expire` (JWT `exp` / HTTP `expire_at`, epoch seconds) and `now` (the
 * request's time, epoch seconds). Only the shape is checked here; the rules themselves are
 * checked when the chain converts them. Throws `WireError` naming the field.
 */
import { WireError } from "./wire-error";
import type { JwtLogin, LoginAcl } from "./request";

/** A value for an error message, cut short: an `acl` can be long. */
function shown(v: unknown): string {
  const t = JSON.stringify(v) ?? String(v);
  return t.length > 60 ? `${t.slice(0, 57)}...` : t;
}

const ownField = (o: Record<string, unknown>, k: string) =>
  Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined;

/**
 * `jwt_claims`: the decoded claims of a JWT login, or undefined. The ACL in it is picked by
 * the chain (the claim name is configuration), so `acl` and `acl_expire` cannot come with it.
 */
export function jwtLoginFromWire(o: Record<string, unknown>): JwtLogin | undefined {
  const claims = ownField(o, "jwt_claims");
  if (claims === undefined) return undefined;
  if (typeof claims !== "object" || claims === null || Array.isArray(claims))
    throw new WireError(`"jwt_claims" must be a JSON object (the token's decoded claims), got ${shown(claims)}`);
  // one login gives one ACL: a JWT login's is in its claims
  if (ownField(o, "acl") !== undefined)
    throw new WireError(`"jwt_claims" and "acl": a login is either a JWT login (jwt_claims) or gives "acl", not both`);
  if (ownField(o, "acl_expire") !== undefined)
    throw new WireError(`"acl_expire" with "jwt_claims": a JWT login's expiry is its "exp" claim`);
  const now = ownField(o, "now");
  if (now !== undefined && (typeof now !== "number" || !Number.isInteger(now) || now < 0))
    throw new WireError(`"now" must be a whole number of epoch seconds, got ${shown(now)}`);
  return now === undefined
    ? { claims: claims as Record<string, unknown> }
    : { claims: claims as Record<string, unknown>, now };
}

/** The login ACL of a parsed request object, or undefined when it carries none. */
export function loginAclFromWire(o: Record<string, unknown>): LoginAcl | undefined {
  const own = (k: string) => ownField(o, k);
  if (own("jwt_claims") !== undefined) return undefined;
  const rules = own("acl");
  const expire = own("acl_expire");
  const now = own("now");
  if (rules === undefined) {
    if (expire !== undefined) throw new WireError(`"acl_expire" needs "acl"`);
    if (now !== undefined) throw new WireError(`"now" needs "acl" and "acl_expire"`);
    return undefined;
  }
  if (typeof rules !== "object" || rules === null)
    throw new WireError(
      `"acl" must be a JSON array of rules or a {"pub": [...], "sub": [...], "all": [...]} object, got ${shown(rules)}`,
    );
  // any number: EMQX compares it as it is, and denies for one that is not an integer
  if (expire !== undefined && (typeof expire !== "number" || !Number.isFinite(expire)))
    throw new WireError(`"acl_expire" must be a number (epoch seconds), got ${shown(expire)}`);
  if (now !== undefined) {
    if (expire === undefined) throw new WireError(`"now" needs "acl_expire"`);
    if (typeof now !== "number" || !Number.isInteger(now) || now < 0)
      throw new WireError(`"now" must be a whole number of epoch seconds, got ${shown(now)}`);
  }
  return {
    rules: rules as LoginAcl["rules"],
    ...(expire !== undefined ? { expire } : {}),
    ...(now !== undefined ? { now } : {}),
  };
}
