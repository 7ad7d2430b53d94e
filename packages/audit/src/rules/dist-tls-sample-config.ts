import type { AuditContext, Finding } from "../context";
import { allVersions, type AuditRule } from "../rule";
import { distUsesTls, sslDistConf } from "../ssl-dist";

/** The sample files the shipped ssl_dist.conf names (public: they ship in every package). */
// `etc/certs/` (5.x, relative), `<platform_etc_dir>/certs/` (4.x: /etc/emqx/certs, /opt/emqx/etc/certs)
const SAMPLE = /(^|\/)(etc|emqx|\{\{ platform_etc_dir \}\})\/certs\/(cert|key)\.pem$/;

export const distTlsSampleConfig: AuditRule = {
  id: "dist-tls-sample-config",
  severity: allVersions("warning"),
  summary: "TLS distribution with the shipped ssl_dist.conf: sample key and no peer verification.",
  rationale:
    "EMQX's ssl_dist.conf uses the bundled sample certificate and key (public) with {verify, verify_none} on both sides: traffic is encrypted but anyone can connect or sit in the middle. Use your own certificates, {verify, verify_peer} and {fail_if_no_peer_cert, true} on the server, and a cacertfile on the client.",
  sources: "cluster-security.md §4.2; emqx/emqx etc/ssl_dist.conf",
  check(ctx: AuditContext): Finding[] {
    if (!distUsesTls(ctx)) return [];
    const conf = sslDistConf(ctx);
    if (conf.text === null) return [];
    const out: Finding[] = [];
    const add = (loc: Finding["loc"], message: string) => out.push({ id: this.id, loc, message });
    for (const [side, opts, loc] of [
      ["server", conf.server, conf.serverLoc],
      ["client", conf.client, conf.clientLoc],
    ] as const) {
      const verify = opts.get("verify");
      if (verify?.text !== "verify_peer") {
        add(
          verify?.loc ?? loc,
          `${side} ${verify ? `{verify, ${verify.text}}` : "has no verify option (Erlang's default for distribution is verify_none)"}: peers are not authenticated; use {verify, verify_peer}`,
        );
      }
      for (const role of ["certfile", "keyfile"]) {
        const o = opts.get(role);
        if (o?.text && SAMPLE.test(o.text))
          add(
            o.loc,
            `${side} ${role} "${o.text}" is the sample shipped with EMQX; use a certificate and key issued for this node`,
          );
      }
      if (verify?.text === "verify_peer" && !opts.get("cacertfile"))
        add(loc, `${side} verifies peers but names no cacertfile`);
    }
    const fail = conf.server.get("fail_if_no_peer_cert");
    if (conf.server.get("verify")?.text === "verify_peer" && fail?.text !== "true") {
      add(
        fail?.loc ?? conf.serverLoc,
        `server lacks {fail_if_no_peer_cert, true}: a client without a certificate is still accepted`,
      );
    }
    return out;
  },
};
