/**
 * `auto` dialect: looks for constructs only one generation accepts (spec §2.6) and picks
 * the dialect they point to; mixing v4-only and v5+-only syntax is reported.
 */
import type { Span, Term, TopLevelForm } from "@emqx-acl/syntax";
import { perDialect, type Dialect } from "../model/dialects";
import { atomOf, charList } from "./terms";

export interface Construct {
  name: string;
  at: Span;
}

/** The constructs found that only one dialect accepts, per dialect. */
export type DialectEvidence = Record<Dialect, Construct[]>;

/** Evidence of nothing, for every dialect. */
export function noEvidence(): DialectEvidence {
  return perDialect((): Construct[] => []);
}

function textOf(t: Term): string | null {
  if (t.kind === "binary") return t.bytes;
  const c = charList(t);
  return c === null ? null : String.fromCodePoint(...c.filter((x) => x >= 0 && x <= 0x10ffff));
}

function scanWho(t: Term, ev: DialectEvidence): void {
  if (t.kind !== "tuple" || t.elements.length < 2) return;
  const tag = atomOf(t.elements[0]);
  const arg = t.elements[1];
  if ((tag === "user" || tag === "client") && atomOf(arg) === "all") ev.v4.push({ name: `{${tag}, all}`, at: t });
  if (tag === "username" || tag === "clientid") ev.v5.push({ name: `{${tag}, …}`, at: t });
  if (arg.kind === "tuple" && atomOf(arg.elements[0]) === "re") ev.v5.push({ name: "{re, …}", at: arg });
  if (tag === "client_attr") ev.v5.push({ name: "{client_attr, …}", at: t });
  if (tag === "zone" || tag === "listener" || tag === "security_profile") ev.v6.push({ name: `{${tag}, …}`, at: t });
  if ((tag === "and" || tag === "or") && arg.kind === "list") arg.elements.forEach((e) => scanWho(e, ev));
}

function scanTopic(t: Term, ev: DialectEvidence): void {
  const s = textOf(t);
  if (s === null) return;
  if (/(^|\/)%[uc](\/|$)/.test(s)) ev.v4.push({ name: "%u/%c placeholder", at: t });
  if (/\$\{[^}]*\}/.test(s)) ev.v5.push({ name: "${…} placeholder", at: t });
}

function scanAction(t: Term, ev: DialectEvidence): void {
  const a = atomOf(t);
  if (a === "pubsub") ev.v4.push({ name: "pubsub action", at: t });
  if (a === "all") ev.v5.push({ name: "all action", at: t });
  if (t.kind === "tuple") ev.v5.push({ name: "action options {A, [Opts]}", at: t });
}

/** Collects version-specific constructs in the file. */
export function collectEvidence(forms: readonly TopLevelForm[]): DialectEvidence {
  const ev = noEvidence();
  for (const f of forms) {
    const t = f.term;
    if (!t || t.kind !== "tuple") continue;
    if (t.elements.length === 2) scanWho(t.elements[1], ev);
    if (t.elements.length !== 4) continue;
    const [, who, action, topics] = t.elements;
    scanWho(who, ev);
    scanAction(action, ev);
    if (atomOf(topics) === "all") ev.v5.push({ name: "all topic list", at: topics });
    if (topics.kind === "binary") ev.v4.push({ name: "single binary topic container", at: topics });
    if (topics.kind === "list") topics.elements.forEach((e) => scanTopic(e, ev));
  }
  return ev;
}

/** Picks the dialect for `auto` and says why. */
export function chooseDialect(ev: DialectEvidence): { dialect: Dialect; note: string } {
  const first = (c: Construct[]) => c[0]?.name;
  if (ev.v6.length) return { dialect: "v6", note: `auto: EMQX 6 (uses ${first(ev.v6)})` };
  if (ev.v5.length && ev.v4.length) {
    return { dialect: "v5", note: `auto: EMQX 5.8 (uses ${first(ev.v5)}; but also the v4 construct ${first(ev.v4)})` };
  }
  if (ev.v5.length) return { dialect: "v5", note: `auto: EMQX 5.8 (uses ${first(ev.v5)})` };
  if (ev.v4.length) return { dialect: "v4", note: `auto: EMQX 4.4 (uses ${first(ev.v4)})` };
  return { dialect: "v5", note: "auto: EMQX 5.8 (nothing version-specific found; pass --dialect to choose)" };
}
