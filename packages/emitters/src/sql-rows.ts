/**
 * Rules → SQL rows for EMQX 5/6 (raw-rule format, backends.md §0). Exact usernames,
 * client ids and CIDRs are tested in the query's WHERE clause (EMQX ignores `username` /
 * `clientid` columns); regexes, zones and listeners (EMQX 6) travel as raw-rule keys.
 */
import type { Bytes, Cidr, Dialect, Permission, Rule } from "@emqx-acl/core";
import { qosSet, rawAction, rawTopic, splitAtCatchAll, splitProblem, whoConjuncts, type Conjunct } from "./flatten";
import { effectivePrefix } from "./ip";
import { exactRegex } from "./literals";
import { RAW_EXTRA_KEYS, type RawExtraKey } from "./sql-common";
import { refuse, type Refusal } from "./types";
import { capabilities } from "@emqx-acl/core";

export interface SqlRow {
  seq: number;
  ruleNo: number;
  username: Bytes | null;
  clientid: Bytes | null;
  cidr: Cidr | null;
  permission: Permission;
  action: "publish" | "subscribe" | "all";
  /** One topic per row (MySQL), or the rule's whole list (PostgreSQL `topics text[]`). */
  topics: Bytes[];
  /** `"0,1"` style, null = every QoS. */
  qos: string | null;
  /** 1/0, null = any retain flag (always null for subscribe). */
  retain: number | null;
  extra: Partial<Record<RawExtraKey, Bytes>>;
  /** A username condition (exact or regex) is part of this row. */
  hasUsername: boolean;
}

export interface SqlPlan {
  rows: SqlRow[];
  extraKeys: RawExtraKey[];
  refusals: Refusal[];
  notes: string[];
  noMatch: Permission | null;
}

/** Where each atom goes in a row, or why it cannot go anywhere. */
function placeConjunct(
  conj: Conjunct,
  target: Dialect,
): { ok: true; row: Partial<SqlRow> } | { ok: false; reason: string } {
  const row: Partial<SqlRow> & { extra: SqlRow["extra"] } = {
    username: null,
    clientid: null,
    cidr: null,
    extra: {},
    hasUsername: false,
  };
  const v6 = capabilities(target).rawRuleWhoKeys;
  const setExtra = (key: RawExtraKey, value: Bytes, what: string) => {
    if (row.extra[key] !== undefined) return `a row holds one ${what} condition; this rule AND-s two`;
    row.extra[key] = value;
    return null;
  };
  for (const a of conj) {
    let err: string | null = null;
    if (a.kind === "username" || a.kind === "clientid") {
      row.hasUsername ||= a.kind === "username";
      if (a.match.kind === "exact") {
        if (a.kind === "username" && a.match.value === "") {
          return {
            ok: false,
            reason:
              "{username, \"\"}: EMQX renders a missing username as '' in SQL, so the query cannot tell it from an empty one",
          };
        }
        if (a.kind === "username") row.username = a.match.value;
        else row.clientid = a.match.value;
      } else if (!v6) return { ok: false, reason: `${a.kind} regex needs the ${a.kind}_re column of EMQX 6 (e5.9+)` };
      else err = setExtra(`${a.kind}_re`, a.match.pattern, `${a.kind} regex`);
    } else if (a.kind === "ipaddr") {
      if (row.cidr) return { ok: false, reason: "a row holds one CIDR; this rule AND-s two ipaddr conditions" };
      if (effectivePrefix(a.cidr) === null) return { ok: false, reason: `CIDR ${a.cidr.text} has no prefix form` };
      row.cidr = a.cidr;
    } else if (a.kind === "zone" || a.kind === "listener") {
      if (!v6) return { ok: false, reason: `${a.kind} conditions need EMQX 6 (e5.9+)` };
      err = setExtra(`${a.kind}_re`, a.match.kind === "exact" ? exactRegex(a.match.value) : a.match.pattern, a.kind);
    } else {
      return { ok: false, reason: "client_attr conditions have no column or query placeholder in SQL sources" };
    }
    if (err) return { ok: false, reason: err };
  }
  return { ok: true, row };
}

/** Rows for one rule, or the reason it cannot be expressed. */
function ruleRows(
  rule: Rule,
  target: Dialect,
  topicLists: boolean,
): { rows: Omit<SqlRow, "seq">[] } | { reason: string } {
  if (rule.topics.kind === "all") {
    return {
      reason:
        "topic list `all` matches $-topics, but a backend row needs a filter and '#' never matches $-topics in EMQX 5.8.2+",
    };
  }
  const sp = topicLists ? null : splitProblem(rule, target);
  if (sp) return { reason: sp };
  const conjs = whoConjuncts(rule);
  if (conjs === null) return { reason: "the condition expands to too many rows" };
  const qos = qosSet(rule);
  if (qos.length === 0) return { rows: [] };
  const action = rawAction(rule.action);
  const rows: Omit<SqlRow, "seq">[] = [];
  for (const conj of conjs) {
    const placed = placeConjunct(conj, target);
    if (!placed.ok) return { reason: placed.reason };
    const topics: Bytes[] = [];
    for (const t of rule.topics.items) {
      const topic = rawTopic(t);
      if (!topic.ok) return { reason: topic.reason };
      topics.push(topic.text);
    }
    if (topics.length === 0) continue;
    for (const ts of topicLists ? [topics] : topics.map((t) => [t])) {
      const w = placed.row;
      rows.push({
        username: w.username ?? null,
        clientid: w.clientid ?? null,
        cidr: w.cidr ?? null,
        extra: { ...w.extra },
        hasUsername: w.hasUsername ?? false,
        ruleNo: rule.index,
        permission: rule.permission,
        action,
        topics: ts,
        qos: qos.length === 3 ? null : qos.join(","),
        retain: action === "subscribe" || rule.action.retain === "all" ? null : rule.action.retain ? 1 : 0,
      });
    }
  }
  return { rows };
}

/** Plans the rows of an EMQX 5/6 SQL source. */
export function planSqlRows(rules: readonly Rule[], dialect: Dialect, target: Dialect, topicLists = false): SqlPlan {
  const split = splitAtCatchAll(rules, dialect);
  const refusals: Refusal[] = [];
  const notes: string[] = [];
  let rows: Omit<SqlRow, "seq">[] = [];
  for (const rule of split.body) {
    const r = ruleRows(rule, target, topicLists);
    if ("reason" in r) refusals.push(refuse(rule, r.reason));
    else rows.push(...r.rows);
  }
  // a raw-rule key must be valid on every row: regexes get '^' (true for every
  // binary), except username_re: a client without username fails every username_re
  const extraKeys: RawExtraKey[] = RAW_EXTRA_KEYS.filter((k) => rows.some((r) => r.extra[k] !== undefined));
  if (extraKeys.includes("username_re")) {
    // refuse whichever side has fewer rules: the regex rules, or the rules without username
    const withRe = new Set(rows.filter((r) => r.extra.username_re !== undefined).map((r) => r.ruleNo));
    const without = new Set(rows.filter((r) => !r.hasUsername).map((r) => r.ruleNo));
    const dropRe = withRe.size <= without.size;
    const bad = dropRe ? withRe : without;
    const reason = dropRe
      ? "a username regex needs the username_re column on every row, and other rules apply to clients without a username (for whom any username_re fails)"
      : "other rules need the username_re column, which never matches a client without username, and this rule has no username condition";
    for (const rule of split.body.filter((r) => bad.has(r.index))) refusals.push(refuse(rule, reason));
    rows = rows.filter((r) => !bad.has(r.ruleNo));
    if (dropRe) for (const r of rows) delete r.extra.username_re;
    else
      for (const r of rows) if (r.extra.username_re === undefined) r.extra.username_re = exactRegex(r.username ?? "");
    if (dropRe) extraKeys.splice(extraKeys.indexOf("username_re"), 1);
  }
  for (const k of extraKeys) for (const r of rows) if (r.extra[k] === undefined) r.extra[k] = "^";
  if (split.catchAll)
    notes.push(
      `rule ${split.catchAll.index} matches every request: it became authorization.no_match = ${split.catchAll.permission}`,
    );
  if (split.unreachable.length)
    notes.push(
      `${split.unreachable.length} rule(s) after rule ${split.catchAll!.index} are never reached and were not written`,
    );
  return {
    rows: rows.map((r, i) => ({ ...r, seq: i + 1 })),
    extraKeys,
    refusals,
    notes,
    noMatch: split.catchAll?.permission ?? null,
  };
}

/** Drops every row of each rule whose rows `problem` objects to, refusing that rule. */
export function dropRules(plan: SqlPlan, rules: readonly Rule[], problem: (row: SqlRow) => string | null): SqlPlan {
  const bad = new Map<number, string>();
  for (const row of plan.rows) {
    if (bad.has(row.ruleNo)) continue;
    const p = problem(row);
    if (p) bad.set(row.ruleNo, p);
  }
  if (bad.size === 0) return plan;
  const byIndex = new Map(rules.map((r) => [r.index, r]));
  const refusals = [...plan.refusals, ...[...bad].map(([n, reason]) => refuse(byIndex.get(n)!, reason))];
  const rows = plan.rows.filter((r) => !bad.has(r.ruleNo)).map((r, i) => ({ ...r, seq: i + 1 }));
  return { ...plan, rows, refusals };
}
