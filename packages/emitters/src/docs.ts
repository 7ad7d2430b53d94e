/**
 * Rules → raw-rule documents (MongoDB documents, built-in database REST rules): one per
 * rule and condition conjunction. Exact usernames / client ids are kept apart (the
 * MongoDB filter or the REST key selects them); EMQX 6 regex, zone, listener and CIDR
 * conditions become raw-rule keys. Strings must be UTF-8 (JSON / BSON strings).
 */
import type { Bytes, Dialect, Qos, Rule } from "@emqx-acl/core";
import { qosSet, rawAction, rawTopic, whoConjuncts, type Conjunct } from "./flatten";
import { jsonText } from "./literals";
import { capabilities } from "@emqx-acl/core";

export interface Doc {
  rule: Rule;
  username: string | null;
  clientid: string | null;
  permission: "allow" | "deny";
  action: "publish" | "subscribe" | "all";
  topics: string[];
  qos: Qos[] | null;
  retain: boolean | null;
  keys: Record<string, string>;
}

function text(b: Bytes, what: string): string {
  const t = jsonText(b);
  if (t === null) throw new DocRefusal(`${what} is not UTF-8, and JSON/BSON strings must be`);
  return t;
}

export class DocRefusal extends Error {}

function place(conj: Conjunct, target: Dialect, keyedNames: boolean): Pick<Doc, "username" | "clientid" | "keys"> {
  const out: Pick<Doc, "username" | "clientid" | "keys"> = { username: null, clientid: null, keys: {} };
  const v6 = capabilities(target).rawRuleWhoKeys;
  const setKey = (k: string, v: string) => {
    if (k in out.keys) throw new DocRefusal(`a rule holds one ${k}; this rule AND-s two`);
    out.keys[k] = v;
  };
  for (const a of conj) {
    if ((a.kind === "username" || a.kind === "clientid") && a.match.kind === "exact") {
      if (a.kind === "username" && a.match.value === "" && !keyedNames)
        throw new DocRefusal("{username, \"\"}: EMQX renders a missing username as '' in the filter");
      if (out[a.kind] !== null) throw new DocRefusal(`two ${a.kind} conditions`);
      out[a.kind] = text(a.match.value, a.kind);
    } else if (!v6) {
      throw new DocRefusal(`${a.kind} conditions in stored rules need EMQX 6 (e5.9+)`);
    } else if (a.kind === "username" || a.kind === "clientid") {
      setKey(`${a.kind}_re`, text((a.match as { pattern: Bytes }).pattern, `${a.kind} regex`));
    } else if (a.kind === "zone" || a.kind === "listener") {
      if (a.match.kind === "exact") setKey(a.kind, text(a.match.value, a.kind));
      else setKey(`${a.kind}_re`, text(a.match.pattern, `${a.kind} regex`));
    } else if (a.kind === "ipaddr") {
      setKey("ipaddr", a.cidr.text);
    } else throw new DocRefusal("client_attr conditions have no stored-rule form");
  }
  return out;
}

/** Documents for one rule; `oneTopic` splits topics (REST rules hold one topic each). */
export function ruleDocs(rule: Rule, target: Dialect, oneTopic: boolean, keyedNames: boolean): Doc[] {
  if (rule.topics.kind === "all")
    throw new DocRefusal(
      "topic list `all` matches $-topics; a stored rule needs filters and '#' never matches $-topics (EMQX 5.8.2+)",
    );
  const conjs = whoConjuncts(rule);
  if (conjs === null) throw new DocRefusal("the condition expands to too many documents");
  const qos = qosSet(rule);
  if (qos.length === 0) return [];
  const topics = rule.topics.items.map((t) => {
    const r = rawTopic(t);
    if (!r.ok) throw new DocRefusal(r.reason);
    return text(r.text, "topic");
  });
  const action = rawAction(rule.action);
  const retain = action === "subscribe" || rule.action.retain === "all" ? null : rule.action.retain;
  const out: Doc[] = [];
  for (const conj of conjs) {
    const who = place(conj, target, keyedNames);
    for (const ts of oneTopic ? topics.map((t) => [t]) : [topics]) {
      out.push({
        rule,
        ...who,
        permission: rule.permission,
        action,
        topics: ts,
        qos: qos.length === 3 ? null : qos,
        retain,
      });
    }
  }
  return out;
}

/** The raw-rule JSON object of a document (what EMQX reads). */
export function rawJson(d: Doc, topicKey: "topic" | "topics"): Record<string, unknown> {
  const o: Record<string, unknown> = { permission: d.permission, action: d.action };
  o[topicKey] = topicKey === "topic" ? d.topics[0] : d.topics;
  if (d.qos) o.qos = d.qos;
  if (d.retain !== null) o.retain = d.retain;
  return { ...o, ...d.keys };
}
