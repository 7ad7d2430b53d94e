/**
 * `emqx-acl explain FILE --engine v4|v5|v6 [client options] (--publish T | --subscribe F)`:
 * the decision, the deciding rule with a code frame, and for every earlier rule the first
 * reason it did not match (action, who, topic — with rendered placeholders).
 */
import { terminalText } from "../terminal-text";
import { loadRuleSet, refusalLine } from "@emqx-acl/analysis";
import { explainRequest, fromBytes, toBytes, type Dialect, type Explanation, type Request } from "@emqx-acl/core";
import { InvalidArgumentError, Option, type Command } from "commander";
import { explanationText } from "../reporters/explanation";
import { readInput } from "../read-input";
import { UsageError } from "../usage-error";

export interface ExplainOptions {
  engine: Dialect | "auto";
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

/** Builds the request from the options; UsageError when they do not describe one. */
export function requestFromOptions(o: ExplainOptions): Request {
  if ((o.publish === undefined) === (o.subscribe === undefined)) throw new UsageError("give exactly one of --publish TOPIC or --subscribe FILTER");
  if (o.subscribe !== undefined && o.retain) throw new UsageError("--retain applies to --publish only");
  const client_attrs: Record<string, string> = {};
  for (const kv of o.clientAttr) {
    const eq = kv.indexOf("=");
    if (eq <= 0) throw new UsageError(`--client-attr expects NAME=VALUE, got '${kv}'`);
    client_attrs[toBytes(kv.slice(0, eq))] = toBytes(kv.slice(eq + 1));
  }
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
        ...(m.topics ? { topics: m.topics.map((n) => ({ topic: fromBytes(n.pattern.text), ...(n.rendered !== undefined ? { rendered: fromBytes(n.rendered) } : {}), ...(n.why ? { why: n.why } : {}) })) } : {}),
      })),
    },
    null,
    2,
  )}\n`;
}

/** Runs explain; returns the exit code (0, or 1 when the file does not load). */
export function runExplain(file: string, o: ExplainOptions, out: { write(s: string): unknown }, err: { write(s: string): unknown }): number {
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
  if (analysis.lowered.dialectNote && o.format === "pretty") err.write(`${terminalText(analysis.lowered.dialectNote)}\n`);
  out.write(o.format === "json" ? formatJson(e) : terminalText(explanationText(e, rs, analysis.parse.text, input.path)));
  return 0;
}

function parseQos(v: string): number {
  if (!/^[012]$/.test(v)) throw new InvalidArgumentError("expected 0, 1 or 2");
  return Number(v);
}

/** Registers `explain`. */
export function register(program: Command): void {
  program
    .command("explain")
    .description("explain EMQX's decision for one request: the deciding rule and why earlier rules did not match")
    .argument("<file>", "acl.conf (- for stdin)")
    .addOption(new Option("--engine <version>", "EMQX version").choices(["v4", "v5", "v6", "auto"]).default("auto"))
    .option("--username <u>", "username (absent = the client sent none)")
    .option("--clientid <c>", "client id", "")
    .option("--peerhost <ip>", "peer address")
    .option("--zone <z>", "zone", "default")
    .option("--listener <l>", "listener id", "tcp:default")
    .option("--cert-cn <cn>", "TLS certificate common name")
    .option("--client-attr <k=v>", "client attribute (repeatable)", (v: string, acc: string[]) => [...acc, v], [] as string[])
    .option("--publish <topic>", "a PUBLISH to this topic")
    .option("--subscribe <filter>", "a SUBSCRIBE to this filter")
    .option("--qos <n>", "QoS", parseQos, 0)
    .option("--retain", "the publish has the retain flag")
    .addOption(new Option("--security-profile <p>", "EMQX 6 security profile").choices(["legacy", "hardened"]).default("legacy"))
    .addOption(new Option("--format <f>", "output format").choices(["pretty", "json"]).default("pretty"))
    .action((file: string, opts: ExplainOptions) => {
      process.exitCode = runExplain(file, opts, process.stdout, process.stderr);
    });
}
