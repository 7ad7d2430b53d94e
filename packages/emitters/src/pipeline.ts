/** Text → rule model through the shared parser and lowering (what every emitter reads). */
import { lower, type Dialect, type RuleSet } from "@emqx-acl/core";
import { parseDocument, type Diagnostic } from "@emqx-acl/syntax";

export interface Loaded {
  ruleSet: RuleSet;
  diagnostics: Diagnostic[];
}

/** Parses and lowers acl.conf text for one dialect. */
export function loadAcl(text: string, dialect: Dialect): Loaded {
  const parse = parseDocument(text);
  const lowered = lower(parse, dialect);
  return { ruleSet: lowered.ruleSet, diagnostics: lowered.diagnostics };
}
