/**
 * What every emitter (rule model → backend) and importer (backend → acl.conf) shares.
 * An emitter never guesses: each rule it cannot express exactly becomes a `Refusal`
 * naming the rule and the reason; the CLI fails on any refusal unless `--allow-lossy`.
 */
import type { Dialect, Permission, Rule } from "@emqx-acl/core";

/** The targets `emqx-acl compile --to` accepts. */
export type TargetName = "mysql" | "postgresql" | "redis" | "mongodb" | "emqx-api" | "acl" | "json";

export interface EmitOptions {
  /** The dialect the rules were lowered for (the source file's EMQX version). */
  dialect: Dialect;
  /** The EMQX version the output is for (`--emqx`); defaults to `dialect`. */
  targetDialect?: Dialect;
  /** SQL table / MongoDB collection name (default `mqtt_acl`). */
  table?: string;
  /** Redis key prefix as text (default `mqtt_acl:`): written as is into the cmd, stored as its UTF-8 bytes in keys. */
  keyPrefix?: string;
  /** The source text (the `acl` target copies comments and layout from it). */
  sourceText?: string;
  /** Name of the source file, for comments in the output. */
  sourceName?: string;
}

/** One rule (or one part of it) the target cannot express exactly. */
export interface Refusal {
  /** 1-based rule index (EMQX's rule number). */
  rule: number;
  /** UTF-16 offset of the rule in the source text. */
  start: number;
  reason: string;
}

export interface EmittedFile {
  /** Relative path inside the output directory. */
  name: string;
  content: string;
}

export interface EmitResult {
  files: EmittedFile[];
  /** Rules (or parts) not written; empty means every decision is kept. */
  refusals: Refusal[];
  /** Facts the operator must know (settings the output relies on, backend caveats). */
  notes: string[];
  /**
   * The `authorization.no_match` value the output relies on (a trailing catch-all rule
   * became the default), or null when the output keeps the file's `nomatch` answers.
   */
  noMatch: Permission | null;
}

/** An emitter for one target. */
export interface Emitter {
  name: TargetName;
  /** What this target can never express, for `--help` and docs. */
  limits: string[];
  emit(rules: readonly Rule[], options: EmitOptions): EmitResult;
}

/** A refusal for a whole rule. */
export function refuse(rule: Rule, reason: string): Refusal {
  return { rule: rule.index, start: rule.start, reason };
}
