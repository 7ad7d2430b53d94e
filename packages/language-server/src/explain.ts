/**
 * "Explain request…": EMQX's decision for one request against the document's rules, with
 * the deciding rule and why each earlier rule did not match (the core engine's `explainRequest`).
 */
import { firstLoadError, type LoadedRuleSet } from "@emqx-acl/analysis";
import { explainRequest, fromBytes, fromWire, WIRE_DEFAULTS, WireError, type Explanation } from "@emqx-acl/core";

/** Defaults for the fields a user need not type (what a plain TCP client sends). */
const DEFAULTS = { ...WIRE_DEFAULTS, action: "publish", topic: "" };

export interface ExplainResult {
  text: string;
  decision: string | null;
  rule: number | null;
}

function lines(e: Explanation, a: LoadedRuleSet): string[] {
  const li = a.parse.lineIndex;
  const d = e.decision;
  const out = [`Topic as the rules see it: "${fromBytes(e.topic)}"`];
  if (d.decision === "nomatch")
    out.unshift("Decision: nomatch — no rule matched (EMQX falls through to the next source / no_match)");
  else if (d.rule === null) out.unshift(`Decision: ${d.decision} before any rule: ${d.note}`);
  else out.unshift(`Decision: ${d.decision} by rule #${d.rule} (line ${li.position(e.decidingRule!.start).line + 1})`);
  for (const m of e.misses) out.push(`  rule #${m.rule}: ${m.reason} — ${m.detail}`);
  return out;
}

/**
 * Explains `wire` (a requests.jsonl-style object, missing fields defaulted) against the
 * loaded rules only (parse + lower, as `loadRuleSet` gives them; the server passes its
 * incrementally kept model): explain never waits for, nor runs, lint.
 */
export function provideExplanation(a: LoadedRuleSet, wire: unknown): ExplainResult {
  const rs = a.lowered.ruleSet;
  if (rs.loadError) {
    const first = firstLoadError(a);
    const at = first ? `${first.range.start.line + 1}:${first.range.start.character + 1}: ` : "";
    return {
      text: `${at}EMQX ${a.lowered.dialect} refuses this file: ${first?.message ?? rs.loadError.message}`,
      decision: null,
      rule: null,
    };
  }
  try {
    const request = fromWire({ ...DEFAULTS, ...(wire && typeof wire === "object" ? wire : {}) });
    const e = explainRequest(rs, request);
    return { text: lines(e, a).join("\n"), decision: e.decision.decision, rule: e.decision.rule };
  } catch (err) {
    if (err instanceof WireError) return { text: `Invalid request: ${err.message}`, decision: null, rule: null };
    throw err;
  }
}
