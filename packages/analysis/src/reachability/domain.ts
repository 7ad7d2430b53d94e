/**
 * The request domain of the analysis: what a broker actually hands to authorization, read
 * from EMQX's `emqx_topic:validate/2` and `parse/2` (v4.4.19 `src/emqx_topic.erl`, v5.8.9 and
 * master `apps/emqx/src/emqx_topic.erl`), called on PUBLISH names and SUBSCRIBE filters by
 * `emqx_packet:check/1` before the channel authorises them, and the `$delayed` stripping of
 * v5/v6 `emqx_access_control:authorize/3`.
 *
 * * Publish: the name as sent (never parsed: `$share/g/t` is a valid name), non-empty, no
 *   wildcard, no NUL, every level valid UTF-8.
 * * Subscribe: the filter as sent is validated (v5/v6 validate `$share/<g>/<f>` specially:
 *   non-empty group without `+`/`#`, non-empty `f` not starting `$share/`), then ONE prefix
 *   is stripped: `$share/<g>/`, `$queue/` or `$exclusive/`. v4 also strips an `$exclusive/`
 *   right after a share prefix; a second share prefix is an error in every version.
 * * v5/v6: `$delayed/<n>/T` → T, repeatedly; `$delayed/x` is refused before the rules.
 */
import { capabilities, prepareRequest, type Dialect, type Request } from "@emqx-acl/core";
import { emptyTopicReachable, hiddenFirstWords, isUtf8Bytes } from "./topic-tree";

/** `emqx_topic`'s `?MAX_TOPIC_LEN`. */
const MAX_TOPIC_LEN = 65535;

/** `validate2/1` on the words of a filter (names add: no wildcard level). */
function validWords(topic: string, name: boolean): boolean {
  const ws = topic.split("/");
  return ws.every((w, i) => {
    if (w === "#") return !name && i === ws.length - 1;
    if (w === "+") return !name;
    return !/[+#\u0000]/.test(w) && isUtf8Bytes(w);
  });
}

/** `validate(filter, F)` of v5/v6 for `$share/…` filters (`validate_share/1,2`). */
function validShare(f: string): boolean {
  const rest = f.slice(7);
  const slash = rest.indexOf("/");
  if (slash <= 0) return false;
  const [group, filter] = [rest.slice(0, slash), rest.slice(slash + 1)];
  if (filter === "" || filter.startsWith("$share/") || /[+#]/.test(group)) return false;
  return validWords(filter, false);
}

/** Does `emqx_packet:check/1` accept the topic as sent? */
function validRaw(topic: string, action: string, dialect: Dialect): boolean {
  if (topic === "" || topic.length > MAX_TOPIC_LEN) return false;
  if (action === "publish") return validWords(topic, true);
  if (capabilities(dialect).validatesShareGroup && topic.startsWith("$share/")) return validShare(topic);
  return validWords(topic, false);
}

/** Does `emqx_topic:parse/2` raise on the filter? */
function parseFails(f: string, dialect: Dialect): boolean {
  let inner: string | null = null;
  if (f.startsWith("$queue/")) inner = f.slice(7);
  else if (f.startsWith("$share/")) {
    const rest = f.slice(7);
    const slash = rest.indexOf("/");
    if (slash < 0 || /[+#]/.test(rest.slice(0, slash))) return true;
    inner = rest.slice(slash + 1);
  } else if (f.startsWith("$exclusive/")) return f.length === 11;
  if (inner === null) return false;
  // v4 parses an `$exclusive/` after a share prefix again (and refuses it with nothing after)
  return (
    inner.startsWith("$queue/") ||
    inner.startsWith("$share/") ||
    (capabilities(dialect).sharePrefixRecurses && inner === "$exclusive/")
  );
}

/** Is the request one a broker can present to the file source? */
export function inRequestDomain(req: Request, dialect: Dialect): boolean {
  if (!validRaw(req.topic, req.action, dialect)) return false;
  if (req.action === "subscribe" && parseFails(req.topic, dialect)) return false;
  return prepareRequest(req, dialect).refused === null;
}

/**
 * A topic to send so that the broker authorises `topic` (a member of the analysis domain):
 * the topic itself, or behind a prefix that is stripped again (`$exclusive/`, v4's `$queue/`
 * for the empty filter, v5/v6 `$delayed/0/`).
 */
export function sendableTopic(topic: string, action: "publish" | "subscribe", dialect: Dialect): string {
  const first = topic.split("/", 1)[0];
  const parsed = action === "subscribe" && /^\$(share|queue|exclusive)\//.test(topic);
  const hidden = hiddenFirstWords(dialect).includes(first) && topic.includes("/");
  if (topic !== "" && !parsed && !hidden) return topic;
  if (topic === "" && !emptyTopicReachable(action, dialect)) return topic;
  if (capabilities(dialect).delayedPrefix) return `$delayed/0/${topic}`;
  return topic === "" ? "$queue/" : `$exclusive/${topic}`;
}
