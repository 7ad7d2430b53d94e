/**
 * Completion of the atoms valid at the cursor (by position in the rule tuple) and of
 * placeholders inside topic strings, for the document's dialect.
 */
import type { DocumentAnalysis } from "@emqx-acl/analysis";
import { capabilities, isDialect, type Dialect as EmqxDialect, type DialectCapabilities } from "@emqx-acl/core";
import type { Position } from "@emqx-acl/syntax";
import { CompletionItemKind, InsertTextFormat, type CompletionItem } from "vscode-languageserver";
import { scanContext, type Frame } from "./completion-context";
import { firstFormFrom } from "./locate";

type Dialect = EmqxDialect | "auto";

/** Does the dialect have it? `auto` offers what any version has. */
const can = (d: Dialect, has: (c: DialectCapabilities) => boolean): boolean => d === "auto" || has(capabilities(d));
/** EMQX 4's `{user, …}` / `{client, …}` spellings only (not for auto). */
const oldTags = (d: Dialect): boolean => d !== "auto" && capabilities(d).whoTags.username === "user";

const kw = (label: string, detail: string): CompletionItem => ({ label, kind: CompletionItemKind.Keyword, detail });
const snip = (label: string, insert: string, detail: string): CompletionItem => ({
  label, kind: CompletionItemKind.Snippet, insertText: insert, insertTextFormat: InsertTextFormat.Snippet, detail,
});

const PERMISSIONS = [kw("allow", "permit matching requests"), kw("deny", "refuse matching requests")];

function whoItems(d: Dialect): CompletionItem[] {
  return [
    kw("all", "every client"),
    ...(!oldTags(d) ? [snip("{username, …}", '{username, "${1}"}', "match the username"), snip("{clientid, …}", '{clientid, "${1}"}', "match the client id")] : []),
    ...(can(d, (c) => c.whoTags.username === "user") ? [snip("{user, …}", '{user, "${1}"}', "v4: match the username"), snip("{client, …}", '{client, "${1}"}', "v4: match the client id")] : []),
    snip("{ipaddr, …}", '{ipaddr, "${1:127.0.0.1}"}', "clients from a CIDR"),
    snip("{ipaddrs, […]}", '{ipaddrs, ["${1}"]}', "clients from any of several CIDRs"),
    snip("{'and', […]}", "{'and', [${1}]}", "all conditions hold"),
    snip("{'or', […]}", "{'or', [${1}]}", "any condition holds"),
    ...(can(d, (c) => c.clientAttrs) ? [snip("{client_attr, …}", '{client_attr, "${1}", "${2}"}', "5.7+: a client attribute")] : []),
    // EMQX 5.8 refuses {zone, …} and {listener, …} (invalid_client_match_condition): EMQX 6 only
    ...(can(d, (c) => c.zoneListener) ? [snip("{zone, …}", '{zone, "${1}"}', "EMQX 6: the listener zone"), snip("{listener, …}", '{listener, "${1}"}', "EMQX 6: the listener id")] : []),
  ];
}

const WHO_KEYS = (d: Dialect) =>
  (oldTags(d)
    ? ["user", "client", "ipaddr", "ipaddrs", "'and'", "'or'"]
    : ["username", "clientid", "ipaddr", "ipaddrs", "'and'", "'or'", "client_attr", ...(can(d, (c) => c.zoneListener) ? ["zone", "listener"] : [])]
  ).map((k) => kw(k, "condition"));

function actionItems(d: Dialect): CompletionItem[] {
  return [
    kw("publish", "publish only"),
    kw("subscribe", "subscribe only"),
    kw(d === "auto" ? "all" : capabilities(d).bothAction, "publish and subscribe"),
    ...(can(d, (c) => c.actionOptions) ? [snip("{publish, [qos, retain]}", "{publish, [{qos, ${1:0}}, {retain, ${2:false}}]}", "publish with QoS/retain limits")] : []),
  ];
}

function placeholderItems(d: Dialect): string[] {
  const v5 = ["${username}", "${clientid}", "${client_attrs.}", "${cert_common_name}", "${zone}"];
  const v4 = ["%u", "%c", "%cida", "%cna"];
  return d === "auto" ? [...v5, ...v4] : capabilities(d).placeholders === "percent" ? v4 : v5;
}

/** Which item list applies for the bracket stack at the cursor. */
function itemsFor(stack: Frame[], d: Dialect): CompletionItem[] {
  if (stack.length === 0) return [snip("{allow, …}.", '{allow, ${1:all}, ${2:subscribe}, ["${3:#}"]}.', "new rule"), snip("{deny, …}.", '{deny, ${1:all}, ${2:subscribe}, ["${3:#}"]}.', "new rule")];
  const [rule, inner, deeper] = stack;
  if (rule.open !== "{") return [];
  if (stack.length === 1) {
    return [PERMISSIONS, whoItems(d), actionItems(d), [kw("all", "any topic"), snip('["…"]', '["${1}"]', "topic list")]][rule.index] ?? [];
  }
  if (rule.index === 1) {
    if (inner.open === "{" && inner.index === 0) return WHO_KEYS(d);
    if (inner.open === "{" && (inner.head === "'and'" || inner.head === "'or'") && deeper?.open === "[") return whoItems(d);
    return [];
  }
  if (rule.index === 2 && inner.open === "{" && inner.index === 0) return [kw("publish", ""), kw("subscribe", ""), kw("all", "")];
  if (rule.index === 2 && inner.open === "{" && deeper?.open === "[") return [snip("{qos, …}", "{qos, ${1:0}}", "QoS levels"), snip("{retain, …}", "{retain, ${1:true}}", "retain flag")];
  if (rule.index === 3 && inner.open === "[") return stack.length === 2 ? [snip('{eq, "…"}', '{eq, "${1}"}', "exact topic, no wildcards")] : [kw("eq", "exact topic")];
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
      label: p, kind: CompletionItemKind.Variable, textEdit: { range, newText: p }, filterText: p, detail: "placeholder",
    }));
  }
  return itemsFor(ctx.stack, d);
}
