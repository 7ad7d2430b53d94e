/**
 * `ssl_dist.conf`: the Erlang term file `-ssl_dist_optfile` points at when
 * `cluster.proto_dist` is `inet_tls`/`inet6_tls` (cluster-security.md §4.2). Read with the
 * acl.conf parser, since it is `file:consult` syntax too.
 */
import { parseDocument, type ConfigLoc, type Diagnostic, type Term } from "@emqx-acl/syntax";
import type { AuditContext } from "./context";

export interface DistOption {
  name: string;
  /** Atom name or string value; null for other term kinds. */
  text: string | null;
  loc: ConfigLoc;
}

export interface SslDistConf {
  path: string;
  /** Null when the file cannot be read. */
  text: string | null;
  diagnostics: Diagnostic[];
  server: Map<string, DistOption>;
  client: Map<string, DistOption>;
  /** Where the `server` / `client` tuples are (file start when absent). */
  serverLoc: ConfigLoc;
  clientLoc: ConfigLoc;
}

function termText(t: Term): string | null {
  if (t.kind === "atom" || t.kind === "string") return t.value;
  if (t.kind === "binary") return t.bytes;
  return null;
}

function options(list: Term, file: string): Map<string, DistOption> {
  const out = new Map<string, DistOption>();
  if (list.kind !== "list") return out;
  for (const el of list.elements) {
    if (el.kind !== "tuple" || el.elements.length !== 2 || el.elements[0].kind !== "atom") continue;
    const [k, v] = el.elements as [Extract<Term, { kind: "atom" }>, Term];
    out.set(k.value, { name: k.value, text: termText(v), loc: { file, start: v.start, end: v.end } });
  }
  return out;
}

/** Reads and interprets the ssl_dist.conf the audit uses (memoized on the context). */
export function sslDistConf(ctx: AuditContext): SslDistConf {
  return ctx.once("ssl-dist", () => {
    const path = ctx.sslDistConfPath;
    // a refusal points at cluster.proto_dist, the setting that makes EMQX read the file
    const text = ctx.readFile(path, ctx.locOf("cluster.proto_dist"));
    const start = { file: path, start: 0, end: 0 };
    const conf: SslDistConf = {
      path,
      text,
      diagnostics: [],
      server: new Map(),
      client: new Map(),
      serverLoc: start,
      clientLoc: start,
    };
    if (text === null) return conf;
    const parsed = parseDocument(text);
    conf.diagnostics = parsed.diagnostics;
    const top = parsed.forms[0]?.term;
    if (!top || top.kind !== "list") return conf;
    for (const el of top.elements) {
      if (el.kind !== "tuple" || el.elements.length !== 2 || el.elements[0].kind !== "atom") continue;
      const side = el.elements[0].value;
      const loc = { file: path, start: el.start, end: el.end };
      if (side === "server") [conf.server, conf.serverLoc] = [options(el.elements[1], path), loc];
      if (side === "client") [conf.client, conf.clientLoc] = [options(el.elements[1], path), loc];
    }
    return conf;
  });
}

/** True when the node is configured for TLS distribution. */
export function distUsesTls(ctx: AuditContext): boolean {
  const proto = ctx.get("cluster.proto_dist")?.value ?? "inet_tcp";
  return proto === "inet_tls" || proto === "inet6_tls";
}
