/** A term EMQX refuses to compile: thrown inside one rule's lowering, caught per rule. */
import type { Span } from "@emqx-acl/syntax";

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
export function emqxName(dialect: "v4" | "v5" | "v6"): string {
  return dialect === "v4" ? "EMQX 4.4" : dialect === "v5" ? "EMQX 5.8" : "EMQX 6";
}
