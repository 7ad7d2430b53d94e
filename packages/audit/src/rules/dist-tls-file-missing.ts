import type { AuditContext, Finding } from "../context";
import { allVersions, type AuditRule } from "../rule";
import { distUsesTls, sslDistConf } from "../ssl-dist";
import { tlsBundles } from "../tls";

export const distTlsFileMissing: AuditRule = {
  id: "dist-tls-file-missing",
  severity: allVersions("error"),
  summary: "TLS distribution without a readable ssl_dist.conf, or one naming files that do not exist.",
  rationale:
    "With inet_tls the VM is started with -ssl_dist_optfile; when that file or the certificates it names cannot be read, the node cannot start distribution.",
  sources: "cluster-security.md §4.2",
  check(ctx: AuditContext): Finding[] {
    if (!distUsesTls(ctx)) return [];
    const conf = sslDistConf(ctx);
    const proto = ctx.get("cluster.proto_dist")!;
    if (conf.text === null) {
      return [
        {
          id: this.id,
          loc: proto.loc,
          message: `cluster.proto_dist = ${proto.value} but ${conf.path} cannot be read (pass --ssl-dist-conf PATH if it lives elsewhere)`,
        },
      ];
    }
    const out: Finding[] = conf.diagnostics
      .filter((d) => d.severity === "error")
      .slice(0, 1)
      .map(() => ({
        id: this.id,
        loc: { file: conf.path, start: 0, end: 0 },
        message: `${conf.path} is not a valid Erlang term file, so the node cannot start distribution`,
      }));
    for (const b of tlsBundles(ctx).filter((x) => x.name.startsWith("ssl_dist.conf"))) {
      for (const ref of Object.values(b.files)) {
        if (ref && ctx.readFile(ref.resolved, ref.loc) === null)
          out.push({ id: this.id, loc: ref.loc, message: `${b.name} ${ref.role}: cannot read ${ref.resolved}` });
      }
    }
    return out;
  },
};
