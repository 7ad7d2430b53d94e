/** The shape of one audit rule: the lint rules' documentation fields, and its check. */
import type { RuleDocFields, Severity } from "@emqx-acl/syntax";
import type { AuditContext, Finding } from "./context";
import type { EmqxVersion } from "./version";
import { perDialect } from "@emqx-acl/core";

export interface AuditRule extends RuleDocFields {
  /** Severity per EMQX version: `error` only for what that version refuses to start with. */
  severity: Record<EmqxVersion, Severity>;
  /** Where the facts come from (spec section and EMQX source). */
  sources: string;
  check(ctx: AuditContext): Finding[];
}

export const allVersions = (s: Severity): Record<EmqxVersion, Severity> => perDialect(() => s);

/** A rule over all nodes of one cluster (several emqx.conf files audited together). */
export interface ClusterRule extends AuditRule {
  /** Findings, each for the node (index into `nodes`) whose file it points into. */
  checkCluster(nodes: AuditContext[]): { node: number; finding: Finding }[];
}
