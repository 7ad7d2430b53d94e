/**
 * EMQX 4 → 5 rewrites of single constructs (acl-language.md §2.2, §3): `pubsub` → `all`,
 * `{user, all}` → `all`, `user`/`client` → `username`/`clientid`, and whole-level `%u`/`%c`
 * → `${username}`/`${clientid}`, and a topic list holding `#` → `all` (EMQX 4's `#` matched
 * `$SYS` topics, EMQX 5's does not; the same rewrite as `compile --to acl`). Purely textual,
 * one edit per construct; `%cida`/`%cna` have no EMQX 5 equivalent and are left alone.
 */
import type { DocumentAnalysis } from "@emqx-acl/analysis";
import type { Term, TextEdit } from "@emqx-acl/syntax";
import { findPlaceholders } from "./placeholders";

export interface Migration {
  title: string;
  term: number;
  edit: TextEdit;
}

const V5_PLACEHOLDER: Record<string, string> = { "%u": "${username}", "%c": "${clientid}" };
const V5_WHO: Record<string, string> = { user: "username", client: "clientid" };

const isAtom = (t: Term | undefined, v?: string): t is Term & { kind: "atom" } => t?.kind === "atom" && (v === undefined || t.value === v);

function whoMigrations(a: DocumentAnalysis, who: Term, term: number, out: Migration[]): void {
  const li = a.parse.lineIndex;
  if (who.kind !== "tuple") return;
  const [head, arg] = who.elements;
  if (isAtom(head) && (head.value === "and" || head.value === "or") && arg?.kind === "list") {
    for (const w of arg.elements) whoMigrations(a, w, term, out);
    return;
  }
  if (!isAtom(head) || !V5_WHO[head.value] || who.elements.length !== 2) return;
  if (isAtom(arg, "all")) {
    out.push({ title: `Replace {${head.value}, all} with all (EMQX 5)`, term, edit: { range: li.range(who.start, who.end), newText: "all" } });
  } else {
    out.push({ title: `Rename ${head.value} to ${V5_WHO[head.value]} (EMQX 5)`, term, edit: { range: li.range(head.start, head.end), newText: V5_WHO[head.value] } });
  }
}

function topicMigrations(a: DocumentAnalysis, topic: Term, term: number, out: Migration[]): void {
  if (topic.kind !== "string" && topic.kind !== "binary") return; // {eq, …} is never substituted
  const li = a.parse.lineIndex;
  for (const p of findPlaceholders(li.text.slice(topic.start, topic.end), topic.start)) {
    const to = V5_PLACEHOLDER[p.raw];
    if (to) out.push({ title: `Replace ${p.raw} with ${to} (EMQX 5)`, term, edit: { range: li.range(p.start, p.end), newText: to } });
  }
}

/** The topic `#` (a string or binary), which in EMQX 4 matched every topic, `$`-topics too. */
function isHashTopic(t: Term): boolean {
  return (t.kind === "string" && t.value === "#") || (t.kind === "binary" && t.bytes === "#");
}

/** Every EMQX 4 construct in the document with its EMQX 5 rewrite, in source order. */
export function v4Migrations(a: DocumentAnalysis): Migration[] {
  const out: Migration[] = [];
  const li = a.parse.lineIndex;
  for (const f of a.parse.forms) {
    const t = f.term;
    if (!t || t.kind !== "tuple" || t.elements.length !== 4) continue;
    const [, who, action, topics] = t.elements;
    whoMigrations(a, who, f.index, out);
    if (isAtom(action, "pubsub")) {
      out.push({ title: "Replace pubsub with all (EMQX 5)", term: f.index, edit: { range: li.range(action.start, action.end), newText: "all" } });
    }
    if (topics.kind === "list" && topics.elements.some(isHashTopic)) {
      // EMQX 4's `#` also matched `$`-topics ($SYS/…); EMQX 5's does not: the list `all` does (as `compile --to acl` writes it)
      out.push({ title: "Replace a topic list holding # with all (EMQX 5: # no longer matches $SYS topics)", term: f.index, edit: { range: li.range(topics.start, topics.end), newText: "all" } });
    } else if (topics.kind === "list") for (const x of topics.elements) topicMigrations(a, x, f.index, out);
  }
  return out;
}
