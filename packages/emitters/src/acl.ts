/**
 * `acl` target: acl.conf for another EMQX version, keeping comments and layout (the text
 * between rules is copied). EMQX 4 → 5/6: `user`→`username`, `pubsub`→`all`, `{user, all}`
 * →`all`, one topic → list, `%u`/`%c` → `${username}`/`${clientid}` guarded so decisions
 * stay EMQX 4's (a missing username stops the rule; a value is one literal level), `#`
 * (which matched `$`-topics in EMQX 4) → topic list `all`. Back to EMQX 4 and between 5
 * and 6 where the meaning is the same. Anything else is refused with its reason.
 */
import {
  capabilities,
  isValidUtf8,
  words,
  type Action,
  type Condition,
  type Dialect,
  type PlaceholderRef,
  type Rule,
  type TopicPattern,
} from "@emqx-acl/core";
import { erlStringLiteral } from "@emqx-acl/syntax";
import { commentSafe, erlText } from "./literals";
import { refuse, type EmitOptions, type EmitResult, type Emitter, type Refusal } from "./types";

class Refuse extends Error {}

const caps = capabilities;
/** EMQX 4 → 5/6: `%u` levels become `${…}` templates. */
const percentToTemplate = (from: Dialect, to: Dialect) =>
  caps(from).placeholders === "percent" && caps(to).placeholders === "template";

function nameTerm(
  kind: string,
  m: { kind: "exact"; value: string } | { kind: "re"; pattern: string },
  to: Dialect,
): string {
  if (m.kind === "re") {
    if (!caps(to).nameRegex) throw new Refuse(`EMQX 4 has no regex ${kind} conditions`);
    return `{${kind}, {re, ${erlText(m.pattern, to)}}}`;
  }
  const k = kind === "username" ? caps(to).whoTags.username : caps(to).whoTags.clientid;
  return `{${k}, ${erlText(m.value, to)}}`;
}

/** A condition for the target version. */
export function conditionTerm(c: Condition, to: Dialect): string {
  switch (c.kind) {
    case "all":
      return "all";
    case "username":
    case "clientid":
      return nameTerm(c.kind, c.match, to);
    case "ipaddr":
      return c.cidrs.length === 1
        ? `{ipaddr, ${erlStringLiteral(c.cidrs[0].text)}}`
        : `{ipaddrs, [${c.cidrs.map((x) => erlStringLiteral(x.text)).join(", ")}]}`;
    case "client_attr":
      if (!caps(to).clientAttrs) throw new Refuse("EMQX 4 has no client_attr conditions");
      return `{client_attr, ${erlText(c.name, to)}, ${c.match.kind === "re" ? `{re, ${erlText(c.match.pattern, to)}}` : erlText(c.match.value, to)}}`;
    case "zone":
    case "listener":
      if (!caps(to).zoneListener) throw new Refuse(`${c.kind} conditions need EMQX 6 (e5.9+)`);
      return `{${c.kind}, ${c.match.kind === "re" ? `{re, ${erlText(c.match.pattern, to)}}` : erlText(c.match.value, to)}}`;
    case "security_profile":
      if (caps(to).securityProfiles) return `{security_profile, ${c.profile}}`;
      // the node profile is legacy unless told otherwise: a constant elsewhere
      return c.profile === "legacy" ? "{'and', []}" : "{'or', []}";
    case "and":
    case "or":
      return `{'${c.kind}', [${c.items.map((x) => conditionTerm(x, to)).join(", ")}]}`;
  }
}

function actionTerm(a: Action, to: Dialect): string {
  const qos = [...new Set(a.qos)].sort();
  const plain = qos.length === 3 && (a.retain === "all" || !a.publish);
  const name = a.publish && a.subscribe ? caps(to).bothAction : a.publish ? "publish" : "subscribe";
  if (plain) return name;
  if (!caps(to).actionOptions) throw new Refuse("EMQX 4 actions have no QoS / retain options");
  const opts = [`{qos, [${qos.join(", ")}]}`];
  if (a.publish && a.retain !== "all") opts.push(`{retain, ${a.retain}}`);
  return `{${name}, [${opts.join(", ")}]}`;
}

function topicText(t: TopicPattern, from: Dialect, to: Dialect): string {
  if (caps(to).stringEncoding === "utf8" && !isValidUtf8(t.text))
    throw new Refuse(`topic "${t.text}" is not UTF-8 (an EMQX 4 Latin-1 string); EMQX 5+ refuses to load such a topic`);
  if (t.kind === "eq") return `{eq, ${erlText(t.text, to)}}`;
  if (caps(to).ruleCompiler === "emqx_authz_rule" && t.text.startsWith("eq "))
    throw new Refuse(`topic "${t.text}" starts with "eq ", which EMQX 5+ reads as an eq topic`);
  if (percentToTemplate(from, to) && t.text.includes("${"))
    throw new Refuse(`topic "${t.text}" holds "\${", a placeholder in EMQX 5+`);
  if (percentToTemplate(to, from) && words(t.text).some((w) => w === "%u" || w === "%c"))
    throw new Refuse(`topic "${t.text}" has a %u/%c level, a placeholder in EMQX 4`);
  if (t.kind === "text-template" && from !== to) {
    throw new Refuse(
      caps(to).templateGuard
        ? "EMQX 6 stops the whole rule when a placeholder value contains '+', '#' or '/'; EMQX 5 inserts it"
        : caps(to).placeholders === "template"
          ? "EMQX 5 inserts placeholder values containing '+', '#' or '/'; EMQX 6 stops the rule"
          : "EMQX 4 placeholders are whole levels and a missing username stops the rule; EMQX 5+ renders 'undefined'",
    );
  }
  if (t.kind === "level-template") {
    const spell = caps(to).placeholderSpelling;
    if (caps(to).placeholders === "percent") return erlText(t.text, to);
    return erlText(
      t.words
        .map((w) => (typeof w === "string" ? w : w.placeholder === "username" ? spell.username : spell.clientid))
        .join("/"),
      to,
    );
  }
  if (caps(from).dollarGuard !== caps(to).dollarGuard && (words(t.text)[0] === "+" || words(t.text)[0] === "#")) {
    throw new Refuse(`'${words(t.text)[0]}' at the first level matches $-topics in EMQX 4 but not in EMQX 5.8.2+`);
  }
  return erlText(t.text, to);
}

/** EMQX 4 `%u` / `%c` value guards: the value is one non-empty literal level. */
function levelGuard(p: string, to: Dialect): string {
  const kind = p === "username" ? "username" : "clientid";
  // EMQX 6 refuses '+'/'#' anywhere in a rendered value; EMQX 5 only when the whole level is one
  const re = caps(to).templateGuard ? "\\A[^/+#]+\\z" : "\\A(?!\\+\\z|#\\z)[^/]+\\z";
  return `{${kind}, {re, ${erlStringLiteral(re)}}}`;
}

function and(who: string, extra: string[]): string {
  if (extra.length === 0) return who;
  return who === "all"
    ? extra.length === 1
      ? extra[0]
      : `{'and', [${extra.join(", ")}]}`
    : `{'and', [${[who, ...extra].join(", ")}]}`;
}

/** One rule as one or more terms of the target version (without the final dots). */
export function ruleTerms(rule: Rule, from: Dialect, to: Dialect): string[] {
  const perm = rule.permission;
  const who = conditionTerm(rule.who, to);
  const act = actionTerm(rule.action, to);
  if (rule.topics.kind === "all") {
    // EMQX 4 has no topic list all: {P, all} or a `#` list (which matches $-topics there)
    if (!caps(to).topicsAll && rule.who.kind === "all" && act === caps(to).bothAction) return [`{${perm}, all}`];
    if (rule.shorthand && who === "all" && act === "all") return [`{${perm}, all}`];
    return [`{${perm}, ${who}, ${act}, ${caps(to).topicsAll ? "all" : '["#"]'}}`];
  }
  const items = rule.topics.items;
  if (percentToTemplate(from, to)) return v4RuleTerms(rule, who, act, to);
  return [`{${perm}, ${who}, ${act}, [${items.map((t) => topicText(t, from, to)).join(", ")}]}`];
}

/** One rule in the target version, as `compile --to acl` writes it, or why it cannot be written (the editor's migration reads this). */
export function migrateRule(rule: Rule, from: Dialect, to: Dialect): { terms: string[] } | { refusal: string } {
  try {
    return { terms: ruleTerms(rule, from, to) };
  } catch (e) {
    if (e instanceof Refuse) return { refusal: e.message };
    throw e;
  }
}

/** EMQX 4 → 5/6: `#` → `all`; `%u` rules split so the rule-stopping semantics survive. */
function v4RuleTerms(rule: Rule, who: string, act: string, to: Dialect): string[] {
  const items = rule.topics.kind === "list" ? rule.topics.items : [];
  const perm = rule.permission;
  const refs = (t: TopicPattern) =>
    t.kind === "level-template"
      ? (t.words.filter((w) => typeof w !== "string") as PlaceholderRef[]).map((w) => w.placeholder)
      : [];
  const firstU = items.findIndex((t) => refs(t).includes("username"));
  // a missing username stops EMQX 4 at the first %u topic: later topics need a username
  const needsUser = (i: number) => firstU >= 0 && i > firstU;
  const groups = new Map<string, { extra: string[]; topics: TopicPattern[] }>();
  items.forEach((t, i) => {
    const ps = [...new Set(refs(t))].sort();
    const extra = ps.map((p) => levelGuard(p, to));
    if (needsUser(i) && !ps.includes("username")) extra.push(`{username, {re, ""}}`);
    const key = extra.join(",");
    const g = groups.get(key) ?? { extra, topics: [] };
    g.topics.push(t);
    groups.set(key, g);
  });
  const out: string[] = [];
  for (const { extra, topics } of groups.values()) {
    // `#` matched everything in EMQX 4, $-topics included: that is the `all` topic list now
    const all = topics.some((t) => t.kind === "filter" && t.text === "#");
    const list = all ? "all" : `[${topics.map((t) => topicText(t, "v4", to)).join(", ")}]`;
    out.push(`{${perm}, ${and(who, extra)}, ${act}, ${list}}`);
  }
  return out.length ? out : [`{${perm}, ${who}, ${act}, []}`];
}

function emitAcl(rules: readonly Rule[], options: EmitOptions): EmitResult {
  const from = options.dialect;
  const to = options.targetDialect ?? from;
  const text = options.sourceText ?? "";
  const refusals: Refusal[] = [];
  const notes: string[] = [];
  let out = "";
  let pos = 0;
  let skipDot = false;
  for (const rule of rules) {
    let gap = text.slice(pos, rule.start);
    if (skipDot) gap = gap.replace(/^(\s*)\./, "$1");
    out += gap.replace(/coding\s*[:=]\s*latin-1/gi, "coding: utf-8");
    try {
      out += ruleTerms(rule, from, to).join(".\n");
      // without the source text there are no gaps to bring the dots: end each term here
      if (options.sourceText === undefined) out += ".\n";
      skipDot = false;
    } catch (e) {
      if (!(e instanceof Refuse)) throw e;
      refusals.push(refuse(rule, e.message));
      out += `%% [emqx-acl] dropped rule ${rule.index}: ${commentSafe(e.message)}\n%% ${text.slice(rule.start, rule.end).replace(/\n/g, "\n%% ")}${options.sourceText === undefined ? "\n" : ""}`;
      skipDot = true;
    }
    pos = rule.end;
  }
  let tail = text.slice(pos);
  if (skipDot) tail = tail.replace(/^(\s*)\./, "$1");
  out += tail.replace(/coding\s*[:=]\s*latin-1/gi, "coding: utf-8");
  if (caps(from).stringEncoding === "latin1" && caps(to).stringEncoding === "utf8")
    notes.push("acl.conf of EMQX 5+ is read as UTF-8; EMQX 4 Latin-1 strings were kept byte-exact as binaries");
  const templated = rules.filter(
    (r) =>
      r.topics.kind === "list" &&
      r.topics.items.some((t) => t.kind === "level-template") &&
      !refusals.some((x) => x.rule === r.index),
  );
  if (percentToTemplate(from, to) && caps(to).templateGuard && templated.length) {
    notes.push(
      `rules ${templated.map((r) => r.index).join(", ")}: EMQX 6 (default authorization.topic_template_allow) never renders a %u/%c value containing '+' or '#', which EMQX 4 matched as a literal level; the guards make such clients skip these rules`,
    );
  }
  return {
    files: [{ name: "acl.conf", content: out.endsWith("\n") || out === "" ? out : `${out}\n` }],
    refusals,
    notes,
    noMatch: null,
  };
}

export const aclEmitter: Emitter = {
  name: "acl",
  limits: [
    "EMQX 5/6 → 4: regexes, client_attr, zone, listener, QoS/retain options, placeholders, first-level wildcards",
    "EMQX 4 → 5/6: first-level '+' (matched $-topics in EMQX 4), topics holding '${'",
    "EMQX 5 ↔ 6: placeholders in topics (EMQX 6 stops a rule on '+', '#', '/' in values); zone/listener to 5",
  ],
  emit: emitAcl,
};
