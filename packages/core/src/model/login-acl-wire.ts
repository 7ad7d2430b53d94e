/**
 * The login ACL fields of a request line: `acl` (what the client got at login, either
 * format), `acl_expire` (JWT `exp` / HTTP `expire_at`, epoch seconds) and `now` (the
 * request's time, epoch seconds). Only the shape is checked here; the rules themselves are
 * checked when the chain converts them. Throws `WireError` naming the field.
 */
import { WireError } from "./wire-error";
import type { LoginAcl } from "./request";

/** A value for an error message, cut short: an `acl` can be long. */
function shown(v: unknown): string {
  const t = JSON.stringify(v) ?? String(v);
  return t.length > 60 ? `${t.slice(0, 57)}...` : t;
}

/** The login ACL of a parsed request object, or undefined when it carries none. */
export function loginAclFromWire(o: Record<string, unknown>): LoginAcl | undefined {
  const own = (k: string) => (Object.prototype.hasOwnProperty.call(o, k) ? o[k] : undefined);
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
