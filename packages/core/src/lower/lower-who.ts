/**
 * Who / condition terms → `Condition`, per dialect (spec §2, §4.4). Anything the EMQX
 * compiler of that version raises on becomes a `SchemaError` on the offending sub-term.
 */
import type { Term } from "@emqx-acl/syntax";
import type { Bytes, Cidr, Condition, Dialect, NameMatch } from "../model/rule";
import { parseCidr } from "../engine/cidr";
import { regexFor } from "../engine/regex-bridge";
import { codePointsToUtf8 } from "../model/bytes";
import { isBinary, atomOf, charList, isList, listElements, listToBytes } from "./terms";
import { compilerLog, emqxName, SchemaError, type LowerWarning } from "./schema-error";
import { capabilities } from "../model/dialects";
import { acceptsWhoCondition } from "./who-schema";

export interface WhoContext {
  dialect: Dialect;
  warnings: LowerWarning[];
}

/** `bin/1` of the dialect: v4 and v5 strings or binaries; v6 also atoms. Null if it raises. */
export function nameBytes(term: Term, dialect: Dialect): Bytes | null {
  if (isBinary(term)) return term.bytes;
  if (isList(term)) return listToBytes(term, dialect);
  // e5.9+ `bin/1` takes atoms: atom_to_binary/2 with utf8
  if (term.kind === "atom" && capabilities(dialect).atomNames)
    return codePointsToUtf8([...term.value].map((c) => c.codePointAt(0)!));
  return null;
}

function expectName(term: Term, ctx: WhoContext, what: string): Bytes {
  const b = nameBytes(term, ctx.dialect);
  if (b !== null) return b;
  const caps = capabilities(ctx.dialect);
  const accepted = caps.atomNames ? "a string, a binary or an atom" : "a string or a binary";
  const isRe = term.kind === "tuple" && atomOf(term.elements[0]) === "re";
  const extra = !caps.nameRegex
    ? isRe
      ? " ({re, …} patterns exist only from EMQX 5)"
      : ""
    : !caps.atomNames && term.kind === "atom"
      ? " (atoms are accepted only from EMQX e5.9)"
      : "";
  const bad = isList(term)
    ? caps.stringEncoding === "latin1"
      ? "badarg in list_to_binary/1: a character above 255"
      : "badarg in unicode:characters_to_binary/1"
    : "function_clause in bin/1";
  throw new SchemaError(
    "schema-invalid-name",
    `${what} must be ${accepted}${extra}; ${emqxName(ctx.dialect)} refuses it (${bad})`,
    term,
  );
}

function nameMatch(term: Term, ctx: WhoContext, what: string, regexType: string): NameMatch {
  if (
    term.kind === "tuple" &&
    term.elements.length === 2 &&
    atomOf(term.elements[0]) === "re" &&
    capabilities(ctx.dialect).nameRegex
  ) {
    const pattern = expectName(term.elements[1], ctx, "a {re, Pattern} pattern");
    const r = regexFor(pattern);
    if (r.kind === "invalid") {
      const log = capabilities(ctx.dialect).namedRegexErrors
        ? `invalid_re_pattern, type ${regexType}`
        : "{badmatch,{error,…}}";
      throw new SchemaError(
        "schema-invalid-regex",
        `invalid regular expression: ${r.message} at offset ${r.offset}; ${emqxName(ctx.dialect)} refuses it (${log})`,
        term.elements[1],
      );
    }
    if (r.kind === "unsupported") {
      ctx.warnings.push({
        id: "regex-unsupported",
        message: `this regular expression cannot be evaluated faithfully (${r.reason}); decisions that depend on it are reported as unknown`,
        at: term.elements[1],
      });
    }
    if (r.kind === "partial") {
      ctx.warnings.push({
        id: "regex-unsupported",
        message: `for some values this regular expression cannot be evaluated faithfully (${r.reason}); decisions that depend on those values are reported as unknown`,
        at: term.elements[1],
      });
    }
    return { kind: "re", pattern };
  }
  return { kind: "exact", value: expectName(term, ctx, what) };
}

function cidrOf(term: Term, ctx: WhoContext): Cidr {
  const codes = charList(term);
  if (codes === null) {
    throw new SchemaError(
      "schema-invalid-cidr",
      `an address must be a string such as "10.0.0.0/8" (a binary or atom crashes esockd_cidr:parse/2); ${emqxName(ctx.dialect)} refuses it`,
      term,
    );
  }
  const text = String.fromCodePoint(...codes.filter((c) => c >= 0 && c <= 0x10ffff));
  const r = parseCidr(text);
  if (!r.ok)
    throw new SchemaError(
      "schema-invalid-cidr",
      `invalid address: ${r.message}; ${emqxName(ctx.dialect)} refuses it`,
      term,
    );
  return r.cidr;
}

function lowerList(term: Term, ctx: WhoContext): Condition[] {
  const els = listElements(term);
  if (els === null) throw new SchemaError("schema-invalid-condition", "'and' / 'or' takes a list of conditions", term);
  return els.map((e) => lowerWho(e, ctx));
}

function unknownWho(term: Term, ctx: WhoContext): never {
  const caps = capabilities(ctx.dialect);
  const known =
    caps.ruleCompiler === "emqx_access_rule"
      ? "all, {user, S|B|all}, {client, S|B|all}, {ipaddr, CIDR}, {ipaddrs, [CIDR]}, {'and', [...]}, {'or', [...]}"
      : `all, {username|user, Name | {re, R}}, {clientid|client, Name | {re, R}}, {ipaddr, CIDR}, {ipaddrs, [CIDR]}, {client_attr, N, V}${caps.zoneListener ? ", {zone, Z}, {listener, L}" : ""}${caps.securityProfiles ? ", {security_profile, legacy|hardened}" : ""}, {'and', [...]}, {'or', [...]}`;
  const log = compilerLog(ctx.dialect, "compile/2", "invalid_client_match_condition");
  throw new SchemaError(
    "schema-invalid-condition",
    `unknown condition; ${emqxName(ctx.dialect)} expects one of: ${known} (it would log: ${log})`,
    term,
  );
}

/** Lowers one who / condition term. */
export function lowerWho(term: Term, ctx: WhoContext): Condition {
  const span = { start: term.start, end: term.end };
  if (atomOf(term) === "all") return { kind: "all", start: span.start, end: span.end };
  if (term.kind !== "tuple" || term.elements.length < 2) unknownWho(term, ctx);
  const [head, arg, arg2] = term.elements;
  const tag = atomOf(head);
  const n = term.elements.length;
  const caps = capabilities(ctx.dialect);
  if (caps.ruleCompiler === "emqx_access_rule") return lowerWhoV4(term, tag, arg, n, ctx);
  if (!acceptsWhoCondition(ctx.dialect, tag, n)) unknownWho(term, ctx);
  if (n === 2 && (tag === "username" || tag === "user"))
    return { kind: "username", match: nameMatch(arg, ctx, "a username", "username"), start: span.start, end: span.end };
  if (n === 2 && (tag === "clientid" || tag === "client"))
    return {
      kind: "clientid",
      match: nameMatch(arg, ctx, "a client id", "clientid"),
      start: span.start,
      end: span.end,
    };
  if (n === 2 && tag === "ipaddr")
    return { kind: "ipaddr", cidrs: [cidrOf(arg, ctx)], start: span.start, end: span.end };
  if (n === 2 && tag === "ipaddrs")
    return { kind: "ipaddr", cidrs: cidrList(arg, ctx), start: span.start, end: span.end };
  if (n === 2 && (tag === "and" || tag === "or") && isList(arg))
    return { kind: tag, items: lowerList(arg, ctx), start: span.start, end: span.end };
  if (caps.clientAttrs && n === 3 && tag === "client_attr") {
    const name = expectName(arg, ctx, "a client attribute name");
    return {
      kind: "client_attr",
      name,
      match: nameMatch(arg2, ctx, "a client attribute value", `{client_attr, ${name}}`),
      start: span.start,
      end: span.end,
    };
  }
  if (caps.zoneListener && n === 2 && (tag === "zone" || tag === "listener"))
    return { kind: tag, match: nameMatch(arg, ctx, `a ${tag} name`, tag), start: span.start, end: span.end };
  if (caps.securityProfiles && n === 2 && tag === "security_profile") {
    const p = atomOf(arg);
    if (p === "legacy" || p === "hardened")
      return { kind: "security_profile", profile: p, start: span.start, end: span.end };
  }
  return unknownWho(term, ctx);
}

function cidrList(term: Term, ctx: WhoContext): Cidr[] {
  const els = listElements(term);
  if (els === null) throw new SchemaError("schema-invalid-cidr", "{ipaddrs, L} takes a list of address strings", term);
  return els.map((e) => cidrOf(e, ctx));
}

function lowerWhoV4(term: Term, tag: string | null, arg: Term, n: number, ctx: WhoContext): Condition {
  const span = { start: term.start, end: term.end };
  if (n === 2 && (tag === "username" || tag === "clientid")) {
    throw new SchemaError(
      "schema-invalid-condition",
      `{${tag}, …} is EMQX 5 syntax; EMQX 4.4 expects {${tag === "username" ? "user" : "client"}, …} (it would log: function_clause in emqx_access_rule:compile/2)`,
      term,
    );
  }
  if (!acceptsWhoCondition("v4", tag, n)) unknownWho(term, ctx);
  if (tag === "user" || tag === "client") {
    if (atomOf(arg) === "all") return { kind: "all", start: span.start, end: span.end };
    const value = expectName(arg, ctx, tag === "user" ? "a username" : "a client id");
    return {
      kind: tag === "user" ? "username" : "clientid",
      match: { kind: "exact", value },
      start: span.start,
      end: span.end,
    };
  }
  if (tag === "ipaddr") return { kind: "ipaddr", cidrs: [cidrOf(arg, ctx)], start: span.start, end: span.end };
  if (tag === "ipaddrs") return { kind: "ipaddr", cidrs: cidrList(arg, ctx), start: span.start, end: span.end };
  if ((tag === "and" || tag === "or") && isList(arg))
    return { kind: tag, items: lowerList(arg, ctx), start: span.start, end: span.end };
  return unknownWho(term, ctx);
}
