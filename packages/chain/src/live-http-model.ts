/**
 * `--source-url http=ORIGIN`: the http source asked per request. The request is built as
 * the configured EMQX version builds it (http-source.ts), sent to ORIGIN (live-http.ts),
 * and the answer becomes a one-rule model: allow/deny "by the server's answer", ignore and
 * failures an empty one (the chain goes on). Identical requests are sent once per command.
 */
import { loadRuleSet } from "@emqx-acl/analysis";
import { fromBytes, type Decider, type Request } from "@emqx-acl/core";
import { buildHttpRequest, mapHttpResponse, type HttpRequest } from "./http-source";
import { sendHttp, type HttpReply } from "./live-http";
import type { Chain, ChainStage, SourceModel } from "./load-chain";
import { decideChain, isSourceStage, sourcesRequest } from "./decide-chain";
import { evaluatePrecondition } from "./precondition";
import type { LiveQuery } from "./source-url";

type HttpLive = Extract<LiveQuery, { type: "http" }>;

const MAX_CACHED = 10_000;
const cache = new Map<string, Promise<HttpReply>>();

/** At most `n` characters, with an ellipsis when cut (a body can be long). */
function short(s: string, n = 200): string {
  return s.length > n ? `${s.slice(0, n)}…` : s;
}

/** `POST /authz {"username":"alice",…}` / `GET /authz?username=alice` (headers left out: they may carry secrets). */
function describeRequest(req: HttpRequest): string {
  return `${req.method} ${short(req.target)}${req.body ? ` ${short(req.body.toString("utf8"))}` : ""}`;
}

function describeReply(reply: HttpReply): string {
  if ("error" in reply) return `no answer: ${reply.error}`;
  return `${reply.status}${reply.body ? ` ${short(reply.body)}` : ""}`;
}

/** A model answering `answer` for every request (the server already decided this one). */
function answerModel(path: string, answer: "allow" | "deny" | null, exchange: string, chain: Chain): SourceModel {
  const text = answer ? `{${answer}, all, all, ["#"]}.\n` : "";
  const ruleSet = loadRuleSet(text, { dialect: chain.dialect }).lowered.ruleSet;
  const decider: Decider = {
    decide: () => (answer ? { decision: answer, rule: 1 } : { decision: "nomatch", rule: null }),
    explain: (r) => ({
      decision: answer ? { decision: answer, rule: 1 } : { decision: "nomatch", rule: null },
      topic: fromBytes(r.topic),
      decidingRule: answer ? ruleSet.rules[0] : null,
      misses: [],
    }),
  };
  return { path, text, ruleSet, decider, imported: true, exchange };
}

/**
 * Whether EMQX sends the source its request: nothing before it decided (superuser, the login
 * ACL, a source that ends the chain), and the source is not skipped (EMQX 4's `$` usernames,
 * a false precondition). `before` is the chain up to the source.
 */
export function reachesHttp(before: Chain, stage: ChainStage, request: Request): boolean {
  const d = decideChain(before, request);
  if (d.stage !== "no_match" && !(isSourceStage(d.stage) && !sourceStops(before, d.stage.source))) return false;
  const seen = sourcesRequest(before, request);
  if (stage.source.skipsDollarUsername && seen.username?.startsWith("$")) return false;
  const pre = stage.source.precondition;
  return pre === undefined || evaluatePrecondition(pre, seen).holds !== false;
}

function sourceStops(chain: Chain, number: number): boolean {
  return chain.stages.find((s) => s.source.number === number)?.source.stops ?? true;
}

/** The http source's model for one request; `warn` hears each distinct failure once. */
export async function httpModel(
  number: number,
  live: HttpLive,
  request: Request,
  chain: Chain,
  timeoutMs: number,
  warn: (m: string) => void,
): Promise<SourceModel | null> {
  const name = `source ${number} (http, ${live.url})`;
  let req: HttpRequest;
  try {
    req = buildHttpRequest(live.spec, sourcesRequest(chain, request));
  } catch (e) {
    // EMQX logs http_request_generation_failed: 5.8.9 ignores, master applies its backend-failure policy
    const failed = mapHttpResponse(live.spec.version, { error: "" }, chain.securityProfile).answer;
    warn(
      `${name}: ${(e as Error).message}; EMQX's source answers ${failed === "deny" ? "deny" : "nothing (ignore)"} then`,
    );
    return failed === "deny"
      ? answerModel(live.url, "deny", `answered deny (no request: ${(e as Error).message})`, chain)
      : null;
  }
  const key = `${number}\0${req.method}\0${req.target}\0${JSON.stringify(req.headers)}\0${req.body?.toString("latin1") ?? ""}`;
  let reply = cache.get(key);
  if (!reply) {
    if (cache.size >= MAX_CACHED) cache.clear();
    // EMQX gives up at the source's own timeout; --timeout bounds the tool
    reply = sendHttp(live.origin, req, Math.min(timeoutMs, live.spec.timeoutMs));
    cache.set(key, reply);
  }
  const got = await reply;
  const mapped = mapHttpResponse(live.spec.version, got, chain.securityProfile);
  if (mapped.failure)
    warn(
      `${name}: ${mapped.failure}; EMQX's source answers ${mapped.answer === "ignore" ? "nothing (ignore)" : mapped.answer} then`,
    );
  const answer = mapped.answer === "ignore" ? null : mapped.answer;
  const exchange = `answered ${mapped.answer} (${describeReply(got)}) for ${describeRequest(req)}`;
  return answerModel(live.url, answer, exchange, chain);
}
