/**
 * Whether a rule's own condition already keeps a placeholder's value free of `+`, `#` and
 * `/` — e.g. `{clientid, {re, "^sensor-[0-9]+$"}}` before `fleet/${clientid}/cmd`.
 */
import { dfaIntersect, dfaIsEmpty, regexToDfa, type Condition, type NameMatch } from "@emqx-acl/core";

const WIDENING = /[+#/]/;

/** Values the broker could insert: the language of `match`, checked against `[+#/]`. */
function matchIsSafe(match: NameMatch): boolean {
  if (match.kind === "exact") return !WIDENING.test(match.value);
  const values = regexToDfa(match.pattern);
  const widening = regexToDfa("[+#/]");
  if ("unsupported" in values || "unsupported" in widening) return false;
  try {
    return dfaIsEmpty(dfaIntersect(values, widening));
  } catch {
    return false; // too large to decide: assume it can widen
  }
}

/**
 * True when every client the condition admits has a safe value for `placeholder`
 * (`username`, `clientid` or `client_attrs.NAME`).
 */
export function conditionKeepsValueSafe(who: Condition, placeholder: string): boolean {
  switch (who.kind) {
    case "username":
    case "clientid":
      return who.kind === placeholder && matchIsSafe(who.match);
    case "client_attr":
      return placeholder === `client_attrs.${who.name}` && matchIsSafe(who.match);
    case "and":
      return who.items.some((c) => conditionKeepsValueSafe(c, placeholder));
    case "or":
      // an empty 'or' admits nobody; otherwise every branch must keep the value safe
      return who.items.every((c) => conditionKeepsValueSafe(c, placeholder));
    default:
      return false;
  }
}
