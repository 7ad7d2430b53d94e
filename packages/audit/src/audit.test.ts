import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { auditConfig, auditConfigs, type AuditResult } from "./audit";
import { auditRuleCatalog } from "./rules";
import type { AuditOptions } from "./context";
import { nodeAuditFs } from "./node-fs";
import { makePki, type Pki } from "./pki.test-support";

let pki: Pki;
beforeAll(() => {
  pki = makePki();
});

const HARDENED_V5 = `node {
  name = "emqx1@10.0.0.1"
  cookie = "Vq3x9TgLk2Pz7RwYb4NcHs8Jm"
  data_dir = "data"
}
cluster {
  name = emqxcl
  discovery_strategy = static
  static.seeds = ["emqx1@10.0.0.1", "emqx2@10.0.0.2"]
  proto_dist = inet_tls
}
rpc {
  protocol = ssl
  certfile = "\${EMQX_ETC_DIR}/certs/node.pem"
  keyfile = "\${EMQX_ETC_DIR}/certs/node.key"
  cacertfile = "\${EMQX_ETC_DIR}/certs/ca.pem"
  insecure_fallback = false
}
dashboard {
  listeners.http.bind = 18083
  default_password = "s3cure-Dashb0ard-pass"
}
authorization {
  no_match = deny
  deny_action = disconnect
  cache { enable = false }
  sources = [
    { type = file, enable = true, path = "\${EMQX_ETC_DIR}/acl.conf" }
  ]
}
`;

const HARDENED_DIST = `[{server, [{certfile, "etc/certs/node.pem"}, {keyfile, "etc/certs/node.key"},
           {cacertfile, "etc/certs/ca.pem"}, {verify, verify_peer}, {fail_if_no_peer_cert, true}]},
 {client, [{certfile, "etc/certs/node.pem"}, {keyfile, "etc/certs/node.key"},
           {cacertfile, "etc/certs/ca.pem"}, {verify, verify_peer}]}].
`;

const SHIPPED_DIST = `[{server, [{certfile, "etc/certs/cert.pem"}, {keyfile, "etc/certs/key.pem"},
           {cacertfile, "etc/certs/cacert.pem"}, {verify, verify_none}]},
 {client, [{verify, verify_none}]}].
`;

const STRICT_ACL = `{allow, {username, "sensor"}, publish, ["sensors/data"]}.
{deny, all}.
`;

const DEFAULT_ACL = `{allow, {username, {re, "^dashboard$"}}, subscribe, ["$SYS/#"]}.
{allow, {ipaddr, "127.0.0.1"}, all, ["$SYS/#", "#"]}.
{deny, all, subscribe, ["$SYS/#", {eq, "#"}]}.
{allow, all}.
`;

const DEFAULT_ACL_V4 = `{allow, {user, "dashboard"}, subscribe, ["$SYS/#"]}.
{allow, {ipaddr, "127.0.0.1"}, pubsub, ["$SYS/#", "#"]}.
{deny, all, subscribe, ["$SYS/#", {eq, "#"}]}.
{allow, all}.
`;

interface Home {
  root: string;
  conf: string;
}

/** An EMQX home in a temp dir: etc/emqx.conf, etc/certs/{node.pem,node.key,ca.pem}, ssl_dist.conf, acl.conf. */
function home(conf: string, files: Record<string, string> = {}): Home {
  const root = mkdtempSync(join(tmpdir(), "emqx-home-"));
  mkdirSync(join(root, "etc/certs"), { recursive: true });
  copyFileSync(pki.nodeCert, join(root, "etc/certs/node.pem"));
  copyFileSync(pki.nodeKey, join(root, "etc/certs/node.key"));
  copyFileSync(pki.caCert, join(root, "etc/certs/ca.pem"));
  const all = { "etc/ssl_dist.conf": HARDENED_DIST, "etc/acl.conf": STRICT_ACL, ...files };
  for (const [name, text] of Object.entries(all)) {
    mkdirSync(dirname(join(root, name)), { recursive: true });
    writeFileSync(join(root, name), text);
  }
  writeFileSync(join(root, "etc/emqx.conf"), conf);
  return { root, conf: join(root, "etc/emqx.conf") };
}

function run(h: Home, options: Partial<AuditOptions> = {}): AuditResult {
  return auditConfig(h.conf, readFileSync(h.conf, "utf8"), nodeAuditFs, { emqx: "auto", ...options });
}

/** Ours: audit rules and config syntax; the acl file's lint results are the analysis package's to test. */
const ours = (id: string) => auditRuleCatalog.has(id) || /^(hocon|conf)-/.test(id);

/** `id@file:line:col` (1-based) for every audit diagnostic, files relative to the home. */
function found(r: AuditResult, h: Home): string[] {
  return r.files.flatMap((f) =>
    f.diagnostics
      .filter((d) => ours(d.id))
      .map(
        (d) => `${d.id}@${f.path.slice(h.root.length + 1)}:${d.range.start.line + 1}:${d.range.start.character + 1}`,
      ),
  );
}

const lineOf = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

describe("audit of a hardened EMQX 5 configuration", () => {
  it("reports nothing", () => {
    const h = home(HARDENED_V5);
    const r = run(h);
    expect(r.version).toBe("v5");
    // nothing at all: no audit finding and no lint result for its acl.conf either
    expect(r.files.flatMap((f) => f.diagnostics)).toEqual([]);
  });
});

describe("certificate findings point at the setting naming the file", () => {
  const variant = (from: string, to: string) => HARDENED_V5.replace(from, to);

  it("a certificate from another CA", () => {
    const h = home(variant("certs/node.pem", "certs/other.pem"));
    copyFileSync(pki.otherCaNodeCert, join(h.root, "etc/certs/other.pem"));
    const r = run(h);
    const line = lineOf(HARDENED_V5, "certs/node.pem");
    expect(found(r, h)).toEqual([`tls-cert-not-signed-by-ca@etc/emqx.conf:${line}:14`]);
    expect(r.files[0].diagnostics[0].message).toContain(join(h.root, "etc/certs/other.pem"));
    expect(r.files[0].diagnostics[0].message).toMatch(/Some Other CA/);
  });

  it("an expired and an expiring certificate", () => {
    const h1 = home(variant("certs/node.pem", "certs/expired.pem"));
    copyFileSync(pki.expiredCert, join(h1.root, "etc/certs/expired.pem"));
    const line = lineOf(HARDENED_V5, "certs/node.pem");
    expect(found(run(h1), h1)).toEqual([`tls-cert-expired@etc/emqx.conf:${line}:14`]);
    expect(run(h1).files[0].diagnostics[0].message).toMatch(/expired on 2021-01-01/);

    const h2 = home(variant("certs/node.pem", "certs/expiring.pem"));
    copyFileSync(pki.expiringCert, join(h2.root, "etc/certs/expiring.pem"));
    const r2 = run(h2);
    expect(found(r2, h2)).toEqual([`tls-cert-expiring@etc/emqx.conf:${line}:14`]);
    expect(r2.files[0].diagnostics[0].message).toMatch(/expires in (9|10) days/);
    expect(found(run(h2, { expiryDays: 5 }), h2)).toEqual([]);
  });

  it("a key readable by group and others (mode 644)", () => {
    const h = home(variant("certs/node.key", "certs/open.key"));
    copyFileSync(pki.nodeKeyOpen, join(h.root, "etc/certs/open.key"));
    const r = run(h);
    const line = lineOf(HARDENED_V5, "certs/node.key");
    expect(found(r, h)).toEqual([`tls-key-permissions@etc/emqx.conf:${line}:13`]);
    expect(r.files[0].diagnostics[0].message).toMatch(/mode 644 \(readable by group and others\)/);
    expect(r.files[0].diagnostics[0].message).toContain(`chmod 600 ${join(h.root, "etc/certs/open.key")}`);
  });

  it("a key that belongs to another certificate", () => {
    const h = home(variant("certs/node.key", "certs/ca.key"));
    copyFileSync(pki.caKey, join(h.root, "etc/certs/ca.key"));
    const r = run(h);
    expect(found(r, h).map((s) => s.split("@")[0])).toContain("tls-key-mismatch");
  });

  it("missing RPC TLS files are errors naming the path looked at", () => {
    const h = home(
      variant('  cacertfile = "${EMQX_ETC_DIR}/certs/ca.pem"\n', "").replace("certs/node.pem", "certs/gone.pem"),
    );
    const r = run(h);
    const ids = found(r, h);
    expect(ids).toContain(`rpc-tls-file-missing@etc/emqx.conf:${lineOf(HARDENED_V5, "certs/node.pem")}:14`);
    expect(ids).toContain(`rpc-tls-file-missing@etc/emqx.conf:${lineOf(HARDENED_V5, "rpc {")}:1`);
    expect(r.files[0].diagnostics.every((d) => d.severity === "error")).toBe(true);
    expect(r.files[0].diagnostics.map((d) => d.message).join("\n")).toContain(join(h.root, "etc/certs/gone.pem"));
  });

  it("problems in ssl_dist.conf point into ssl_dist.conf", () => {
    const h = home(HARDENED_V5, {
      "etc/ssl_dist.conf": HARDENED_DIST.replace(
        /etc\/certs\/node\.pem"}, \{keyfile/,
        'etc/certs/other.pem"}, {keyfile',
      ),
    });
    copyFileSync(pki.otherCaNodeCert, join(h.root, "etc/certs/other.pem"));
    expect(found(run(h), h)).toEqual(["tls-cert-not-signed-by-ca@etc/ssl_dist.conf:1:23"]);
  });
});

describe("cluster transport findings", () => {
  it("the shipped ssl_dist.conf: sample key, verify_none, files missing", () => {
    const h = home(HARDENED_V5, { "etc/ssl_dist.conf": SHIPPED_DIST });
    const ids = found(run(h), h);
    expect(ids.filter((s) => s.startsWith("dist-tls-sample-config"))).toEqual([
      "dist-tls-sample-config@etc/ssl_dist.conf:1:23", // certfile "etc/certs/cert.pem"
      "dist-tls-sample-config@etc/ssl_dist.conf:1:56", // keyfile "etc/certs/key.pem"
      "dist-tls-sample-config@etc/ssl_dist.conf:2:59", // server verify_none
      "dist-tls-sample-config@etc/ssl_dist.conf:3:21", // client verify_none
    ]);
    expect(ids.filter((s) => s.startsWith("dist-tls-file-missing"))).toHaveLength(3);
  });

  it("inet_tls without a readable ssl_dist.conf is an error; --ssl-dist-conf picks another file", () => {
    const h = home(HARDENED_V5);
    const elsewhere = join(h.root, "dist.conf");
    writeFileSync(elsewhere, HARDENED_DIST);
    const r = run(h, { sslDistConf: join(h.root, "nope.conf") });
    expect(found(r, h)).toEqual([`dist-tls-file-missing@etc/emqx.conf:${lineOf(HARDENED_V5, "proto_dist")}:16`]);
    expect(r.files[0].diagnostics[0].severity).toBe("error");
    expect(found(run(h, { sslDistConf: elsewhere }), h)).toEqual([]);
  });

  it("rpc keys copied from the documentation make EMQX refuse to start", () => {
    const conf = HARDENED_V5.replace(
      "  insecure_fallback = false\n",
      "  insecure_fallback = false\n  verify = verify_peer\n  fail_if_no_peer_cert = true\n",
    );
    const h = home(conf);
    const r = run(h);
    expect(found(r, h)).toEqual([
      `rpc-unknown-key@etc/emqx.conf:${lineOf(conf, "verify = ")}:3`,
      `rpc-unknown-key@etc/emqx.conf:${lineOf(conf, "fail_if_no_peer_cert")}:3`,
    ]);
    expect(r.files[0].diagnostics.map((d) => d.severity)).toEqual(["error", "error"]);
    expect(r.files[0].diagnostics[0].message).toMatch(/only in a documentation example/);
  });
});

/** The shape of EMQX 5.8's shipped etc/emqx.conf. */
const SHIPPED_V5 = `node {
  name = "emqx@127.0.0.1"
  cookie = "emqxsecretcookie"
  data_dir = "data"
}

cluster {
  name = emqxcl
  discovery_strategy = manual
}

dashboard {
    listeners.http {
        bind = 18083
    }
}
`;

describe("EMQX's shipped defaults", () => {
  it("5.x emqx.conf with the default acl.conf", () => {
    const h = home(SHIPPED_V5, { "etc/acl.conf": DEFAULT_ACL });
    const r = run(h);
    expect(found(r, h)).toEqual([
      "rpc-plaintext@etc/emqx.conf:1:1",
      "rpc-insecure-fallback@etc/emqx.conf:1:1",
      "authz-no-match-allow@etc/emqx.conf:1:1",
      "authz-deny-action-ignore@etc/emqx.conf:1:1",
      "authz-cache-stale@etc/emqx.conf:1:1",
      "cookie-default@etc/emqx.conf:3:12",
      "dist-plaintext@etc/emqx.conf:7:1",
      "dashboard-default-credentials@etc/emqx.conf:12:1",
      "acl-final-allow-all@etc/acl.conf:4:1",
    ]);
    const sev = Object.fromEntries(r.files.flatMap((f) => f.diagnostics.map((d) => [d.id, d.severity])));
    expect(sev["authz-cache-stale"]).toBe("info");
    expect(sev["authz-deny-action-ignore"]).toBe("info");
    expect(sev["rpc-insecure-fallback"]).toBe("warning");
    expect(r.files[0].diagnostics.find((d) => d.id === "authz-cache-stale")?.message).toMatch(/TTL 1m/);
  });

  it("EMQX 6 defaults no_match to deny", () => {
    const h = home(SHIPPED_V5, { "etc/acl.conf": DEFAULT_ACL });
    const ids = found(run(h, { emqx: "v6" }), h);
    expect(ids.some((s) => s.startsWith("authz-no-match-allow"))).toBe(false);
    expect(ids).toContain("cookie-default@etc/emqx.conf:3:12");
  });

  const SHIPPED_V4 = `cluster.name = emqxcl
cluster.proto_dist = inet_tcp
node.name = emqx@127.0.0.1
node.cookie = emqxsecretcookie
rpc.mode = async
allow_anonymous = true
acl_nomatch = allow
acl_file = etc/acl.conf
enable_acl_cache = on
acl_cache_ttl = 1m
acl_deny_action = ignore
zone.external.acl_deny_action = ignore
zone.internal.enable_acl = off
listener.tcp.internal.zone = internal
zone.external.enable_acl = off
`;

  it("4.4 emqx.conf with its dashboard plugin file", () => {
    const h = home(SHIPPED_V4, {
      "etc/acl.conf": DEFAULT_ACL_V4,
      "etc/plugins/emqx_dashboard.conf":
        "dashboard.listener.http = 18083\ndashboard.default_user.login = admin\ndashboard.default_user.password = public\n",
    });
    const r = run(h);
    expect(r.version).toBe("v4");
    const zones = r.files[0].diagnostics.filter((d) => d.id === "authz-zone-acl-off");
    // the internal zone serves only the loopback listener EMQX ships: info; an external zone: warning
    expect(zones.map((d) => d.severity)).toEqual(["info", "warning"]);
    expect(zones[0].message).toMatch(/used by listener\.tcp\.internal/);
    expect(found(r, h)).toEqual([
      "dashboard-default-credentials@etc/emqx.conf:1:1",
      "dist-plaintext@etc/emqx.conf:2:22",
      "cookie-default@etc/emqx.conf:4:15",
      // absent rpc.driver / rpc.insecure_fallback: pointed at the file's first rpc.* setting
      "rpc-plaintext@etc/emqx.conf:5:1",
      "rpc-insecure-fallback@etc/emqx.conf:5:1",
      "authn-anonymous-allowed@etc/emqx.conf:6:19",
      "authz-no-match-allow@etc/emqx.conf:7:15",
      "authz-cache-stale@etc/emqx.conf:10:17",
      "authz-deny-action-ignore@etc/emqx.conf:11:19",
      "authz-deny-action-ignore@etc/emqx.conf:12:33",
      "authz-zone-acl-off@etc/emqx.conf:13:28",
      "authz-zone-acl-off@etc/emqx.conf:15:28",
      "dashboard-default-credentials@etc/plugins/emqx_dashboard.conf:3:35",
      "acl-final-allow-all@etc/acl.conf:4:1",
    ]);
  });
});

describe("cookies and versions", () => {
  it("flags short cookies and a '#' that truncates the cookie", () => {
    const h = home(HARDENED_V5.replace("Vq3x9TgLk2Pz7RwYb4NcHs8Jm", "short#cookie-but-long-enough"));
    const r = run(h);
    expect(found(r, h)).toEqual([`cookie-weak@etc/emqx.conf:3:12`]);
    expect(r.files[0].diagnostics[0].message).toMatch(/only its first 5 characters are used/);
    expect(r.files[0].diagnostics[0].message).not.toContain("short");
    const h2 = home(HARDENED_V5.replace("Vq3x9TgLk2Pz7RwYb4NcHs8Jm", "abc123"));
    expect(run(h2).files[0].diagnostics[0].message).toMatch(/only 6 characters/);
  });

  it("EMQX 4: a '#' glued to the cookie is a comment to cuttlefish", () => {
    const h = home("node.cookie = Vq3x9TgLk2Pz7RwYb4Nc#Hs8Jm\nacl_nomatch = deny\n", {
      "etc/acl.conf": "{deny, all}.\n",
    });
    const r = run(h);
    expect(found(r, h).filter((x) => x.startsWith("cookie"))).toEqual(["cookie-weak@etc/emqx.conf:1:15"]);
    expect(r.files[0].diagnostics.find((d) => d.id === "cookie-weak")?.message).toMatch(
      /only the 20 characters before it/,
    );
  });

  it("EMQX 6 refuses cookies with spaces (error)", () => {
    const h = home(HARDENED_V5.replace("Vq3x9TgLk2Pz7RwYb4NcHs8Jm", "a cookie with spaces in it"));
    const r = run(h, { emqx: "v6" });
    expect(r.files[0].diagnostics.map((d) => [d.id, d.severity])).toEqual([["cookie-weak", "error"]]);
  });

  it("a HOCON syntax error is reported alone, with its position", () => {
    const h = home('node {\n  cookie = "x\n}\n');
    const r = run(h, { emqx: "v5" });
    expect(found(r, h)).toEqual(["hocon-syntax@etc/emqx.conf:2:12"]);
  });

  it("lints the acl file the configuration names", () => {
    const h = home(HARDENED_V5, { "etc/acl.conf": '{allow, all, publish, ["a/#"]}\n' });
    const r = run(h);
    const acl = r.files.find((f) => f.path.endsWith("acl.conf"));
    expect(acl?.diagnostics.length).toBeGreaterThan(0);
    expect(acl?.diagnostics[0].id).toMatch(/^syntax-/);
  });
});

describe("EMQX 4 RPC over TLS", () => {
  const V4_TLS = `node.cookie = Vq3x9TgLk2Pz7RwYb4NcHs8Jm
cluster.proto_dist = inet_tls
rpc.driver = ssl
rpc.default_client_driver = ssl
rpc.port_discovery = manual
rpc.certfile = etc/certs/node.pem
rpc.keyfile = etc/certs/node.key
rpc.cacertfile = etc/certs/ca.pem
rpc.insecure_fallback = false
acl_nomatch = deny
enable_acl_cache = off
acl_deny_action = disconnect
dashboard.default_user.password = s3cure-Dashb0ard-pass
management.default_application.secret = s3cure-Api-secret
`;

  const STRICT_ACL_V4 = '{allow, {user, "sensor"}, publish, ["sensors/data"]}.\n{deny, all}.\n';

  it("manual port discovery with TLS: the client port mismatch", () => {
    const h = home(V4_TLS, { "etc/acl.conf": STRICT_ACL_V4 });
    expect(found(run(h), h)).toEqual(["rpc-ssl-port-mismatch@etc/emqx.conf:5:22"]);
    const fixed = home(V4_TLS.replace("rpc.port_discovery = manual", "rpc.port_discovery = stateless"), {
      "etc/acl.conf": STRICT_ACL_V4,
    });
    expect(found(run(fixed), fixed)).toEqual([]);
  });

  it("ssl_dist.conf paths with EMQX 4's unrendered {{ platform_etc_dir }} resolve to the etc dir", () => {
    const h = home(V4_TLS.replace("manual", "stateless"), {
      "etc/ssl_dist.conf": HARDENED_DIST.replaceAll('"etc/certs/', '"{{ platform_etc_dir }}/certs/'),
      "etc/acl.conf": STRICT_ACL_V4,
    });
    expect(found(run(h), h)).toEqual([]);
  });
});

describe("environment overrides (an env file)", () => {
  it("EMQX_A__B variables override the file and findings point into the env file", () => {
    const h = home(HARDENED_V5, {
      "docker.env":
        '# compose env\nEMQX_NODE__COOKIE=emqxsecretcookie\nexport EMQX_RPC__INSECURE_FALLBACK = "true"\nEMQX_NAME=emqx\n',
    });
    const r = run(h, { envFile: join(h.root, "docker.env") });
    expect(found(r, h)).toEqual(["cookie-default@docker.env:2:19", "rpc-insecure-fallback@docker.env:3:38"]);
    expect(r.files[0].diagnostics).toEqual([]);
  });

  it("the legacy EMQX_NODE_COOKIE works for EMQX 4 too", () => {
    const h = home(SHIPPED_V5, { "app.env": "EMQX_NODE_COOKIE=Vq3x9TgLk2Pz7RwYb4NcHs8Jm\n" });
    const ids = found(run(h, { envFile: join(h.root, "app.env") }), h);
    expect(ids.some((s) => s.startsWith("cookie-default"))).toBe(false);
  });
});

describe("several nodes audited together", () => {
  it("flags settings the members disagree on, in the later file, without printing cookies", () => {
    const a = home(HARDENED_V5);
    const b = home(
      HARDENED_V5.replace("Vq3x9TgLk2Pz7RwYb4NcHs8Jm", "Zz8w2QeRt5Yu7Io9Pa1Sd3Fg").replace(
        "  protocol = ssl\n",
        "  protocol = tcp\n",
      ),
    );
    const c = home(HARDENED_V5.replace('"emqx1@10.0.0.1"\n', '"emqx2@10.0.0.2"\n'));
    const [ra, rb, rc] = auditConfigs(
      [a, b, c].map((h) => ({ path: h.conf, text: readFileSync(h.conf, "utf8") })),
      nodeAuditFs,
      { emqx: "auto" },
    );
    expect(found(ra, a)).toEqual([]);
    expect(found(rc, c)).toEqual([]);
    const mismatches = rb.files[0].diagnostics.filter((d) => d.id === "cluster-setting-mismatch");
    expect(mismatches.map((d) => d.range.start.line + 1)).toEqual([
      lineOf(HARDENED_V5, "cookie ="),
      lineOf(HARDENED_V5, "protocol = ssl"),
    ]);
    expect(mismatches[0].message).not.toMatch(/Vq3x|Zz8w/);
    expect(mismatches[1].message).toContain(`(tcp here, ssl there)`);
    const dup = auditConfigs(
      [a, a].map((h) => ({ path: h.conf, text: readFileSync(h.conf, "utf8") })),
      nodeAuditFs,
      { emqx: "auto" },
    );
    expect(found(dup[1], a)).toEqual([`node-name-duplicate@etc/emqx.conf:${lineOf(HARDENED_V5, 'name = "emqx1')}:10`]);
  });
});

describe("EMQX 6 security profile", () => {
  const HEAD_ACL = '{allow, {username, "dashboard"}, subscribe, ["$SYS/#"]}.\n{allow, {security_profile, legacy}}.\n';

  it("legacy (default): the default cookie warns and {allow, {security_profile, legacy}} is an allow-all", () => {
    const h = home(SHIPPED_V5, { "etc/acl.conf": HEAD_ACL });
    const r = run(h, { emqx: "v6" });
    const sev = (id: string) =>
      r.files
        .flatMap((f) => f.diagnostics)
        .filter((d) => d.id === id)
        .map((d) => d.severity);
    expect(sev("cookie-default")).toEqual(["warning"]);
    expect(sev("acl-final-allow-all")).toEqual(["warning"]);
  });

  it("hardened (given, or EMQX_SECURITY_PROFILE in the env file): the default cookie is an error, the legacy rule no longer matches", () => {
    const h = home(SHIPPED_V5, { "etc/acl.conf": HEAD_ACL, "prod.env": "EMQX_SECURITY_PROFILE=hardened\n" });
    for (const options of [{ securityProfile: "hardened" as const }, { envFile: join(h.root, "prod.env") }]) {
      const r = run(h, { emqx: "v6", ...options });
      const all = r.files.flatMap((f) => f.diagnostics);
      expect(all.filter((d) => d.id === "cookie-default").map((d) => d.severity)).toEqual(["error"]);
      expect(all.some((d) => d.id === "acl-final-allow-all")).toBe(false);
    }
  });
});

describe("fixes", () => {
  /** Applies every fix of the config file's diagnostics (non-overlapping), bottom up. */
  function applyFixes(text: string, r: AuditResult): string {
    const lines = text.split("\n");
    const offset = (p: { line: number; character: number }) =>
      lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
    const edits = r.files[0].diagnostics
      .flatMap((d) => d.fix?.edits ?? [])
      .map((e) => ({ start: offset(e.range.start), end: offset(e.range.end), text: e.newText }));
    return edits
      .sort((a, b) => b.start - a.start)
      .reduce((t, e) => t.slice(0, e.start) + e.text + t.slice(e.end), text);
  }

  it("removing the documentation-only rpc keys and setting deny / false clears those findings", () => {
    const conf = HARDENED_V5.replace(
      "  insecure_fallback = false\n",
      "  insecure_fallback = true\n  verify = verify_peer\n  fail_if_no_peer_cert = true\n",
    ).replace("no_match = deny", "no_match = allow");
    const h = home(conf);
    const r = run(h);
    expect(
      found(r, h)
        .map((s) => s.split("@")[0])
        .sort(),
    ).toEqual(["authz-no-match-allow", "rpc-insecure-fallback", "rpc-unknown-key", "rpc-unknown-key"]);
    expect(r.files[0].diagnostics.filter((d) => d.fix).map((d) => d.fix!.title)).toEqual([
      "set rpc.insecure_fallback = false",
      "remove rpc.verify",
      "remove rpc.fail_if_no_peer_cert",
      "set authorization.no_match = deny",
    ]);
    const fixed = applyFixes(conf, r);
    expect(fixed).toBe(HARDENED_V5);
  });
});
