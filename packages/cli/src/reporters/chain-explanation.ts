/**
 * `explain --config` output: the deciding stage (superuser, a source's rule with a code
 * frame, or the no_match default), then why each earlier source passed, then the settings
 * that shape what the client sees (deny_action, cache).
 */
import {
  isSourceStage,
  locText,
  noMatchFor,
  SEEDABLE_TYPES,
  type Chain,
  type ChainExplanation,
  type ClientInfoStage,
  type Mount,
  type SourceStep,
} from "@emqx-acl/chain";
import { fromBytes, type Request } from "@emqx-acl/core";
import { LineIndex, type ConfigLoc } from "@emqx-acl/syntax";
import { codeFrame } from "./code-frame";
import { topicNotes } from "./topic-notes";
import { capabilities } from "@emqx-acl/core";

/** Source types whose rules `--source-rules` can give. */
const SEEDABLE = new Set<string>(SEEDABLE_TYPES);

function sourceName(s: SourceStep["source"], chain: Chain): string {
  const stage = chain.stages.find((st) => st.source.number === s.number)!;
  const from = stage.model ? `, ${stage.model.path}` : "";
  return `source ${s.number} (${s.type}${from})`;
}

function ruleWhere(model: NonNullable<ChainExplanation["rule"]>["model"], index: number): string {
  const rule = model.ruleSet.rules.find((r) => r.index === index)!;
  if (model.imported) {
    // a seed's rule numbers count the rules read from it; its text is not the seed's
    const origin = model.origin?.(index);
    return origin ? `rule ${index} (${model.path} ${origin})` : `rule ${index} of those read from ${model.path}`;
  }
  return `rule ${index} (${model.path}:${new LineIndex(model.text).position(rule.start).line + 1})`;
}

function stepLine(s: SourceStep, chain: Chain): string {
  const name = sourceName(s.source, chain);
  // an http source asked live: the exchange is the reason (no rules of its own)
  const exchange = chain.stages.find((st) => st.source.number === s.source.number)?.model?.exchange;
  if (exchange && s.answer !== "disabled" && s.answer !== "skipped") return `${name}: ${exchange}`;
  switch (s.answer) {
    case "disabled":
      return `${name}: disabled (enable = false)`;
    case "skipped":
      return `${name}: skipped — ${s.why}`;
    case "not modelled":
      return `${name}: not modelled — answers nothing here${SEEDABLE.has(s.source.type) ? " (give its rules with --source-rules)" : ""}`;
    case "nomatch":
      return `${name}: no rule matched (${s.rules} rule${s.rules === 1 ? "" : "s"})`;
    default:
      return s.decides
        ? `${name}: ${s.answer} by ${ruleWhere(s.model, s.rule!)}`
        : `${name}: ${s.answer} by ${ruleWhere(s.model, s.rule!)} — EMQX 4's acl.conf module only sets the result; the chain went on`;
  }
}

function settingAt(chain: Chain, loc: ConfigLoc | undefined): string {
  return loc ? `set at ${locText(chain.files, loc)}` : "EMQX's default";
}

function denied(action: "ignore" | "disconnect", request: Request): string {
  if (action === "disconnect") return "the client is disconnected";
  return request.action === "publish"
    ? "the message is dropped (QoS 1/2 acknowledged with 0x87); the client stays connected"
    : "the subscription is refused (0x87); the client stays connected";
}

/** The no_match line: its value for the request's zone and where it is set. */
function noMatchLine(chain: Chain, request: Request): string {
  const zoned = chain.config.zoneNoMatch.get(request.zone);
  const setting = zoned ?? chain.config.noMatch;
  const name = zoned ? `zone.${request.zone}.acl_nomatch` : capabilities(chain.config.version).noMatchKey;
  return `decision: ${noMatchFor(chain, request)} by the no_match default — no source decided (${name} = ${setting.value}, ${settingAt(chain, setting.loc)})`;
}

/** The deciding rule: where, a code frame, and why the rules before it in its source did not match. */
function ruleLines(e: ChainExplanation): string[] {
  const { model, rule } = e.rule!;
  const stage = e.decision.stage;
  if (!isSourceStage(stage)) throw new Error("ruleLines: not a source's rule");
  const note = e.decision.note ? ` — ${e.decision.note}` : "";
  if (model.exchange)
    return [
      `decision: ${e.decision.decision} by source ${stage.source} (${stage.type}, ${model.path}): ${model.exchange}${note}`,
    ];
  const out = [
    `decision: ${e.decision.decision} by source ${stage.source} (${stage.type}) ${ruleWhere(model, stage.rule)}${note}`,
  ];
  if (model.imported) out.push(`  read as the acl.conf rule:`);
  const li = new LineIndex(model.text);
  // a seed's frame shows the imported text: its line numbers are not the seed's
  const frame = codeFrame(model.text, li.range(rule.start, rule.end));
  for (const l of model.imported ? frame.map((f) => f.replace(/^\s*\d+ \|/, "  |")) : frame) out.push(`  ${l}`);
  // the sources decided the mounted request when the mountpoint applies
  for (const m of model.decider.explain(e.request).misses) {
    const topics = m.reason === "topic" ? topicNotes(m.topics) : "";
    out.push(`  before it, ${ruleWhere(model, m.rule)}: ${m.reason} — ${m.detail}${topics ? `: ${topics}` : ""}`);
  }
  return out;
}

const LOGIN = "login ACL (JWT/HTTP acl)";

/** For a JWT login, where its ACL came from (the claim the configuration names); null otherwise. */
function jwtFromLine(login: NonNullable<ChainExplanation["login"]>): string | null {
  return login.from.startsWith("the JWT claim") ? `  ACL from ${login.from}` : null;
}

/** A login ACL rule by its number: `rule 2`, or for the legacy format `"pub" list`. */
function loginRuleName(login: NonNullable<ChainExplanation["login"]>, index: number): string {
  const key = login.model.keys[index - 1];
  return login.model.format === "legacy" ? `"${key}" list` : `rule ${index}`;
}

/** The login ACL decided: which rule, read as what acl.conf rule, and why the rules before it did not match. */
function loginLines(e: ChainExplanation, stage: ClientInfoStage): string[] {
  const login = e.login!;
  const note = e.decision.note ? ` — ${e.decision.note}` : "";
  const from = jwtFromLine(login);
  if (stage.rule === null) return [`decision: ${e.decision.decision} by the ${LOGIN}${note}`, ...(from ? [from] : [])];
  const index = typeof stage.rule === "number" ? stage.rule : login.model.keys.indexOf(stage.rule) + 1;
  const rule = login.model.ruleSet.rules.find((r) => r.index === index)!;
  const out = [
    `decision: ${e.decision.decision} — ${LOGIN} ${loginRuleName(login, index)} decided${note}`,
    ...(from ? [from] : []),
    `  read as the acl.conf rule: ${login.model.text.slice(rule.start, rule.end)}`,
  ];
  for (const m of login.model.decider.explain(e.request).misses) {
    const topics = m.reason === "topic" ? topicNotes(m.topics) : "";
    out.push(`  before it, ${loginRuleName(login, m.rule)}: ${m.reason} — ${m.detail}${topics ? `: ${topics}` : ""}`);
  }
  return out;
}

/** The login ACL answered nothing: the chain went on to the sources. */
function loginPassLine(login: NonNullable<ChainExplanation["login"]>): string {
  const n = login.model.ruleSet.rules.length;
  const from = login.from.startsWith("the JWT claim") ? `; ACL from ${login.from}` : "";
  return `${LOGIN}: no rule matched (${n} rule${n === 1 ? "" : "s"}${from}); the chain went on`;
}

/** What the client sees of the decision (deny_action) and how long it is kept (cache). */
function settingLines(e: ChainExplanation, chain: Chain, request: Request): string[] {
  const out: string[] = [];
  const { denyAction, cache, version } = chain.config;
  if (e.decision.decision === "deny")
    out.push(`deny_action = ${denyAction.value}: ${denied(denyAction.value, request)}`);
  // the $delayed refusal comes before the cache; EMQX 4 does not cache a superuser's allow
  const cached =
    e.decision.stage !== "refused" && (e.decision.stage !== "superuser" || capabilities(version).cachesSuperuser);
  if (cache.enable.value && cached)
    out.push(
      `cache: this decision is kept per connection for ${cache.ttl.value} (up to ${cache.maxSize.value} entries); rule changes reach a connected client after that`,
    );
  return out;
}

/**
 * The client's mountpoint: the topic authorized as mounted (master's
 * `authorization.include_mountpoint`), or as sent with why the mountpoint is not seen.
 */
function mountLine(mount: Mount, chain: Chain): string {
  const at = mount.loc ? `; ${mount.setting} at ${locText(chain.files, mount.loc)}` : "";
  const mp = `${mount.label} \`${mount.template}\``;
  const topic = `\`${fromBytes(mount.authorized)}\``;
  return mount.applied
    ? `mountpoint: topic authorized as ${topic} after ${mp} (${mount.why}${at})`
    : `mountpoint: topic authorized as sent, ${topic}; ${mp} (\`${fromBytes(mount.rendered)}\` here) is added only after authorization (${mount.why}${at})`;
}

/** Pretty text for an explanation. */
export function formatChainPretty(e: ChainExplanation, chain: Chain, request: Request): string {
  const stage = e.decision.stage;
  const out: string[] = [];
  if (stage === "superuser") out.push(`decision: allow — the client is a superuser: EMQX consults no source`);
  else if (stage === "refused") out.push(`decision: deny before the chain: ${e.decision.note}`);
  else if (stage === "no_match") out.push(noMatchLine(chain, request));
  else if (!isSourceStage(stage)) out.push(...loginLines(e, stage));
  else out.push(...ruleLines(e));
  if (e.mount) out.push(mountLine(e.mount, chain));
  const deciding = e.steps.findIndex((s) => "decides" in s && s.decides);
  const others = e.steps.filter((_, i) => i !== deciding);
  const passed = [
    ...(e.login && !e.login.decides ? [loginPassLine(e.login)] : []),
    ...others.map((s) => stepLine(s, chain)),
  ];
  // EMQX 4: sources after an acl.conf module that only set the result were consulted too
  if (passed.length)
    out.push(
      deciding < 0 ? "sources:" : deciding === e.steps.length - 1 ? "earlier sources:" : "other sources consulted:",
    );
  for (const l of passed) out.push(`  ${l}`);
  out.push(...settingLines(e, chain, request));
  return `${out.join("\n")}\n`;
}
