/**
 * The request domain of the analysis: what a broker actually hands to authorization.
 * A publish topic is a non-empty name without wildcard characters or NUL (and not a
 * `$share/…` name); a subscribe filter is valid (`+`/`#` whole levels, `#` last) after the
 * `$share/<g>/`, `$queue/`, `$exclusive/` prefixes are stripped; v5/v6 strip `$delayed/<n>/`.
 */
import { prepareRequest, type Dialect, type Request } from "@emqx-acl/core";

/** Is the request one a broker can present to the file source? */
export function inRequestDomain(req: Request, dialect: Dialect): boolean {
  if (req.action === "publish" && req.topic.startsWith("$share/")) return false;
  const p = prepareRequest(req, dialect);
  if (p.refused !== null || p.topic === "") return false;
  if (/\u0000/.test(p.topic)) return false;
  const ws = p.topic.split("/");
  if (req.action === "publish") return !/[+#]/.test(p.topic);
  return ws.every((w, i) => (w === "+" || (w === "#" && i === ws.length - 1) ? true : !/[+#]/.test(w)));
}
