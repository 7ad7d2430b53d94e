/**
 * One top-level term → one `Rule`, per dialect (spec §2, §6): the rule shapes, the
 * permission, then who → action → topics in the order EMQX compiles them, so the error
 * reported is the one EMQX would hit first.
 */
import type { Term } from "@emqx-acl/syntax";
import type { Dialect, Rule } from "../model/rule";
import { atomOf, isBinary } from "./terms";
import { lowerWho, type WhoContext } from "./lower-who";
import { lowerAction } from "./lower-action";
import { lowerTopics } from "./lower-topic";
import { compilerLog, emqxName, SchemaError } from "./schema-error";
import { capabilities } from "../model/dialects";

const SHAPES: Record<Dialect, string> = {
  v4: "{allow|deny, all} or {allow|deny, Who, publish|subscribe|pubsub, Topics}",
  v5: "{allow|deny, all} or {allow|deny, Who, Action, Topics}",
  v6: "{allow|deny, all}, {allow|deny, {security_profile, P}} or {allow|deny, Who, Action, Topics}",
};

function badShape(term: Term, dialect: Dialect): never {
  const log = compilerLog(dialect, "compile/1", "invalid_authorization_rule");
  throw new SchemaError(
    "schema-invalid-rule",
    `${emqxName(dialect)} expects a rule ${SHAPES[dialect]} (it would log: ${log})`,
    term,
  );
}

function badPermission(term: Term, dialect: Dialect): never {
  const log = compilerLog(dialect, "compile/1", "invalid_authorization_permission");
  throw new SchemaError(
    "schema-invalid-permission",
    `the permission must be the atom allow or deny; ${emqxName(dialect)} refuses this rule (it would log: ${log})`,
    term,
  );
}

/** Lowers one top-level term; throws `SchemaError` for what EMQX refuses. */
export function lowerRule(term: Term, index: number, ctx: WhoContext): Rule {
  const { dialect } = ctx;
  const caps = capabilities(dialect);
  const span = { start: term.start, end: term.end };
  if (term.kind !== "tuple" || (term.elements.length !== 2 && term.elements.length !== 4)) {
    return badShape(term, dialect);
  }
  const [perm, second] = term.elements;
  const p = atomOf(perm);
  if (p !== "allow" && p !== "deny") {
    // emqx_authz_rule reports a 2-tuple with another permission as a bad rule, not a bad permission
    if (caps.ruleCompiler === "emqx_authz_rule" && term.elements.length === 2) return badShape(term, dialect);
    return badPermission(perm, dialect);
  }
  if (term.elements.length === 2) return lowerShorthand(term, p, second, index, ctx);
  const [, whoT, actionT, topicsT] = term.elements;
  if (caps.ruleCompiler === "emqx_access_rule") {
    // compile/1 guards the access and the container before compiling who and topics
    const action = lowerAction(actionT, dialect);
    if (!(isBinary(topicsT) || topicsT.kind === "string" || topicsT.kind === "list")) lowerTopics(topicsT, dialect);
    const who = lowerWho(whoT, ctx);
    return {
      index,
      permission: p,
      who,
      action,
      topics: lowerTopics(topicsT, dialect),
      shorthand: false,
      start: span.start,
      end: span.end,
    };
  }
  if (!(topicsT.kind === "string" || topicsT.kind === "list" || atomOf(topicsT) === "all")) {
    // the 4-tuple clause does not match: EMQX reports the whole rule; point at the culprit
    throw new SchemaError(
      "schema-invalid-rule",
      `${emqxName(dialect)} expects a list of topics or the atom all here (it would log: invalid_authorization_rule)`,
      topicsT,
    );
  }
  const who = lowerWho(whoT, ctx);
  const action = lowerAction(actionT, dialect);
  return {
    index,
    permission: p,
    who,
    action,
    topics: lowerTopics(topicsT, dialect),
    shorthand: false,
    start: span.start,
    end: span.end,
  };
}

function lowerShorthand(term: Term, p: "allow" | "deny", second: Term, index: number, ctx: WhoContext): Rule {
  const span = { start: term.start, end: term.end };
  const everything = {
    publish: true,
    subscribe: true,
    qos: [0, 1, 2] as (0 | 1 | 2)[],
    retain: "all" as const,
    start: second.start,
    end: second.end,
  };
  if (atomOf(second) === "all") {
    // v4: no topic test at all; v5.8.9 / v6: {P, all, all, all} (ALL_TOPICS, also $-topics)
    return {
      index,
      permission: p,
      who: { kind: "all", start: span.start, end: span.end },
      action: everything,
      topics: { kind: "all", start: span.start, end: span.end },
      shorthand: true,
      start: span.start,
      end: span.end,
    };
  }
  if (
    capabilities(ctx.dialect).securityProfiles &&
    second.kind === "tuple" &&
    second.elements.length === 2 &&
    atomOf(second.elements[0]) === "security_profile"
  ) {
    const who = lowerWho(second, ctx);
    return {
      index,
      permission: p,
      who,
      action: everything,
      topics: { kind: "all", start: span.start, end: span.end },
      shorthand: true,
      start: span.start,
      end: span.end,
    };
  }
  return badShape(term, ctx.dialect);
}
