/**
 * Why a who / condition did not hold for a request, in words, for `explain`: the first
 * failing part of an `'and'`, each value compared, the peer address against the CIDRs.
 */
import type { Condition, NameMatch } from "../model/rule";
import { showBytes } from "../model/bytes";
import { matchCondition, type EngineOptions } from "./match-rule";
import type { PreparedRequest } from "./prepare";

function wanted(m: NameMatch): string {
  return m.kind === "exact" ? `"${showBytes(m.value)}"` : `the regex /${showBytes(m.pattern)}/`;
}

function nameMiss(what: string, value: string | null, m: NameMatch): string {
  if (value === null) return `the client has no ${what}; the rule wants ${wanted(m)}`;
  return `${what} "${showBytes(value)}" ${m.kind === "exact" ? "≠" : "does not match"} ${wanted(m)}`;
}

/** One line saying why `c` is false for the request. */
export function describeMiss(c: Condition, p: PreparedRequest, opts: EngineOptions): string {
  const r = p.request;
  switch (c.kind) {
    case "all":
      return "always true";
    case "username":
      return nameMiss("username", r.username, c.match);
    case "clientid":
      return nameMiss("client id", r.clientid, c.match);
    case "zone":
      return nameMiss("zone", p.zone, c.match);
    case "listener":
      return nameMiss("listener", p.listener, c.match);
    case "client_attr": {
      const has = Object.prototype.hasOwnProperty.call(r.client_attrs, c.name);
      return nameMiss(`client attribute ${showBytes(c.name)}`, has ? r.client_attrs[c.name] : null, c.match);
    }
    case "ipaddr": {
      const nets = c.cidrs.map((x) => x.text).join(", ") || "(no address)";
      if (r.peerhost === null) return `the client has no peer address; the rule wants ${nets}`;
      return `peer ${r.peerhost} is not in ${nets}`;
    }
    case "security_profile":
      return `the node's security profile is ${opts.securityProfile ?? "legacy"}, the rule wants ${c.profile}`;
    case "and": {
      const failing = c.items.find((i) => matchCondition(i, p, opts) === 0);
      return failing ? describeMiss(failing, p, opts) : "'and' does not hold";
    }
    case "or":
      return c.items.length === 0
        ? "{'or', []} is always false"
        : `none of the ${c.items.length} 'or' alternatives holds (${c.items.map((i) => describeMiss(i, p, opts)).join("; ")})`;
  }
}
