/**
 * `emqx-api` target: request bodies for the EMQX 5/6 built-in database REST API
 * (`/api/v5/authorization/sources/built_in_database/rules/{users,clients,all}`). EMQX
 * checks a client's client-id rules, then its username rules, then the rules for everyone.
 * EMQX 6: every rule goes to `/rules/all` in file order, exact names as anchored
 * `username_re` / `clientid_re`, so order is kept. EMQX 5: rules go under their key and a
 * rule is refused when that fixed order would let it overtake an earlier rule.
 */
import type { Rule } from "@emqx-acl/core";
import { splitAtCatchAll, splitProblem } from "./flatten";
import { DocRefusal, rawJson, ruleDocs, type Doc } from "./docs";
import { exactRegex } from "./literals";
import { authzBlock } from "./sql-common";
import { refuse, type EmitOptions, type EmitResult, type Emitter, type Refusal } from "./types";
import { capabilities } from "@emqx-acl/core";

export const API_BASE = "/api/v5/authorization/sources/built_in_database";

/** One REST call of the output, in the order to make them. */
export interface ApiCall {
  method: "POST";
  path: string;
  body: unknown;
}

const rank = (d: Doc) => (d.clientid !== null ? 0 : d.username !== null ? 1 : 2);

function v6Rule(d: Doc): Record<string, unknown> {
  const keys: Record<string, string> = {};
  if (d.username !== null) keys.username_re = exactRegex(Buffer.from(d.username, "utf8").toString("latin1"));
  if (d.clientid !== null) keys.clientid_re = exactRegex(Buffer.from(d.clientid, "utf8").toString("latin1"));
  return { ...rawJson(d, "topic"), ...keys };
}

function emitApi(rules: readonly Rule[], options: EmitOptions): EmitResult {
  const target = options.targetDialect ?? options.dialect;
  if (capabilities(target).backendRules !== "raw-rules" || capabilities(options.dialect).backendRules !== "raw-rules")
    throw new Error("emqx-api output is for EMQX 5/6 (migrate an EMQX 4 file with --to acl first)");
  const split = splitAtCatchAll(rules, options.dialect);
  const refusals: Refusal[] = [];
  const kept: Doc[] = [];
  for (const rule of split.body) {
    try {
      const sp = splitProblem(rule, target);
      if (sp) throw new DocRefusal(sp);
      const keyed = capabilities(target).rawRuleWhoKeys;
      const docs = ruleDocs(rule, target, true, keyed);
      if (keyed) {
        for (const d of docs)
          if (d.username !== null && d.keys.username_re)
            throw new DocRefusal("a rule holds one username_re; this rule has a username and a username regex");
        for (const d of docs)
          if (d.clientid !== null && d.keys.clientid_re)
            throw new DocRefusal("a rule holds one clientid_re; this rule has a client id and a client id regex");
      } else {
        if (docs.some((d) => d.username !== null && d.clientid !== null))
          throw new DocRefusal("EMQX 5 built-in rules are keyed by a username or a client id, not both");
        // the fixed order (client ids, usernames, everyone) must not let this rule jump ahead
        const earlier = kept.find(
          (k) =>
            k.permission !== rule.permission &&
            docs.some((d) => rank(d) < rank(k) && (k.action === "all" || d.action === "all" || k.action === d.action)),
        );
        if (earlier)
          throw new DocRefusal(
            `EMQX checks client-id rules, then username rules, then rules for everyone: this rule would overtake rule ${earlier.rule.index}, which has the opposite permission`,
          );
      }
      kept.push(...docs);
    } catch (e) {
      if (!(e instanceof DocRefusal)) throw e;
      refusals.push(refuse(rule, e.message));
    }
  }
  const calls: ApiCall[] = [];
  if (capabilities(target).rawRuleWhoKeys) {
    calls.push({ method: "POST", path: `${API_BASE}/rules/all`, body: { rules: kept.map(v6Rule) } });
  } else {
    const users = new Map<string, unknown[]>();
    const clients = new Map<string, unknown[]>();
    const all: unknown[] = [];
    for (const d of kept) {
      const r = rawJson(d, "topic");
      if (d.clientid !== null) clients.set(d.clientid, [...(clients.get(d.clientid) ?? []), r]);
      else if (d.username !== null) users.set(d.username, [...(users.get(d.username) ?? []), r]);
      else all.push(r);
    }
    if (users.size)
      calls.push({
        method: "POST",
        path: `${API_BASE}/rules/users`,
        body: [...users].map(([username, rules]) => ({ username, rules })),
      });
    if (clients.size)
      calls.push({
        method: "POST",
        path: `${API_BASE}/rules/clients`,
        body: [...clients].map(([clientid, rules]) => ({ clientid, rules })),
      });
    calls.push({ method: "POST", path: `${API_BASE}/rules/all`, body: { rules: all } });
  }
  const maxRules = Math.max(
    100,
    ...calls.flatMap((c) =>
      Array.isArray(c.body)
        ? c.body.map((x) => (x as { rules: unknown[] }).rules.length)
        : [(c.body as { rules: unknown[] }).rules.length],
    ),
  );
  const source = { type: "built_in_database", enable: "true", max_rules: String(maxRules) };
  return {
    files: [
      { name: "requests.json", content: `${JSON.stringify(calls, null, 2)}\n` },
      {
        name: "authz-source.conf",
        content: authzBlock(source, split.catchAll?.permission ?? null, [
          "emqx-acl compile --to emqx-api: make the calls of requests.json in order (POST …/rules/users answers 409 if a user already has rules)",
        ]),
      },
    ],
    refusals,
    notes: split.catchAll
      ? [
          `rule ${split.catchAll.index} matches every request: it became authorization.no_match = ${split.catchAll.permission}`,
        ]
      : [],
    noMatch: split.catchAll?.permission ?? null,
  };
}

export const emqxApiEmitter: Emitter = {
  name: "emqx-api",
  limits: [
    "EMQX 5: rules that the fixed order (client ids, usernames, everyone) would reorder against an opposite permission; conditions other than one username or client id",
    "client_attr conditions; topic list `all` except as the last catch-all; strings that are not UTF-8",
    "EMQX 6, multi-topic rules with placeholders (one topic per stored rule)",
  ],
  emit: emitApi,
};
