/**
 * Whether a rule matches every request EMQX can ask about: lint (a catch-all that is not
 * last, a final allow-all), the emitters (rules after a catch-all are never written) and
 * the chain (a source after one is never asked) all ask this one question.
 */
import { capabilities, type Dialect } from "./dialects";
import type { Condition, Rule } from "./rule";

/** Does the who-condition admit every client (`all`, an `and` of such, an `or` with one)? */
export function whoIsAll(c: Condition): boolean {
  if (c.kind === "all") return true;
  if (c.kind === "and") return c.items.every(whoIsAll);
  if (c.kind === "or") return c.items.some(whoIsAll);
  return false;
}

/** Does the action accept both actions, every QoS and either retain flag? */
export function actionIsAll(r: Rule): boolean {
  const { publish, subscribe, qos, retain } = r.action;
  return publish && subscribe && qos.includes(0) && qos.includes(1) && qos.includes(2) && retain === "all";
}

/** Does the rule match every request of the dialect? */
export function isCatchAll(r: Rule, dialect: Dialect): boolean {
  if (!whoIsAll(r.who) || !actionIsAll(r)) return false;
  if (r.topics.kind === "all") return true;
  // `#` misses `$`-topics where EMQX guards them (5+); EMQX 4 matches them too
  return (
    !capabilities(dialect).dollarGuard &&
    r.topics.items.some((t) => t.kind === "filter" && t.words.length === 1 && t.words[0] === "#")
  );
}
