import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { PlaceholderRef, TopicPattern } from "../model/rule";
import { isAllowedPlaceholder, templateTopic } from "./lower-topic";

/** The placeholder grammar as one global regex (emqx_template's `${[.]name}` and `${$}`): the reference. */
function reference(text: string): TopicPattern {
  const span = { start: 0, end: 0 };
  const parts: (string | PlaceholderRef)[] = [];
  let last = 0;
  let hasVar = false;
  const push = (s: string) => {
    if (s === "") return;
    if (typeof parts[parts.length - 1] === "string") parts[parts.length - 1] += s;
    else parts.push(s);
  };
  for (const m of text.matchAll(/\$\{(?:[.]?([a-zA-Z0-9._]*)|(\$))\}/g)) {
    push(text.slice(last, m.index));
    last = m.index! + m[0].length;
    if (m[2] === "$") push("$");
    else if (isAllowedPlaceholder(m[1])) {
      parts.push({ placeholder: m[1], raw: m[0] });
      hasVar = true;
    } else push(m[0]);
  }
  push(text.slice(last));
  if (!hasVar) return { kind: "filter", text, words: text.split("/"), ...span };
  return { kind: "text-template", text, parts, ...span };
}

describe("templateTopic", () => {
  it("splits placeholders out exactly as the placeholder regex reads them", () => {
    const piece = fc.constantFrom("${", "}", "$", ".", "username", "clientid", "client_attrs.a", "zone", "x", "a-b", "/", "#", "+", "{", "${$}", "${username}");
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 10 }), (ps) => {
        const text = ps.join("");
        expect(templateTopic(text, { start: 0, end: 0 })).toEqual(reference(text));
      }),
      { seed: 4, numRuns: 5000 },
    );
  });
});
