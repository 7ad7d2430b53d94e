/**
 * MongoDB documents and built-in database REST bodies → acl.conf. Documents keep their
 * order (natural order); REST rules are ordered as EMQX checks them: client-id rules,
 * username rules, then the rules for everyone. The selecting name becomes a condition.
 */
import { toBytes, type Dialect } from "@emqx-acl/core";
import { erlText } from "./literals";
import { rawRuleToTerm, type RawRule, type RawValue } from "./raw-rule";
import { aclText, type ImportedAcl } from "./sql-import";

/** JSON values → raw values (strings as UTF-8 byte strings). */
export function jsonToRaw(v: unknown): RawValue {
  if (typeof v === "string") return toBytes(v);
  if (Array.isArray(v)) return v.map(jsonToRaw);
  if (v === null || typeof v === "number" || typeof v === "boolean") return v;
  return undefined;
}

function rawOf(o: Record<string, unknown>): RawRule {
  const r: RawRule = {};
  for (const [k, v] of Object.entries(o)) r[k] = jsonToRaw(v);
  return r;
}

function nameWho(kind: "username" | "clientid", v: unknown, dialect: Dialect): string[] {
  return typeof v === "string" ? [`{${kind}, ${erlText(toBytes(v), dialect)}}`] : [];
}

/** MongoDB documents (natural order) → acl.conf; `username`/`clientid` fields are the filter's. */
export function mongoDocsToAcl(
  docs: Record<string, unknown>[],
  dialect: Dialect,
  header: string[],
  noMatch?: "allow" | "deny" | null,
): ImportedAcl {
  const terms: string[] = [];
  const errors: string[] = [];
  docs.forEach((d, i) => {
    const raw = rawOf(d);
    delete raw.username;
    delete raw.clientid;
    const r = rawRuleToTerm(raw, dialect, [
      ...nameWho("username", d.username, dialect),
      ...nameWho("clientid", d.clientid, dialect),
    ]);
    if (r.ok) terms.push(r.term);
    else errors.push(`document ${i + 1}: ${r.reason}`);
  });
  return { text: aclText(header, terms, noMatch), errors, rowOf: [] };
}

/**
 * A rules list as a client gets it at login (JWT `acl` claim, HTTP `acl` field) → acl.conf,
 * one term per rule in order: EMQX reads it with the same `emqx_authz_rule_raw` as the
 * REST bodies. An element that is not an object is EMQX's `invalid_rule`.
 */
export function rawRulesToAcl(rules: unknown[], dialect: Dialect, header: string[]): ImportedAcl {
  const terms: string[] = [];
  const errors: string[] = [];
  rules.forEach((rule, i) => {
    const r =
      typeof rule === "object" && rule !== null && !Array.isArray(rule)
        ? rawRuleToTerm(rawOf(rule as Record<string, unknown>), dialect)
        : { ok: false as const, reason: "invalid_rule: not an object with 'permission' and 'action'" };
    if (r.ok) terms.push(r.term);
    else errors.push(`rule ${i + 1}: ${r.reason}`);
  });
  return { text: aclText(header, terms, null), errors, rowOf: [] };
}

interface Keyed {
  username?: string;
  clientid?: string;
  rules: Record<string, unknown>[];
}

/** Built-in database REST calls (`requests.json`) → acl.conf in EMQX's evaluation order. */
export function apiCallsToAcl(
  calls: { path: string; body: unknown }[],
  dialect: Dialect,
  header: string[],
  noMatch?: "allow" | "deny" | null,
): ImportedAcl {
  const clients: Keyed[] = [];
  const users: Keyed[] = [];
  const all: Record<string, unknown>[] = [];
  for (const c of calls) {
    if (c.path.endsWith("/rules/users")) users.push(...(c.body as Keyed[]));
    else if (c.path.endsWith("/rules/clients")) clients.push(...(c.body as Keyed[]));
    else if (c.path.endsWith("/rules/all")) all.push(...(c.body as { rules: Record<string, unknown>[] }).rules);
  }
  const terms: string[] = [];
  const errors: string[] = [];
  const add = (rules: Record<string, unknown>[], who: string[], where: string) =>
    rules.forEach((rule, i) => {
      const r = rawRuleToTerm(rawOf(rule), dialect, who);
      if (r.ok) terms.push(r.term);
      else errors.push(`${where} rule ${i + 1}: ${r.reason}`);
    });
  for (const k of clients) add(k.rules, nameWho("clientid", k.clientid, dialect), `client ${k.clientid}`);
  for (const k of users) add(k.rules, nameWho("username", k.username, dialect), `user ${k.username}`);
  add(all, [], "all");
  return {
    text: aclText(
      [...header, "order: client-id rules, username rules, rules for everyone (as EMQX checks them)"],
      terms,
      noMatch,
    ),
    errors,
    rowOf: [],
  };
}
