/**
 * Placeholder rendering at match time (spec §3).
 * v4: whole-level `%u`/`%c`, the value is ONE word; no username ⇒ this filter and the
 * rule's later ones never match (vectors: the whole rule stops); a value that is empty, `+`, `#` or contains `/` can never equal a request word.
 * v5/v6: `${…}` text substitution, then split into words; a missing username renders
 * `undefined`; a missing key (no cert CN, unset attribute) skips that filter. v6 (HEAD,
 * `topic_template_allow` defaults): a value with `+`, `#` or `/` aborts the whole rule.
 */
import type { Bytes, Dialect, PlaceholderRef } from "../model/rule";
import type { PreparedRequest } from "./prepare";
import { showBytes } from "../model/bytes";
import { capabilities } from "../model/dialects";

/** Result of rendering one filter. */
export type Rendered =
  | { ok: true; text: Bytes }
  /** v4 undefined value / v5 missing key: this filter cannot match; try the next one. */
  | { ok: false; skip: true; why: string }
  /** v6 forbidden character in a value: the whole rule fails to render. */
  | { ok: false; skip: false; why: string };

/** The value of a placeholder for this request, or null when the key is missing. */
export function placeholderValue(name: string, p: PreparedRequest, dialect: Dialect): Bytes | null {
  const r = p.request;
  switch (name) {
    case "username":
      return r.username ?? capabilities(dialect).missingUsername;
    case "clientid":
      return r.clientid;
    case "cert_common_name":
      return r.cert_common_name;
    case "zone":
      return p.zone;
    case "listener":
      // reachable only through an undone `${$}{listener}` escape (emqx-template.ts); the
      // client info carries the listener, so EMQX renders it
      return p.listener;
  }
  if (name.startsWith("client_attrs.")) {
    const key = name.slice(13);
    if (key.includes(".")) return null;
    return Object.prototype.hasOwnProperty.call(r.client_attrs, key) ? r.client_attrs[key] : null;
  }
  // any other name (peerhost is a tuple to_string/1 cannot render, unknown keys are
  // missing): render_strict fails, which EMQX treats like a missing key
  return null;
}

/** v4: the rendered word, or a reason the filter cannot match. */
export function renderLevel(
  ref: PlaceholderRef,
  p: PreparedRequest,
): { word: Bytes } | { why: string; undefined: boolean } {
  const v = placeholderValue(ref.placeholder, p, "v4");
  if (v === null)
    return {
      why: `${ref.raw} is undefined for this client: the rule's remaining topics are not tried`,
      undefined: true,
    };
  if (v === "" || v === "+" || v === "#" || v.includes("/")) {
    return { why: `${ref.raw} = "${v}" becomes one literal level that no topic level can equal`, undefined: false };
  }
  return { word: v };
}

const FORBIDDEN = /[+#/]/;

/**
 * v5/v6: renders a text template. A missing key does not stop the rendering: EMQX renders
 * every placeholder (the missing one as `undefined`) and fails afterwards, so in v6 a later
 * value with a forbidden character still throws past the filter and aborts the rule.
 */
export function renderText(parts: readonly (Bytes | PlaceholderRef)[], p: PreparedRequest, dialect: Dialect): Rendered {
  let out = "";
  let missing: PlaceholderRef | null = null;
  const guard = capabilities(dialect).templateGuard;
  for (const part of parts) {
    if (typeof part === "string") {
      out += part;
      continue;
    }
    const v = placeholderValue(part.placeholder, p, dialect);
    if (v === null) {
      missing ??= part;
      continue;
    }
    if (guard && FORBIDDEN.test(v)) {
      return {
        ok: false,
        skip: false,
        why: `${part.raw} = "${showBytes(v)}" contains +, # or / (topic_template_allow forbids it)`,
      };
    }
    // a value that is not UTF-8 is no error: validate_topic_template_value walks a binary
    // byte by byte (emqx c6c132535c, in the pinned master 50e04386de; before it, it decoded
    // the value as UTF-8 and threw)
    out += v;
  }
  if (missing !== null) return { ok: false, skip: true, why: `${missing.raw} has no value for this client` };
  return { ok: true, text: out };
}
