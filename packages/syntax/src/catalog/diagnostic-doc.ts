/**
 * One entry of the diagnostic catalogue: what every id the tool can emit means, whichever
 * layer emits it (the Erlang and HOCON readers here, EMQX's rule compiler in core, lint
 * rules, the emqx.conf audit, the chain). Each layer lists its own ids beside the code
 * that emits them; the CLI assembles them all (`emqx-acl rules`, SARIF, docs/rules) and the
 * language server the ones an acl file can have.
 */
import type { Severity } from "../diagnostic";
import type { Dialect } from "../dialects";

/** Which stage reports the id. */
export type DiagnosticKind = "syntax" | "hocon" | "conf" | "schema" | "lint" | "audit" | "chain";

/** An EMQX version by its dialect name. */
export type DocDialect = Dialect;

/** The documentation fields a rule of any kind carries (lint and audit rules alike). */
export interface RuleDocFields {
  /** Stable kebab-case id. */
  id: string;
  /** One sentence. */
  summary: string;
  /** Why it matters and what to do. */
  rationale: string;
  /** EMQX versions it applies to (all when absent); examples are checked in each. */
  dialects?: DocDialect[];
  /** A file that reports the id and one that does not, tested in each of `dialects` (the entry's when absent, else every version). */
  examples?: { bad: string; good: string; dialects?: DocDialect[] };
}

export interface DiagnosticDoc extends RuleDocFields {
  kind: DiagnosticKind;
  /** Lint and audit rules: what the rule is about. */
  category?: string;
  defaultSeverity: Severity;
  /** Where the severity depends on the EMQX version (audit rules). */
  severityByVersion?: Record<DocDialect, Severity>;
  /** The finding carries a safe automatic fix. */
  fixable: boolean;
  /** Where the facts come from (spec sections, EMQX source), when it says more than the rationale. */
  sources?: string;
  docsUrl: string;
}

/** Where docs/rules is published. */
const DOCS_BASE = "https://github.com/emqx-acl/emqx-acl/blob/main/docs/rules";

/** The one docs URL scheme: docs/rules/<id>.md. */
export const docsUrlFor = (id: string): string => `${DOCS_BASE}/${id}.md`;

/** A catalogue entry: an error unless it says otherwise, no fix, the docs URL of its id. */
export function catalogDoc(
  kind: DiagnosticKind,
  fields: RuleDocFields & { defaultSeverity?: Severity },
): DiagnosticDoc {
  return { kind, defaultSeverity: "error", fixable: false, ...fields, docsUrl: docsUrlFor(fields.id) };
}
