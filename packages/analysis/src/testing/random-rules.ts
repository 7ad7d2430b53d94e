/**
 * Seeded random small rule sets (tests): few distinct users, clients, networks, topic
 * words and templates, so rules overlap, shadow and contradict each other often.
 */
import type { Dialect, Permission, Rule } from "@emqx-acl/core";
import { rules, type ActionSpec, type WhoSpec } from "./build-rules";
import { capabilities } from "@emqx-acl/core";

const WHO: WhoSpec[] = [
  "all",
  "all",
  { user: "a" },
  { user: "b" },
  { client: "c" },
  { ip: "10.0.0.0/24" },
  { ip: "10.0.0.128/25" },
  { userRe: "^a" },
  { and: [{ user: "a" }, { client: "c" }] },
  { or: [{ user: "b" }, { ip: "10.0.0.0/8" }] },
];

const ACTIONS: ActionSpec[] = [
  "publish",
  "subscribe",
  "all",
  { action: "publish", qos: [0, 1] },
  { action: "all", retain: true },
];

const TOPICS = ["a/b", "a/+", "a/#", "#", "+/b", "eq a/+", "t/a", "t/+", "$SYS/#", "t/ID", "t/ID/#", "a/ID/b"];

/**
 * `n` random rules for the dialect, from `next` (a seeded PRNG returning [0, 1)). The
 * templates of one set read one dimension (username or client id): the analysis picks
 * template values per dimension, so "username equals client id" is not a case it
 * distinguishes (a known limitation shared by every algorithm here).
 */
export function randomRules(next: () => number, dialect: Dialect, n: number): Rule[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)];
  const spell = capabilities(dialect).placeholderSpelling;
  const id = next() < 0.5 ? spell.username : spell.clientid;
  const topic = () => pick(TOPICS).replace("ID", id);
  const specs: [Permission, WhoSpec, ActionSpec, string[] | "all"][] = [];
  for (let i = 0; i < n; i++) {
    const topics = next() < 0.12 ? "all" : Array.from({ length: 1 + Math.floor(next() * 2) }, topic);
    specs.push([next() < 0.5 ? "allow" : "deny", pick(WHO), pick(ACTIONS), topics]);
  }
  return rules(dialect, ...specs);
}
