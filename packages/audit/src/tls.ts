/**
 * TLS file sets the node uses (cluster RPC, distribution, listeners) and what can be learnt
 * from the files themselves with Node's `crypto.X509Certificate`: the chain to the CA,
 * validity dates, whether the key belongs to the certificate, and file permissions.
 */
import { X509Certificate, createPrivateKey, createPublicKey } from "node:crypto";
import type { ConfigLoc } from "@emqx-acl/syntax";
import { isOn, type AuditContext } from "./context";
import { distUsesTls, sslDistConf } from "./ssl-dist";

export type TlsRole = "certfile" | "keyfile" | "cacertfile";

export interface TlsFileRef {
  role: TlsRole;
  /** As written in the configuration. */
  value: string;
  /** The path EMQX would open (and the audit looked at). */
  resolved: string;
  loc: ConfigLoc;
}

export interface TlsBundle {
  /** Human name: `rpc`, `ssl_dist.conf server`, `listeners.ssl.default`. */
  name: string;
  /** Cluster-internal bundles (rpc, dist) are where missing files matter to this audit. */
  cluster: boolean;
  files: Partial<Record<TlsRole, TlsFileRef>>;
}

const ROLES: TlsRole[] = ["certfile", "keyfile", "cacertfile"];

/** True when either RPC side is TLS (v4 has a server and a client driver setting). */
export function rpcUsesTls(ctx: AuditContext): boolean {
  if (ctx.caps.configFormat === "cuttlefish") {
    return ctx.get("rpc.driver")?.value === "ssl" || ctx.get("rpc.default_client_driver")?.value === "ssl";
  }
  return (ctx.get("rpc.protocol") ?? ctx.get("rpc.driver"))?.value === "ssl";
}

function bundleFromSettings(ctx: AuditContext, name: string, prefix: string, cluster: boolean): TlsBundle {
  const files: TlsBundle["files"] = {};
  for (const role of ROLES) {
    const s = ctx.get(`${prefix}.${role}`);
    if (s) files[role] = { role, value: s.value, resolved: ctx.resolvePath(s.value), loc: s.loc };
  }
  return { name, cluster, files };
}

function distBundles(ctx: AuditContext): TlsBundle[] {
  const conf = sslDistConf(ctx);
  if (conf.text === null) return [];
  // ssl_dist.conf paths are opened by the VM, relative to EMQX's working directory
  const side = (name: string, opts: typeof conf.server): TlsBundle => {
    const files: TlsBundle["files"] = {};
    for (const role of ROLES) {
      const o = opts.get(role);
      if (o?.text) files[role] = { role, value: o.text, resolved: ctx.resolvePath(o.text), loc: o.loc };
    }
    return { name, cluster: true, files };
  };
  return [side("ssl_dist.conf server", conf.server), side("ssl_dist.conf client", conf.client)];
}

function listenerBundles(ctx: AuditContext): TlsBundle[] {
  if (ctx.v4) {
    const prefixes = new Set<string>();
    for (const key of ctx.v4.settings.keys()) {
      const m = /^(listener\.(?:ssl|wss)\.[^.]+)\.(certfile|keyfile|cacertfile)$/.exec(key);
      if (m) prefixes.add(m[1]);
    }
    return [...prefixes].map((p) => bundleFromSettings(ctx, p, p, false));
  }
  const out: TlsBundle[] = [];
  for (const type of ["ssl", "wss"]) {
    for (const { key } of ctx.keysUnder(`listeners.${type}`)) {
      if (!isOn(ctx.get(`listeners.${type}.${key}.enable`)?.value, true)) continue;
      const p = `listeners.${type}.${key}.ssl_options`;
      out.push(bundleFromSettings(ctx, `listeners.${type}.${key}`, p, false));
    }
  }
  return out;
}

/** Every TLS bundle in use, memoized: RPC (when TLS), distribution (when TLS), listeners. */
export function tlsBundles(ctx: AuditContext): TlsBundle[] {
  return ctx.once("tls-bundles", () => [
    ...(rpcUsesTls(ctx) ? [bundleFromSettings(ctx, "rpc", "rpc", true)] : []),
    ...(distUsesTls(ctx) ? distBundles(ctx) : []),
    ...listenerBundles(ctx).filter((b) => Object.keys(b.files).length > 0),
  ]);
}

/** Certificates in a PEM file, in order; empty when none parse or the file is unreadable. */
export function readCerts(ctx: AuditContext, ref: TlsFileRef): X509Certificate[] {
  const path = ref.resolved;
  return ctx.once(`certs:${path}`, () => {
    const text = ctx.readFile(path, ref.loc);
    if (text === null) return [];
    const blocks = text.match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
    const out: X509Certificate[] = [];
    for (const b of blocks) {
      try {
        out.push(new X509Certificate(b));
      } catch {
        // an unparsable block is reported by the caller as "no certificate"
      }
    }
    return out;
  });
}

/**
 * Whether `leaf` chains to one of `cas`, using the intermediates that follow it in its
 * own file. Each step needs both the names (`checkIssued`) and the signature (`verify`).
 */
export function chainsTo(leaf: X509Certificate, intermediates: X509Certificate[], cas: X509Certificate[]): boolean {
  let cur = leaf;
  const pool = [...intermediates, ...cas];
  for (let depth = 0; depth < 8; depth++) {
    const issuer = pool.find((c) => cur.checkIssued(c) && safeVerify(cur, c));
    if (!issuer) return false;
    if (cas.includes(issuer)) return true;
    if (issuer === cur) return false;
    cur = issuer;
  }
  return false;
}

function safeVerify(cert: X509Certificate, issuer: X509Certificate): boolean {
  try {
    return cert.verify(issuer.publicKey);
  } catch {
    return false;
  }
}

/** Whether the private key in `keyPem` matches the certificate's public key (null: key unreadable). */
export function keyMatches(cert: X509Certificate, keyPem: string): boolean | null {
  try {
    const pub = createPublicKey(createPrivateKey(keyPem)).export({ type: "spki", format: "der" });
    return Buffer.compare(pub, cert.publicKey.export({ type: "spki", format: "der" })) === 0;
  } catch {
    return null;
  }
}
