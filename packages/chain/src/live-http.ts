/**
 * Sends a built HTTP source request with Node's http/https and reads the answer. Used only
 * with `--source-url http=…`: the request goes to that origin, never the configured host.
 */
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { HttpRequest } from "./http-source";

export type HttpReply = { status: number; contentType?: string; body: string } | { error: string };

/** The reply, or `{ error }` for no connection, a timeout or a reset (never throws). */
export function sendHttp(origin: URL, req: HttpRequest, timeoutMs: number): Promise<HttpReply> {
  const send = origin.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise((resolve) => {
    const headers: Record<string, string> = {};
    for (const [k, v] of req.headers) headers[k] = v;
    if (req.body) headers["content-length"] = String(req.body.length);
    const r = send(
      {
        protocol: origin.protocol,
        hostname: origin.hostname,
        port: origin.port,
        method: req.method,
        path: req.target,
        headers,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const type = res.headers["content-type"];
          // EMQX compares the whole header value (lower-case name): keep it as sent
          resolve({
            status: res.statusCode ?? 0,
            ...(type ? { contentType: type } : {}),
            body: Buffer.concat(chunks).toString("latin1"),
          });
        });
        res.on("error", (e) => resolve({ error: e.message }));
      },
    );
    r.setTimeout(timeoutMs, () => r.destroy(new Error(`no answer within ${timeoutMs / 1000} s`)));
    r.on("error", (e) => resolve({ error: e.message }));
    r.end(req.body ?? undefined);
  });
}
