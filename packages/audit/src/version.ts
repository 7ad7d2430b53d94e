/**
 * Which EMQX generation an emqx.conf is for, from its text alone: EMQX 4 files are flat
 * cuttlefish `key = value` lines (often with values HOCON cannot parse, like
 * `node.name = emqx@127.0.0.1`) and use keys that 5 renamed; 5 and 6 are HOCON.
 */
import type { Dialect } from "@emqx-acl/core";
import { parseHocon } from "@emqx-acl/syntax";

/** The EMQX version a configuration is for: the same versions as acl.conf dialects. */
export type EmqxVersion = Dialect;

/** Keys (or key prefixes) only EMQX 4's schema has. */
const V4_ONLY = [
  /^\s*acl_(nomatch|file|deny_action|cache_ttl|cache_max_size|order)\s*=/m,
  /^\s*(enable_acl_cache|allow_anonymous)\s*=/m,
  /^\s*(listener|zone|plugins|broker|mqtt)\.[\w.]+\s*=/m,
  /^\s*rpc\.(default_client_driver|enable_ssl|tcp_server_ip)\s*=/m,
  /^\s*node\.(dist_listen_min|dist_listen_max|dist_use_interface)\s*=/m,
  /^\s*cluster\.discovery\s*=/m,
];

/** Keys only EMQX 6 has (6.1+ / HEAD authorization settings). */
const V6_ONLY = /\b(include_mountpoint|topic_template_allow|ignore_backend_failures)\b/;

export function detectVersion(text: string): { version: EmqxVersion; note: string } {
  const v4Key = V4_ONLY.find((re) => re.test(text));
  if (v4Key)
    return {
      version: "v4",
      note: `EMQX 4 (detected: ${v4Key.exec(text)![0].trim().replace(/\s*=$/, "")} is an EMQX 4 key)`,
    };
  const hocon = parseHocon(text);
  if (hocon.diagnostics.length > 0 && !/[{}[\]]/.test(stripComments(text))) {
    return { version: "v4", note: "EMQX 4 (detected: flat key = value file that is not valid HOCON)" };
  }
  if (V6_ONLY.test(stripComments(text)))
    return { version: "v6", note: "EMQX 6 (detected: a 6-only authorization key)" };
  return { version: "v5", note: "EMQX 5 (detected: HOCON; pass --emqx 6 for EMQX 6)" };
}

function stripComments(text: string): string {
  return text.replace(/(#|\/\/)[^\n]*/g, "");
}
