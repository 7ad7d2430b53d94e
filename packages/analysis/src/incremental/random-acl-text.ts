/**
 * Seeded random acl.conf texts and single-rule edits for the incremental lint's tests: a
 * small vocabulary (few users, clients, networks, topic words, templates) so rules overlap,
 * shadow and contradict each other often, and a "fleet" shape like the benchmark's
 * (per-user and per-client template rules, denies, networks, regexes, the classic tail).
 */
import type { Dialect } from "@emqx-acl/core";
import { capabilities } from "@emqx-acl/core";

export type Rng = () => number;

/** Mulberry32: a small seeded PRNG returning [0, 1). */
export function seeded(seed: number): Rng {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];

function vocabulary(d: Dialect) {
  const caps = capabilities(d);
  const { username: u, clientid: c } = caps.placeholderSpelling;
  const user = (x: string) => `{${caps.whoTags.username}, "${x}"}`;
  const client = (x: string) => `{${caps.whoTags.clientid}, "${x}"}`;
  return {
    u,
    c,
    user,
    client,
    who: [
      "all",
      "all",
      user("a"),
      user("b"),
      client("c"),
      `{ipaddr, "10.0.0.0/24"}`,
      `{ipaddr, "10.0.0.128/25"}`,
      caps.nameRegex ? `{username, {re, "^a"}}` : user("c"),
      `{'and', [${user("a")}, ${client("c")}]}`,
      `{'or', [${user("b")}, {ipaddr, "10.0.0.0/8"}]}`,
    ],
    actions: caps.actionOptions
      ? ["publish", "subscribe", "all", "{publish, [{qos, [0, 1]}]}", "{all, [{retain, true}]}"]
      : ["publish", "subscribe", "pubsub"],
    topics: [
      '"a/b"',
      '"a/+"',
      '"a/#"',
      '"#"',
      '"+/b"',
      '{eq, "a/+"}',
      '"t/a"',
      '"t/+"',
      '"$SYS/#"',
      `"t/${u}"`,
      `"t/${c}/#"`,
      `"a/${u}/b"`,
    ],
  };
}

/** One random rule term (with its dot). */
export function randomRule(rng: Rng, d: Dialect): string {
  const v = vocabulary(d);
  if (rng() < 0.06) return `{${pick(rng, ["allow", "deny"])}, all}.`;
  const topics = Array.from({ length: 1 + Math.floor(rng() * 2) }, () => pick(rng, v.topics));
  return `{${pick(rng, ["allow", "deny"])}, ${pick(rng, v.who)}, ${pick(rng, v.actions)}, [${topics.join(", ")}]}.`;
}

/** One rule of the fleet shape, drawing users and clients from `pool` names. */
export function fleetRule(rng: Rng, d: Dialect, pool: number): string {
  const v = vocabulary(d);
  const r = rng() * 100;
  const u = `user${Math.floor(rng() * pool)}`;
  const dev = `dev-${Math.floor(rng() * pool)}`;
  const caps = capabilities(d);
  const act = pick(rng, ["publish", "subscribe", caps.bothAction]);
  if (r < 60)
    return `{allow, ${v.user(u)}, ${act}, ["devices/${v.c}/${pick(rng, ["up", "down", "state"])}/#", "users/${v.u}/#"]}.`;
  if (r < 72)
    return `{allow, ${v.client(dev)}, ${act}, ["devices/${dev}/#", "fleet/${pick(rng, ["a", "b"])}/+/telemetry"]}.`;
  if (r < 80) return `{deny, ${v.user(u)}, publish, ["devices/${dev}/cmd"]}.`;
  if (r < 86)
    return !caps.actionOptions
      ? `{allow, ${v.user(u)}, publish, ["rich/${v.u}/#"]}.`
      : `{allow, ${v.user(u)}, {publish, [{qos, [0, 1]}, {retain, false}]}, ["rich/${v.u}/#"]}.`;
  if (r < 91) return `{allow, {ipaddr, "10.0.${Math.floor(rng() * 4)}.0/24"}, ${act}, ["lan/${v.c}/#"]}.`;
  if (r < 95)
    return !caps.nameRegex
      ? `{allow, {'and', [${v.user(u)}, ${v.client(dev)}]}, pubsub, ["pair/${v.u}/${v.c}"]}.`
      : `{allow, {username, {re, "^${u}-[0-9]+$"}}, all, ["groups/${v.u}/#"]}.`;
  return `{allow, all, subscribe, ["${pick(rng, ["+/status", "$SYS/brokers/+/uptime", "public/#"])}"]}.`;
}

export type Shape = "random" | "fleet";

const SUPPRESSIBLE = [
  "placeholder-wildcard-injection",
  "rule-redundant",
  "rule-unreachable",
  "rule-conflict",
  "sys-topics-exposed",
] as const;

/** A rule of the shape. */
export function shapedRule(rng: Rng, d: Dialect, shape: Shape, pool: number): string {
  return shape === "fleet" ? fleetRule(rng, d, pool) : randomRule(rng, d);
}

/** A file of `n` rules of the shape, one per line (the fleet ends with the classic tail). */
export function randomFile(rng: Rng, d: Dialect, shape: Shape, n: number): string[] {
  const pool = Math.max(2, Math.floor(n / 3));
  const lines = Array.from({ length: n }, () => shapedRule(rng, d, shape, pool));
  if (shape === "fleet")
    lines.push(
      `{deny, all, subscribe, ["$SYS/#", {eq, "#"}]}.`,
      `{allow, all, publish, ["public/${vocabulary(d).u}/#"]}.`,
      "{deny, all}.",
    );
  return lines;
}

export type EditKind = "replace" | "insert" | "delete" | "keystroke" | "break-and-fix" | "ignore" | "join";

export interface Edit {
  kind: EditKind;
  /** The lines after the edit. */
  lines: string[];
  /** break-and-fix: the broken text in between (EMQX refuses it). */
  broken?: string[];
}

/** A random single-rule edit of `lines`. */
export function randomEdit(rng: Rng, d: Dialect, shape: Shape, lines: string[]): Edit {
  const kind = pick(rng, ["replace", "insert", "delete", "keystroke", "break-and-fix", "ignore", "join"] as const);
  const at = Math.floor(rng() * lines.length);
  const pool = Math.max(2, Math.floor(lines.length / 3));
  const out = [...lines];
  switch (kind) {
    case "replace":
      out[at] = shapedRule(rng, d, shape, pool);
      break;
    case "insert":
      out.splice(Math.floor(rng() * (lines.length + 1)), 0, shapedRule(rng, d, shape, pool));
      break;
    case "delete":
      if (lines.length > 1) out.splice(at, 1);
      break;
    case "keystroke": {
      // a character typed into the last topic string of a rule (or its permission)
      const l = out[at];
      const q = l.lastIndexOf('"');
      const slash = l.lastIndexOf("/", q);
      const pos = slash > 0 ? slash + 1 : Math.max(1, q);
      out[at] = l.slice(0, pos) + pick(rng, ["x", "+", "#", "/", "a"]) + l.slice(pos);
      break;
    }
    case "ignore":
      // a suppression comment before a rule (the findings it hides depend on no rule's text)
      out.splice(at, 0, `%% emqx-acl ignore:${pick(rng, SUPPRESSIBLE)}`);
      break;
    case "join":
      // two rules on one line: an edit in the first moves the second's columns
      if (at + 1 < out.length) out.splice(at, 2, `${out[at]} ${out[at + 1]}`);
      break;
    case "break-and-fix": {
      const broken = [...lines];
      // a rule loses its closing brace; a comment line gets an unfinished rule after it
      broken[at] = /\}\.$/.test(lines[at]) ? lines[at].replace(/\}\.$/, ".") : `${lines[at]}\n{allow, all`;
      out[at] = rng() < 0.5 ? lines[at] : shapedRule(rng, d, shape, pool);
      return { kind, lines: out, broken };
    }
  }
  return { kind, lines: out };
}
