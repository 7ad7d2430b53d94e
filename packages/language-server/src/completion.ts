/**
 * Completion of the atoms valid at the cursor (by position in the rule tuple) and of
 * placeholders inside topic strings, for the document's dialect.
 */
import type { DocumentAnalysis } from "@emqx-acl/analysis";
import type { Position } from "@emqx-acl/syntax";
import {
  ACTION_NAMES,
  WHO_CONDITIONS,
  acceptsActionOptions,
  capabilities,
  isDialect,
  type Dialect as EmqxDialect,
} from "@emqx-acl/core";
import { CompletionItemKind, InsertTextFormat, type CompletionItem } from "vscode-languageserver";
import { scanContext, type Frame } from "./completion-context";
import { firstFormFrom } from "./locate";

type Dialect = EmqxDialect | "auto";

const kw = (label: string, detail: string): CompletionItem => ({ label, kind: CompletionItemKind.Keyword, detail });
const snip = (label: string, insert: string, detail: string): CompletionItem => ({
  label,
  kind: CompletionItemKind.Snippet,
  insertText: insert,
  insertTextFormat: InsertTextFormat.Snippet,
  detail,
});

const PERMISSIONS = [kw("allow", "permit matching requests"), kw("deny", "refuse matching requests")];

/** How each who condition is inserted; which ones are offered is the loader's table (WHO_CONDITIONS). */
const WHO_SNIPPETS: Record<string, [label: string, insert: string, detail: string]> = {
  username: ["{username, …}", '{username, "${1}"}', "match the username"],
  clientid: ["{clientid, …}", '{clientid, "${1}"}', "match the client id"],
  user: ["{user, …}", '{user, "${1}"}', "v4: match the username"],
  client: ["{client, …}", '{client, "${1}"}', "v4: match the client id"],
  ipaddr: ["{ipaddr, …}", '{ipaddr, "${1:127.0.0.1}"}', "clients from a CIDR"],
  ipaddrs: ["{ipaddrs, […]}", '{ipaddrs, ["${1:10.0.0.0/8}"]}', "clients from any of several CIDRs"],
  and: ["{'and', […]}", "{'and', [${1}]}", "all conditions hold"],
  or: ["{'or', […]}", "{'or', [${1}]}", "any condition holds"],
  client_attr: ["{client_attr, …}", '{client_attr, "${1}", "${2}"}', "5.7+: a client attribute"],
  zone: ["{zone, …}", '{zone, "${1}"}', "EMQX 6: the listener zone"],
  listener: ["{listener, …}", '{listener, "${1}"}', "EMQX 6: the listener id"],
  security_profile: [
    "{security_profile, …}",
    "{security_profile, ${1|legacy,hardened|}}",
    "EMQX 6: the node's security profile",
  ],
};

/** The who conditions the dialect's loader accepts (every version's for `auto`), aliases left out. */
function whoTags(d: Dialect): string[] {
  const specs = d === "auto" ? Object.values(WHO_CONDITIONS).flat() : WHO_CONDITIONS[d];
  return [...new Set(specs.filter((c) => !c.alias || d === "auto").map((c) => c.tag))];
}

function whoItems(d: Dialect): CompletionItem[] {
  return [kw("all", "every client"), ...whoTags(d).map((t) => snip(...WHO_SNIPPETS[t]))];
}

const atomText = (tag: string) => (tag === "and" || tag === "or" ? `'${tag}'` : tag);
const WHO_KEYS = (d: Dialect) => whoTags(d).map((t) => kw(atomText(t), "condition"));

function actionItems(d: Dialect): CompletionItem[] {
  const names = d === "auto" ? ACTION_NAMES.v5 : ACTION_NAMES[d];
  const detail: Record<string, string> = {
    publish: "publish only",
    subscribe: "subscribe only",
    pubsub: "publish and subscribe",
    all: "publish and subscribe",
  };
  return [
    ...names.map((n) => kw(n, detail[n])),
    ...(d === "auto" || acceptsActionOptions(d)
      ? [
          snip(
            "{publish, [qos, retain]}",
            "{publish, [{qos, ${1:0}}, {retain, ${2:false}}]}",
            "publish with QoS/retain limits",
          ),
        ]
      : []),
  ];
}

function placeholderItems(d: Dialect): string[] {
  const v5 = ["${username}", "${clientid}", "${client_attrs.}", "${cert_common_name}", "${zone}"];
  const v4 = ["%u", "%c", "%cida", "%cna"];
  return d === "auto" ? [...v5, ...v4] : capabilities(d).placeholders === "percent" ? v4 : v5;
}

/** Which item list applies for the bracket stack at the cursor. */
function itemsFor(stack: Frame[], d: Dialect): CompletionItem[] {
  if (stack.length === 0)
    return [
      snip("{allow, …}.", '{allow, ${1:all}, ${2:subscribe}, ["${3:#}"]}.', "new rule"),
      snip("{deny, …}.", '{deny, ${1:all}, ${2:subscribe}, ["${3:#}"]}.', "new rule"),
    ];
  const [rule, inner, deeper] = stack;
  if (rule.open !== "{") return [];
  if (stack.length === 1) {
    return (
      [PERMISSIONS, whoItems(d), actionItems(d), [kw("all", "any topic"), snip('["…"]', '["${1}"]', "topic list")]][
        rule.index
      ] ?? []
    );
  }
  if (rule.index === 1) {
    if (inner.open === "{" && inner.index === 0) return WHO_KEYS(d);
    if (inner.open === "{" && (inner.head === "'and'" || inner.head === "'or'") && deeper?.open === "[")
      return whoItems(d);
    return [];
  }
  if (rule.index === 2 && inner.open === "{" && inner.index === 0)
    return [kw("publish", ""), kw("subscribe", ""), kw("all", "")];
  if (rule.index === 2 && inner.open === "{" && deeper?.open === "[")
    return [snip("{qos, …}", "{qos, ${1:0}}", "QoS levels"), snip("{retain, …}", "{retain, ${1:true}}", "retain flag")];
  if (rule.index === 3 && inner.open === "[")
    return stack.length === 2
      ? [snip('{eq, "…"}', '{eq, "${1}"}', "exact topic, no wildcards")]
      : [kw("eq", "exact topic")];
  return [];
}

/** The dialect completions should follow: the setting, or what the analysis inferred. */
function dialectOf(a: DocumentAnalysis, setting: Dialect): Dialect {
  if (setting !== "auto") return setting;
  const l = a.lowered as unknown as { dialect?: string; ruleSet?: { dialect?: string } };
  const d = l?.dialect ?? l?.ruleSet?.dialect;
  return isDialect(d) ? d : "auto";
}

export function provideCompletion(a: DocumentAnalysis, position: Position, dialectSetting: Dialect): CompletionItem[] {
  const li = a.parse.lineIndex;
  const text = li.text;
  const offset = li.offset(position);
  const forms = a.parse.forms;
  // scan from the end of the last complete form (one closed by its dot) before the cursor
  let k = firstFormFrom(forms, offset) - 1;
  while (k >= 0 && (forms[k].end > offset || text[forms[k].end - 1] !== ".")) k--;
  const ctx = scanContext(text, k >= 0 ? forms[k].end : 0, offset);
  const d = dialectOf(a, dialectSetting);
  if (ctx.inComment) return [];
  if (ctx.stringStart >= 0) {
    const inTopics = ctx.stack[0]?.index === 3 || ctx.stack.length === 0;
    if (!inTopics) return [];
    const typed = /(\$\{?[\w.]*|%\w*)$/.exec(text.slice(ctx.stringStart + 1, offset))?.[0] ?? "";
    const range = { start: li.position(offset - typed.length), end: position };
    return placeholderItems(d).map((p) => ({
      label: p,
      kind: CompletionItemKind.Variable,
      textEdit: { range, newText: p },
      filterText: p,
      detail: "placeholder",
    }));
  }
  return itemsFor(ctx.stack, d);
}
