/** A rule of the model in words, for hovers: who, actions, topics. */
import type { Action, Condition, NameMatch, Rule, TopicPattern } from "@emqx-acl/core";
import { showBytes } from "./locate";

function name(m: NameMatch): string {
  return m.kind === "exact" ? showBytes(m.value) : `matching the regex ${showBytes(m.pattern)}`;
}

/** The condition in words, e.g. `username "u"` or `clients from 10.0.0.0/8`. */
export function describeWho(c: Condition): string {
  switch (c.kind) {
    case "all":
      return "every client";
    case "username":
    case "clientid":
    case "zone":
    case "listener":
      return `${c.kind} ${name(c.match)}`;
    case "client_attr":
      return `client attribute ${showBytes(c.name)} ${name(c.match)}`;
    case "ipaddr":
      return `clients from ${c.cidrs.map((x) => x.text).join(" or ")}`;
    case "security_profile":
      return `every client when the security profile is ${c.profile}`;
    case "and":
      return c.items.length ? c.items.map(describeWho).join(" and ") : "every client (empty 'and')";
    case "or":
      return c.items.length ? `(${c.items.map(describeWho).join(" or ")})` : "no client (empty 'or')";
  }
}

/** The action in words, e.g. `publish (QoS 0, 1; retained only)`. */
export function describeAction(a: Action): string {
  const verbs =
    a.publish && a.subscribe ? "publish and subscribe" : a.publish ? "publish" : a.subscribe ? "subscribe" : "nothing";
  const notes: string[] = [];
  if (a.qos.length === 0) notes.push("no QoS: never matches");
  else if (a.qos.length < 3) notes.push(`QoS ${a.qos.join(", ")}`);
  if (a.retain !== "all") notes.push(a.retain ? "retained only" : "not retained");
  return notes.length ? `${verbs} (${notes.join("; ")})` : verbs;
}

function describeTopic(t: TopicPattern): string {
  switch (t.kind) {
    case "eq":
      return `exactly ${showBytes(t.text)} (no wildcards)`;
    case "filter":
      return showBytes(t.text);
    case "level-template":
    case "text-template":
      return `${showBytes(t.text)} (placeholders rendered per client)`;
  }
}

/** Markdown lines describing the rule. */
export function describeRule(r: Rule): string[] {
  const verb = r.permission === "allow" ? "**Allows**" : "**Denies**";
  const lines = [`Rule #${r.index}: ${verb} ${describeWho(r.who)} to ${describeAction(r.action)}`];
  if (r.topics.kind === "all") lines.push("", "on any topic");
  else {
    lines.push("", r.topics.items.length ? "on topics:" : "on no topic (empty list: never matches)");
    for (const t of r.topics.items) lines.push(`- ${describeTopic(t)}`);
  }
  return lines;
}
