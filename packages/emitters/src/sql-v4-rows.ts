/**
 * Rules → rows of the EMQX 4 `mqtt_acl` table (backends.md §1.1): positional columns
 * `allow, ipaddr, username, clientid, access, topic`; non-empty who columns are AND-ed,
 * `username = '$all'` means everyone; rows run in reverse result order.
 */
import type { Bytes, Rule } from "@emqx-acl/core";
import { rawTopic, splitAtCatchAll, splitProblem, whoConjuncts, type Conjunct } from "./flatten";
import { refuse, type Refusal } from "./types";

export interface V4Row {
  seq: number;
  ruleNo: number;
  allow: 0 | 1;
  ipaddr: string | null;
  username: Bytes | null;
  clientid: Bytes | null;
  access: 1 | 2 | 3;
  topic: Bytes;
}

export interface V4Plan {
  rows: V4Row[];
  refusals: Refusal[];
  notes: string[];
}

export const V4_DOLLAR_NOTE =
  "EMQX 4 database backends skip clients whose username starts with '$' (they answer 'ignore'); acl.conf does not";

function placeV4(
  conj: Conjunct,
): { ok: true; who: Pick<V4Row, "ipaddr" | "username" | "clientid"> } | { ok: false; reason: string } {
  const who: Pick<V4Row, "ipaddr" | "username" | "clientid"> = { ipaddr: null, username: null, clientid: null };
  if (conj.length === 0) return { ok: true, who: { ...who, username: "$all" } };
  for (const a of conj) {
    if (a.kind === "ipaddr") {
      if (who.ipaddr !== null) return { ok: false, reason: "the ipaddr column holds one CIDR; this rule AND-s two" };
      who.ipaddr = a.cidr.text;
    } else if ((a.kind === "username" || a.kind === "clientid") && a.match.kind === "exact") {
      const v = a.match.value;
      if (v === "") return { ok: false, reason: `an empty ${a.kind} column means "no condition" in EMQX 4 rows` };
      if (a.kind === "username" && v === "$all")
        return { ok: false, reason: "username '$all' means everyone in EMQX 4 rows" };
      who[a.kind] = v;
    } else {
      return { ok: false, reason: `${a.kind} conditions have no EMQX 4 column` };
    }
  }
  return { ok: true, who };
}

/** Plans the rows of an EMQX 4 MySQL/PostgreSQL table, in file order. */
export function planV4Rows(rules: readonly Rule[]): V4Plan {
  const split = splitAtCatchAll(rules, "v4");
  const body = split.catchAll ? [...split.body, split.catchAll] : split.body;
  const refusals: Refusal[] = [];
  const rows: Omit<V4Row, "seq">[] = [];
  for (const rule of body) {
    const conjs = whoConjuncts(rule);
    if (conjs === null) {
      refusals.push(refuse(rule, "the condition expands to too many rows"));
      continue;
    }
    const sp = splitProblem(rule, "v4");
    if (sp) {
      refusals.push(refuse(rule, sp));
      continue;
    }
    const access = rule.action.publish && rule.action.subscribe ? 3 : rule.action.publish ? 2 : 1;
    const topics = rule.topics.kind === "all" ? ["#"] : rule.topics.items.map((t) => rawTopic(t));
    const mine: Omit<V4Row, "seq">[] = [];
    let reason: string | null = null;
    for (const conj of conjs) {
      const placed = placeV4(conj);
      if (!placed.ok) {
        reason = placed.reason;
        break;
      }
      for (const t of topics) {
        if (typeof t !== "string" && !t.ok) {
          reason = t.reason;
          break;
        }
        const topic = typeof t === "string" ? t : t.text;
        mine.push({ ruleNo: rule.index, allow: rule.permission === "allow" ? 1 : 0, ...placed.who, access, topic });
      }
      if (reason) break;
    }
    if (reason) refusals.push(refuse(rule, reason));
    else rows.push(...mine);
  }
  const notes = [V4_DOLLAR_NOTE];
  if (split.unreachable.length)
    notes.push(
      `${split.unreachable.length} rule(s) after rule ${split.catchAll!.index} are never reached and were not written`,
    );
  return { rows: rows.map((r, i) => ({ ...r, seq: i + 1 })), refusals, notes };
}
