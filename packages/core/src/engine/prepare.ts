/**
 * Request pre-processing the broker does before the rules are consulted (spec §4.2):
 * subscribe `$share/<g>/F`, `$queue/F`, `$exclusive/F` → `F` (one prefix; v4 also an `$exclusive/`
 * after a share prefix); v5/v6 `$delayed/<n>/T` → `T`
 * (repeatedly; without a second `/` the request is denied outright).
 */
import type { Bytes, Dialect } from "../model/rule";
import type { Request } from "../model/request";
import { toBytes } from "../model/bytes";
import { parseAddress, type IpAddress } from "./inet";
import { words } from "./topic";
import { capabilities } from "../model/dialects";

/**
 * A request made ready for matching: topic words; the peer address and byte-string zone /
 * listener are computed on first use (most rule sets never read them).
 */
export class PreparedRequest {
  private peerCache: IpAddress | null | undefined;
  private zoneCache: Bytes | undefined;
  private listenerCache: Bytes | undefined;
  readonly words: Bytes[];
  constructor(
    readonly request: Request,
    /** The authorised topic after stripping. */
    readonly topic: Bytes,
    /** Set when the broker refuses the request before the rules (invalid `$delayed`). */
    readonly refused: string | null,
  ) {
    this.words = words(topic);
  }
  get peer(): IpAddress | null {
    if (this.peerCache === undefined)
      this.peerCache = this.request.peerhost === null ? null : parseAddress(this.request.peerhost);
    return this.peerCache;
  }
  get zone(): Bytes {
    return (this.zoneCache ??= toBytes(this.request.zone));
  }
  get listener(): Bytes {
    return (this.listenerCache ??= toBytes(this.request.listener));
  }
}

/**
 * Strips the share / queue / exclusive prefix of a SUBSCRIBE filter (`emqx_topic:parse/2`:
 * one prefix only, so `$exclusive/$share/g/t` → `$share/g/t`). v4's `parse/2` recurses after
 * `$share/<g>/` and `$queue/`, so there a following `$exclusive/` goes too; v5/v6 keep it.
 */
export function stripSharePrefix(filter: Bytes, dialect: Dialect = "v5"): Bytes {
  let rest: Bytes;
  if (filter.startsWith("$share/")) {
    const slash = filter.indexOf("/", 7);
    if (slash < 0) return filter;
    rest = filter.slice(slash + 1);
  } else if (filter.startsWith("$queue/")) rest = filter.slice(7);
  else return filter.startsWith("$exclusive/") ? filter.slice(11) : filter;
  return capabilities(dialect).sharePrefixRecurses && rest.startsWith("$exclusive/") ? rest.slice(11) : rest;
}

/** v5/v6 `$delayed/<n>/T` → T, repeatedly; null when the prefix has no topic after it. */
export function stripDelayed(topic: Bytes): Bytes | null {
  let t = topic;
  while (t.startsWith("$delayed/")) {
    const rest = t.slice(9);
    const slash = rest.indexOf("/");
    if (slash < 0) return null;
    t = rest.slice(slash + 1);
  }
  return t;
}

/** Prepares a request for the rules of one dialect. */
export function prepareRequest(request: Request, dialect: Dialect): PreparedRequest {
  let topic = request.action === "subscribe" ? stripSharePrefix(request.topic, dialect) : request.topic;
  let refused: string | null = null;
  if (capabilities(dialect).delayedPrefix) {
    const t = stripDelayed(topic);
    if (t === null) refused = "invalid $delayed topic";
    else topic = t;
  }
  return new PreparedRequest(request, topic, refused);
}
