/**
 * How EMQX 5.8.9 and HEAD read a `${…}` topic of acl.conf (emqx_template:parse/1, then
 * emqx_auth_utils / emqx_auth_template `handle_disallowed_placeholders`):
 *
 * 1. parse: `${[.]NAME}` (NAME = `[a-zA-Z0-9._]*`) is a placeholder whose name is NAME
 *    WITHOUT the leading dot (`${.}` is the name "", `${.x}` is "x"); `${$}` is a literal `$`.
 * 2. When every name is allowed (username, clientid, cert_common_name, zone, or
 *    `client_attrs.` + anything) that parse is the template.
 * 3. Otherwise the parse is pre-rendered to text and parsed AGAIN: a name that is a
 *    member of the allowed list becomes `${NAME}` again, every other one `${$}{NAME}`.
 *    The membership test is an exact `lists:member`, so `client_attrs.k` (allowed only
 *    through the namespace) is escaped too and stays literal; and an escape `${$}` became
 *    a bare `$` in step 1, so `${$}{username}` turns into a live `${username}`.
 * 4. A template with no placeholder left is "const": the topic's ORIGINAL text is used.
 */
import type { Bytes } from "../model/rule";

/** One piece of a parsed template: literal bytes or a placeholder name (dot dropped). */
export type TemplatePiece = { text: Bytes } | { name: string };

const EXACT_ALLOWED = ["username", "clientid", "cert_common_name", "zone"];
const NAME = /^\.?[a-zA-Z0-9._]*$/;

/** emqx_template:parse/1 over byte text (the pattern is ASCII, so bytes and UTF-8 agree). */
export function parseTemplate(text: Bytes): TemplatePiece[] {
  const out: TemplatePiece[] = [];
  let literal = "";
  let at = 0;
  for (let open = text.indexOf("${"); open >= 0; open = text.indexOf("${", at)) {
    // the name charset has no `}`, so the first `}` after `${` closes the only candidate
    const close = text.indexOf("}", open + 2);
    if (close < 0) break;
    const inner = text.slice(open + 2, close);
    if (inner !== "$" && !NAME.test(inner)) {
      literal += text.slice(at, open + 2);
      at = open + 2;
      continue;
    }
    literal += text.slice(at, open);
    at = close + 1;
    if (inner === "$") literal += "$";
    else {
      if (literal !== "") out.push({ text: literal });
      literal = "";
      out.push({ name: inner.startsWith(".") ? inner.slice(1) : inner });
    }
  }
  literal += text.slice(at);
  if (literal !== "") out.push({ text: literal });
  return out;
}

/** `is_allowed/2` with the file source's list: exact names plus the client_attrs namespace. */
export function isAllowedName(name: string): boolean {
  return EXACT_ALLOWED.includes(name) || name.startsWith("client_attrs.");
}

/** The template EMQX keeps for a topic (steps 1-3 above). */
export function topicTemplate(text: Bytes): TemplatePiece[] {
  const first = parseTemplate(text);
  if (first.every((p) => !("name" in p) || isAllowedName(p.name))) return first;
  // prerender_disallowed_placeholders: lists:member, not the namespace-aware is_allowed
  const prerendered = first
    .map((p) => ("text" in p ? p.text : EXACT_ALLOWED.includes(p.name) ? `\${${p.name}}` : `\${$}{${p.name}}`))
    .join("");
  return parseTemplate(prerendered);
}
