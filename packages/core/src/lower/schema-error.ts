/** A term EMQX refuses to compile: thrown inside one rule's lowering, caught per rule. */
import type { Span } from "@emqx-acl/syntax";
import { capabilities, type Dialect } from "../model/dialects";

export class SchemaError extends Error {
  constructor(
    /** Diagnostic id, `schema-…`. */
    readonly id: string,
    message: string,
    /** The offending sub-term. */
    readonly at: Span,
  ) {
    super(message);
  }
}

/** A non-fatal note found while lowering (e.g. `regex-unsupported`). */
export interface LowerWarning {
  id: string;
  message: string;
  at: Span;
}

/** Human name of a dialect for messages. */
export function emqxName(dialect: Dialect): string {
  return capabilities(dialect).name;
}

/**
 * What the dialect's rule compiler logs when it refuses a term: EMQX 4's emqx_access_rule
 * crashes with a function_clause in `clause` (e.g. "compile/1"), 5+ logs `authzLog`.
 */
export function compilerLog(dialect: Dialect, clause: string, authzLog: string): string {
  const { ruleCompiler } = capabilities(dialect);
  return ruleCompiler === "emqx_access_rule" ? `function_clause in ${ruleCompiler}:${clause}` : authzLog;
}
