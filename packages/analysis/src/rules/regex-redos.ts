import { defineRule, type Finding } from "../lint/types";
import { regexUses } from "./regex-util";

/** Nested or overlapping quantifiers: exponential backtracking on crafted input. */
export const rule = defineRule({
  id: "regex-redos",
  category: "security",
  defaultSeverity: "warning",
  summary: "The regex nests quantifiers (`(a+)+`, `(.*)*`): a crafted username or client id can make matching take exponential time.",
  rationale:
    "Erlang's `re` is a backtracking engine. Patterns with a quantified group that itself contains a quantifier can take exponential time on inputs that almost match, and EMQX evaluates the regex on every publish and subscribe of the client. Rewrite the pattern without nested repetition (`^a+$` instead of `^(a+)+$`).",
  examples: { bad: '{allow, {clientid, {re, "^(a+)+$"}}, all, ["#"]}.', good: '{allow, {clientid, {re, "^a+$"}}, all, ["#"]}.' },
  fixable: false,
  scope: "rule",
  check(ctx) {
    const out: Finding[] = [];
    for (const r of ctx.rules)
      for (const u of regexUses(r)) {
        if (!nestedQuantifier(u.pattern)) continue;
        out.push({ message: `regex "${u.pattern}" nests quantifiers and can backtrack exponentially on crafted input`, start: u.condition.start, end: u.condition.end, term: r.index });
      }
    return out;
  },
});

/** A group containing a quantifier, itself followed by a quantifier. */
export function nestedQuantifier(p: string): boolean {
  const stack: boolean[] = [];
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === "\\") {
      i++;
      continue;
    }
    if (c === "[") {
      while (i < p.length && p[i] !== "]") i += p[i] === "\\" ? 2 : 1;
      continue;
    }
    if (c === "(") stack.push(false);
    else if (c === ")") {
      const inner = stack.pop() ?? false;
      const next = p[i + 1];
      if (inner && (next === "*" || next === "+" || next === "{")) return true;
      if (stack.length && inner) stack[stack.length - 1] = true;
    } else if ((c === "*" || c === "+" || c === "{") && stack.length) stack[stack.length - 1] = true;
  }
  return false;
}
