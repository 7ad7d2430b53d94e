/**
 * Test PKI made with the `openssl` commands EMQX's documentation shows (RSA 2048 CA, node
 * key, CSR, CA-signed certificate), plus broken variants: a certificate from another CA,
 * an expired one (`openssl ca -startdate/-enddate`), one expiring in 10 days, and a key
 * with mode 644. Generated into a temp dir per test run; nothing private is committed.
 */
import { execFileSync } from "node:child_process";
import { chmodSync, copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface Pki {
  dir: string;
  caCert: string;
  caKey: string;
  nodeCert: string;
  /** Mode 600. */
  nodeKey: string;
  /** The same key with mode 644. */
  nodeKeyOpen: string;
  /** Signed by another CA, for nodeKey. */
  otherCaNodeCert: string;
  otherCaCert: string;
  /** Valid 2020-01-01 .. 2021-01-01, for nodeKey. */
  expiredCert: string;
  /** Valid for 10 days from now, for nodeKey. */
  expiringCert: string;
}

function openssl(cwd: string, ...args: string[]): void {
  execFileSync("openssl", args, { cwd, stdio: ["ignore", "ignore", "pipe"] });
}

function makeCa(dir: string, name: string, cn: string): void {
  openssl(dir, "genrsa", "-out", `${name}.key`, "2048");
  openssl(
    dir,
    "req",
    "-x509",
    "-new",
    "-nodes",
    "-key",
    `${name}.key`,
    "-sha256",
    "-days",
    "3650",
    "-out",
    `${name}.pem`,
    "-subj",
    `/CN=${cn}`,
  );
}

function sign(dir: string, ca: string, csr: string, out: string, days: string): void {
  openssl(
    dir,
    "x509",
    "-req",
    "-in",
    csr,
    "-CA",
    `${ca}.pem`,
    "-CAkey",
    `${ca}.key`,
    "-CAcreateserial",
    "-out",
    out,
    "-days",
    days,
    "-sha256",
  );
}

/** `openssl ca` can set explicit validity dates, which `x509 -req` (OpenSSL 3.0) cannot. */
function signExpired(dir: string, csr: string, out: string): void {
  mkdirSync(join(dir, "newcerts"));
  writeFileSync(join(dir, "index.txt"), "");
  writeFileSync(join(dir, "serial"), "1000\n");
  writeFileSync(
    join(dir, "ca.cnf"),
    "[ca]\ndefault_ca = d\n[d]\ndir = .\ndatabase = index.txt\nnew_certs_dir = newcerts\nserial = serial\ndefault_md = sha256\npolicy = p\n[p]\ncommonName = supplied\n",
  );
  openssl(
    dir,
    "ca",
    "-batch",
    "-config",
    "ca.cnf",
    "-cert",
    "ca.pem",
    "-keyfile",
    "ca.key",
    "-in",
    csr,
    "-out",
    out,
    "-startdate",
    "20200101000000Z",
    "-enddate",
    "20210101000000Z",
    "-notext",
  );
}

export function makePki(): Pki {
  const dir = mkdtempSync(join(tmpdir(), "emqx-acl-pki-"));
  makeCa(dir, "ca", "EMQX Test CA");
  makeCa(dir, "other-ca", "Some Other CA");
  openssl(dir, "genrsa", "-out", "node.key", "2048");
  openssl(dir, "req", "-new", "-key", "node.key", "-out", "node.csr", "-subj", "/CN=emqx1.cluster.test");
  sign(dir, "ca", "node.csr", "node.pem", "365");
  sign(dir, "other-ca", "node.csr", "other-ca-node.pem", "365");
  sign(dir, "ca", "node.csr", "expiring.pem", "10");
  signExpired(dir, "node.csr", "expired.pem");
  chmodSync(join(dir, "node.key"), 0o600);
  copyFileSync(join(dir, "node.key"), join(dir, "node-644.key"));
  chmodSync(join(dir, "node-644.key"), 0o644);
  const p = (f: string) => join(dir, f);
  return {
    dir,
    caCert: p("ca.pem"),
    caKey: p("ca.key"),
    nodeCert: p("node.pem"),
    nodeKey: p("node.key"),
    nodeKeyOpen: p("node-644.key"),
    otherCaNodeCert: p("other-ca-node.pem"),
    otherCaCert: p("other-ca.pem"),
    expiredCert: p("expired.pem"),
    expiringCert: p("expiring.pem"),
  };
}
