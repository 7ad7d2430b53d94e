/**
 * `emqx-acl explain FILE --engine v4|v5|v6 [client options] (--publish T | --subscribe F)`:
 * the decision, the deciding rule with a code frame, and for every earlier rule the first
 * reason it did not match (action, who, topic — with rendered placeholders).
 *
 * `emqx-acl explain --config emqx.conf [--source-rules TYPE=FILE]… [--superuser] …`: the
 * whole broker's decision — the deciding stage (superuser, source N and its rule, or the
 * no_match default) and why each earlier source passed.
 */
import { terminalText } from "../terminal-text";
import { loadRuleSet, refusalLine } from "@emqx-acl/analysis";
import {
  explainRequest,
  fromBytes,
  jwtLoginFromWire,
  loginAclFromWire,
  toBytes,
  WireError,
  type Dialect,
  type Explanation,
  type JwtLogin,
  type LoginAcl,
  type Request,
} from "@emqx-acl/core";
import { InvalidArgumentError, Option, type Command } from "commander";
import { explanationText } from "../reporters/explanation";
import { formatChainPretty } from "../reporters/chain-explanation";
import { explainChain, type Chain, type ChainExplanation } from "@emqx-acl/chain";
import {
  addChainOptions,
  checkChainFlags,
  loadChainForCli,
  openLive,
  usageError,
  type ChainFlags,
} from "../chain-options";
import { readInput } from "../read-input";
import { UsageError } from "../usage-error";
import { addEmqxOption } from "../emqx-option";

export interface ExplainOptions extends Partial<ChainFlags> {
  engine: Dialect | "auto";
  /** With --config: the client authenticated as a superuser. */
  superuser?: boolean;
  /** With --config: the login ACL (JSON as in a request line's `acl`), its expiry and the time. */
  acl?: string;
  aclExpire?: number;
  /** With --config: a JWT login's decoded claims (JSON as in a request line's `jwt_claims`). */
  jwtClaims?: string;
  now?: number;
  username?: string;
  clientid: string;
  peerhost?: string;
  zone: string;
  listener: string;
  certCn?: string;
  clientAttr: string[];
  publish?: string;
  subscribe?: string;
  qos: number;
  retain?: boolean;
  format: "pretty" | "json";
  securityProfile: "legacy" | "hardened";
}

function parseJsonOption(flag: string, text: string | undefined): unknown {
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch (e) {
    throw new UsageError(`${flag}: not valid JSON (${(e as Error).message})`);
  }
}

/**
 * `--acl`, `--acl-expire`, `--jwt-claims`, `--now` → the login ACL or the JWT login,
 * checked as a request line's fields are.
 */
function loginFromOptions(o: ExplainOptions): { acl?: LoginAcl; jwt?: JwtLogin } {
  const acl = parseJsonOption("--acl", o.acl);
  const jwt_claims = parseJsonOption("--jwt-claims", o.jwtClaims);
  const given = Object.fromEntries(
    Object.entries({ acl, acl_expire: o.aclExpire, jwt_claims, now: o.now }).filter(([, v]) => v !== undefined),
  );
  try {
    const jwt = jwtLoginFromWire(given);
    const login = loginAclFromWire(given);
    return { ...(login ? { acl: login } : {}), ...(jwt ? { jwt } : {}) };
  } catch (e) {
    if (e instanceof WireError)
      throw new UsageError(`${jwt_claims !== undefined ? "--jwt-claims" : "--acl"}: ${e.message}`);
    throw e;
  }
}

/** Builds the request from the options; UsageError when they do not describe one. */
export function requestFromOptions(o: ExplainOptions): Request {
  if ((o.publish === undefined) === (o.subscribe === undefined))
    throw new UsageError("give exactly one of --publish TOPIC or --subscribe FILTER");
  if (o.subscribe !== undefined && o.retain) throw new UsageError("--retain applies to --publish only");
  const client_attrs: Record<string, string> = {};
  for (const kv of o.clientAttr) {
    const eq = kv.indexOf("=");
    if (eq <= 0) throw new UsageError(`--client-attr expects NAME=VALUE, got '${kv}'`);
    client_attrs[toBytes(kv.slice(0, eq))] = toBytes(kv.slice(eq + 1));
  }
  const login = loginFromOptions(o);
  return {
    username: o.username === undefined ? null : toBytes(o.username),
    clientid: toBytes(o.clientid),
    peerhost: o.peerhost ?? null,
    zone: o.zone,
    listener: o.listener,
    cert_common_name: o.certCn === undefined ? null : toBytes(o.certCn),
    client_attrs,
    action: o.publish !== undefined ? "publish" : "subscribe",
    qos: o.qos as 0 | 1 | 2,
    retain: Boolean(o.retain),
    topic: toBytes(o.publish ?? o.subscribe!),
    ...(o.superuser ? { is_superuser: true as const } : {}),
    ...login,
  };
}

function formatJson(e: Explanation): string {
  return `${JSON.stringify(
    {
      decision: e.decision,
      topic: fromBytes(e.topic),
      misses: e.misses.map((m) => ({
        rule: m.rule,
        reason: m.reason,
        detail: m.detail,
        ...(m.topics
          ? {
              topics: m.topics.map((n) => ({
                topic: fromBytes(n.pattern.text),
                ...(n.rendered !== undefined ? { rendered: fromBytes(n.rendered) } : {}),
                ...(n.why ? { why: n.why } : {}),
              })),
            }
          : {}),
      })),
    },
    null,
    2,
  )}\n`;
}

/** Runs explain; returns the exit code (0, or 1 when the file does not load). */
export function runExplain(
  file: string,
  o: ExplainOptions,
  out: { write(s: string): unknown },
  err: { write(s: string): unknown },
): number {
  const request = requestFromOptions(o);
  const input = readInput(file);
  const analysis = loadRuleSet(input.bytes, { dialect: o.engine });
  const rs = analysis.lowered.ruleSet;
  const refusal = refusalLine(analysis, input.path, analysis.lowered.dialect);
  if (refusal !== null) {
    err.write(`${terminalText(refusal)}\n`);
    return 1;
  }
  const e = explainRequest(rs, request, { securityProfile: o.securityProfile });
  if (analysis.lowered.dialectNote && o.format === "pretty")
    err.write(`${terminalText(analysis.lowered.dialectNote)}\n`);
  out.write(
    o.format === "json" ? formatJson(e) : terminalText(explanationText(e, rs, analysis.parse.text, input.path)),
  );
  return 0;
}

function formatChainJson(e: ChainExplanation, chain: Chain): string {
  const steps = e.steps.map((st) => ({
    source: st.source.number,
    type: st.source.type,
    answer: st.answer,
    ...("rule" in st ? { rule: st.rule, decides: st.decides } : {}),
    ...("rules" in st ? { rules: st.rules } : {}),
    ...("why" in st ? { why: st.why } : {}),
  }));
  const login = e.login && {
    format: e.login.model.format,
    rules: e.login.model.ruleSet.rules.length,
    decides: e.login.decides,
    from: e.login.from,
  };
  const { noMatch, denyAction, cache } = chain.config;
  const settings = {
    no_match: noMatch.value,
    deny_action: denyAction.value,
    cache: { enable: cache.enable.value, max_size: cache.maxSize.value, ttl: cache.ttl.value },
  };
  const m = e.mount;
  const mountpoint = m && {
    setting: m.setting,
    mountpoint: m.template,
    rendered: fromBytes(m.rendered),
    applied: m.applied,
    authorized_topic: fromBytes(m.authorized),
    why: m.why,
  };
  const extra = { ...(login ? { login_acl: login } : {}), ...(mountpoint ? { mountpoint } : {}) };
  return `${JSON.stringify({ ...e.decision, ...extra, sources: steps, settings }, null, 2)}\n`;
}

/** Runs `explain --config`; returns the exit code (1 when EMQX refuses the configuration). */
export async function runChainExplain(
  o: ExplainOptions,
  out: { write(s: string): unknown },
  err: { write(s: string): unknown },
): Promise<number> {
  const request = requestFromOptions(o);
  const loaded = loadChainForCli(o, o.engine, o.securityProfile, err);
  if (loaded === null) return 1;
  const live = await openLive(loaded, o, err);
  let chain = loaded;
  try {
    if (live) chain = await live.chainFor(request);
  } finally {
    await live?.close();
  }
  let e: ChainExplanation;
  try {
    e = explainChain(chain, request);
  } catch (x) {
    // what `check` reports as a malformed line (a login ACL EMQX refuses, a mountpoint not modelled)
    if (x instanceof WireError) throw new UsageError(x.message);
    throw x;
  }
  out.write(o.format === "json" ? formatChainJson(e, chain) : terminalText(formatChainPretty(e, chain, request)));
  return 0;
}

function parseSeconds(v: string): number {
  if (!/^-?\d+(\.\d+)?$/.test(v)) throw new InvalidArgumentError("expected epoch seconds");
  return Number(v);
}

function parseQos(v: string): number {
  if (!/^[012]$/.test(v)) throw new InvalidArgumentError("expected 0, 1 or 2");
  return Number(v);
}

/** Registers `explain`. */
export function register(program: Command): void {
  const cmd = addEmqxOption(program.command("explain"), {
    key: "engine",
    auto: true,
    defaultValue: "auto",
    description: "EMQX version",
  })
    .description(
      "explain EMQX's decision for one request: the deciding rule and why earlier rules did not match (with --config: across the authorization chain)",
    )
    .argument("[file]", "acl.conf (- for stdin); not with --config")
    .option("--username <u>", "username (absent = the client sent none)")
    .option("--clientid <c>", "client id", "")
    .option("--peerhost <ip>", "peer address")
    .option("--zone <z>", "zone", "default")
    .option("--listener <l>", "listener id", "tcp:default")
    .option("--cert-cn <cn>", "TLS certificate common name")
    .option(
      "--client-attr <k=v>",
      "client attribute (repeatable)",
      (v: string, acc: string[]) => [...acc, v],
      [] as string[],
    )
    .option("--publish <topic>", "a PUBLISH to this topic")
    .option("--subscribe <filter>", "a SUBSCRIBE to this filter")
    .option("--qos <n>", "QoS", parseQos, 0)
    .option("--retain", "the publish has the retain flag")
    .addOption(
      new Option("--security-profile <p>", "EMQX 6 security profile").choices(["legacy", "hardened"]).default("legacy"),
    )
    .option("--superuser", "with --config: the client authenticated as a superuser (the chain is skipped)")
    .option("--acl <json>", "with --config: the ACL the client got at login (JWT acl claim, HTTP acl field), EMQX 5/6")
    .option("--acl-expire <secs>", "with --acl: its expiry, epoch seconds (JWT exp, HTTP expire_at)", parseSeconds)
    .option(
      "--jwt-claims <json>",
      "with --config: a JWT login's decoded claims; the ACL is the claim acl_claim_name names, the expiry exp (EMQX 5/6)",
    )
    .option(
      "--now <secs>",
      "with --acl-expire or --jwt-claims: the time of the request, epoch seconds (default: the clock)",
      parseSeconds,
    )
    .addOption(new Option("--format <f>", "output format").choices(["pretty", "json"]).default("pretty"));
  addChainOptions(cmd).action(async (file: string | undefined, opts: ExplainOptions) => {
    checkChainFlags(cmd, opts);
    if (opts.config) {
      if (file !== undefined) usageError(cmd, "with --config, give no acl file (they come from the configuration)");
      process.exitCode = await runChainExplain(opts, process.stdout, process.stderr);
      return;
    }
    if (file === undefined) usageError(cmd, "give the acl file (or --config emqx.conf)");
    if (opts.superuser) usageError(cmd, "--superuser needs --config: a superuser skips the whole chain");
    if (opts.jwtClaims !== undefined)
      usageError(cmd, "--jwt-claims needs --config: the login ACL is a stage of the authorization chain");
    if (opts.acl !== undefined || opts.aclExpire !== undefined || opts.now !== undefined)
      usageError(cmd, "--acl needs --config: the login ACL is a stage of the authorization chain");
    process.exitCode = runExplain(file, opts, process.stdout, process.stderr);
  });
}
