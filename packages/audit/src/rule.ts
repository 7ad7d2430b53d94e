/** The shape of one audit rule: metadata for docs and reporters, and its check. */
import type { Severity } from "@emqx-acl/syntax";
import type { AuditContext, Finding } from "./context";
import type { EmqxVersion } from "./version";
import { DIALECTS } from "@emqx-acl/core";

export interface AuditRule {
  /** Stable kebab-case id, equal to the file name under `rules/`. */
  id: string;
  /** Severity per EMQX version: `error` only for what that version refuses to start with. */
  severity: Record<EmqxVersion, Severity>;
  summary: string;
  /** Why it matters, in a sentence or two. */
  rationale: string;
  /** Where the facts come from (spec section and EMQX source). */
  docs: string;
  check(ctx: AuditContext): Finding[];
}

export const allVersions = (s: Severity): Record<EmqxVersion, Severity> => Object.fromEntries(DIALECTS.map((v) => [v, s])) as Record<EmqxVersion, Severity>;

/** A rule over all nodes of one cluster (several emqx.conf files audited together). */
export interface ClusterRule extends AuditRule {
  /** Findings, each for the node (index into `nodes`) whose file it points into. */
  checkCluster(nodes: AuditContext[]): { node: number; finding: Finding }[];
}
