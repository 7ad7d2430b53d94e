import type { AuditContext, Finding } from "../context";
import { allVersions, type AuditRule } from "../rule";
import { rpcUsesTls, tlsBundles, type TlsRole } from "../tls";

export const rpcTlsFileMissing: AuditRule = {
  id: "rpc-tls-file-missing",
  severity: allVersions("error"),
  summary: "RPC over TLS without a certfile, keyfile or cacertfile EMQX can open.",
  rationale:
    "gen_rpc's TLS server and client need all three files; without them the RPC listener cannot start and nodes cannot talk.",
  sources: "cluster-security.md §5.1, §5.3",
  check(ctx: AuditContext): Finding[] {
    if (!rpcUsesTls(ctx)) return [];
    const bundle = tlsBundles(ctx).find((b) => b.name === "rpc");
    const out: Finding[] = [];
    for (const role of ["certfile", "keyfile", "cacertfile"] as TlsRole[]) {
      const ref = bundle?.files[role];
      if (!ref) {
        out.push({ id: this.id, loc: ctx.anchor(`rpc.${role}`), message: `RPC uses ssl but rpc.${role} is not set` });
      } else if (ctx.readFile(ref.resolved, ref.loc) === null) {
        out.push({ id: this.id, loc: ref.loc, message: `rpc.${role}: cannot read ${ref.resolved}` });
      }
    }
    return out;
  },
};
