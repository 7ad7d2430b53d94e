import type { AuditContext, Finding } from "../context";
import { aclFiles } from "../acl-file";
import { allVersions, type AuditRule } from "../rule";

export const aclFileMissing: AuditRule = {
  id: "acl-file-missing",
  severity: allVersions("warning"),
  summary: "The acl file the configuration uses cannot be read here, so its rules were not checked.",
  rationale:
    "The audit lints the acl file EMQX would load; a path it cannot open is either wrong or only valid on the node itself.",
  sources: "cluster-security.md §7",
  check(ctx: AuditContext): Finding[] {
    return aclFiles(ctx)
      .filter((a) => a.text === null)
      .map((a) => ({
        id: this.id,
        severity: a.explicit ? undefined : "info",
        loc: a.loc,
        message: a.explicit
          ? `cannot read the acl file ${a.path}; its rules were not checked`
          : `no acl file at EMQX's default location ${a.path}; not checked`,
      }));
  },
};
