/**
 * `explain --config` output: the deciding stage (superuser, a source's rule with a code
 * frame, or the no_match default), then why each earlier source passed, then the settings
 * that shape what the client sees (deny_action, cache).
 */
import { locText, noMatchFor, type Chain, type ChainExplanation, type SourceStep } from "@emqx-acl/chain";
import type { Request } from "@emqx-acl/core";
import { LineIndex, type ConfigLoc } from "@emqx-acl/syntax";
import { codeFrame } from "./code-frame";
import { topicNotes } from "./topic-notes";

function sourceName(s: SourceStep["source"], chain: Chain): string {
  const stage = chain.stages.find((st) => st.source.number === s.number)!;
  const from = stage.model ? `, ${stage.model.path}` : "";
  return `source ${s.number} (${s.type}${from})`;
}

function ruleWhere(model: NonNullable<ChainExplanation["rule"]>["model"], index: number): string {
  const rule = model.ruleSet.rules.find((r) => r.index === index)!;
  const origin = model.origin?.(index);
  const line = new LineIndex(model.text).position(rule.start).line + 1;
  return origin ? `rule ${index} (${model.path} ${origin})` : `rule ${index} (${model.path}:${line})`;
}

function stepLine(s: SourceStep, chain: Chain): string {
  const name = sourceName(s.source, chain);
  switch (s.answer) {
    case "disabled":
      return `${name}: disabled (enable = false)`;
    case "skipped":
      return `${name}: skipped — ${s.why}`;
    case "not modelled":
      return `${name}: not modelled — answers nothing here (give its rules with --source-rules)`;
    case "nomatch":
      return `${name}: no rule matched (${s.rules} rule${s.rules === 1 ? "" : "s"})`;
    default:
      return s.decides ? `${name}: ${s.answer} by ${ruleWhere(s.model, s.rule!)}` : `${name}: ${s.answer} by ${ruleWhere(s.model, s.rule!)} — EMQX 4's acl.conf module only sets the result; the chain went on`;
  }
}

function settingAt(chain: Chain, loc: ConfigLoc | undefined): string {
  return loc ? `set at ${locText(chain.files, loc)}` : "EMQX's default";
}

function denied(action: "ignore" | "disconnect", request: Request): string {
  if (action === "disconnect") return "the client is disconnected";
  return request.action === "publish" ? "the message is dropped (QoS 1/2 acknowledged with 0x87); the client stays connected" : "the subscription is refused (0x87); the client stays connected";
}

/** Pretty text for an explanation. */
export function formatChainPretty(e: ChainExplanation, chain: Chain, request: Request): string {
  const out: string[] = [];
  const d = e.decision;
  const stage = d.stage;
  if (stage === "superuser") out.push(`decision: allow — the client is a superuser: EMQX consults no source`);
  else if (stage === "refused") out.push(`decision: deny before the chain: ${d.note}`);
  else if (stage === "no_match") {
    const zoned = chain.config.zoneNoMatch.get(request.zone);
    const setting = zoned ?? chain.config.noMatch;
    const name = zoned ? `zone.${request.zone}.acl_nomatch` : chain.config.version === "v4" ? "acl_nomatch" : "authorization.no_match";
    out.push(`decision: ${noMatchFor(chain, request)} by the no_match default — no source decided (${name} = ${setting.value}, ${settingAt(chain, setting.loc)})`);
  } else {
    const { model, rule } = e.rule!;
    out.push(`decision: ${d.decision} by source ${stage.source} (${stage.type}) ${ruleWhere(model, stage.rule)}${d.note ? ` — ${d.note}` : ""}`);
    if (model.origin) out.push(`  the row as an acl.conf rule:`);
    const li = new LineIndex(model.text);
    for (const l of codeFrame(model.text, li.range(rule.start, rule.end))) out.push(`  ${l}`);
    for (const m of model.decider.explain(request).misses) {
      const topics = m.reason === "topic" ? topicNotes(m.topics) : "";
      out.push(`  before it, ${ruleWhere(model, m.rule)}: ${m.reason} — ${m.detail}${topics ? `: ${topics}` : ""}`);
    }
  }
  const before = e.steps.filter((s) => !("decides" in s && s.decides));
  if (before.length) out.push(typeof stage === "object" ? "earlier sources:" : "sources:");
  for (const s of before) out.push(`  ${stepLine(s, chain)}`);
  if (d.decision === "deny") out.push(`deny_action = ${chain.config.denyAction.value}: ${denied(chain.config.denyAction.value, request)}`);
  const cache = chain.config.cache;
  // the $delayed refusal comes before the cache; EMQX 4 does not cache a superuser's allow
  const cached = stage !== "refused" && !(stage === "superuser" && chain.config.version === "v4");
  if (cache.enable.value && cached) out.push(`cache: this decision is kept per connection for ${cache.ttl.value} (up to ${cache.maxSize.value} entries); rule changes reach a connected client after that`);
  return `${out.join("\n")}\n`;
}
