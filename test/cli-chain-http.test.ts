/**
 * `check` / `explain --config … --source-url http=ORIGIN` against a small local server that
 * answers in each EMQX version's format: the request the tool sends must be the one EMQX
 * would send for the configured templates (method, path, query, headers, body), and the
 * answers must decide the chain the way EMQX reads them (packages/chain/README.md, "The
 * HTTP source"). The configured host is never called: the URL names a host that does not exist.
 */
import { spawn } from "node:child_process";
import { createServer, type IncomingMessage, type Server } from "node:http";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliBin } from "./support/cli";

interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage["headers"];
  body: string;
}
type Reply = { status: number; type?: string; body?: string } | "hang";

const dir = mkdtempSync(join(tmpdir(), "emqxacl-http-"));
const seen: Seen[] = [];
let server: Server;
let origin: string;

/** The topic the request carries, wherever the version put it (JSON body, form body, query). */
function topicOf(s: Seen): string {
  if (s.body.startsWith("{")) return (JSON.parse(s.body) as { topic: string }).topic;
  const q = new URLSearchParams(s.body || s.url.split("?")[1]);
  return q.get("topic") ?? "";
}

/** What the server answers per topic (in each version's format). */
const REPLIES: Record<string, Reply> = {
  "v5/allow": { status: 200, type: "application/json", body: '{"result":"allow"}' },
  "v5/deny": { status: 200, type: "application/json; charset=utf-8", body: '{"result":"deny"}' },
  "v5/ignore": { status: 200, type: "application/json", body: '{"result":"ignore"}' },
  "v5/204": { status: 204 },
  "v5/500": { status: 500, type: "application/json", body: '{"result":"deny"}' },
  "v5/form": { status: 200, type: "application/x-www-form-urlencoded", body: "result=deny" },
  "v4/200": { status: 200, body: "" },
  "v4/ignore": { status: 200, body: "ignore" },
  "v4/403": { status: 403, body: "" },
  hang: "hang",
};

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [cliBin, ...args], { cwd: dir, stdio: ["ignore", "pipe", "pipe"] });
    let [stdout, stderr] = ["", ""];
    p.stdout.on("data", (b) => (stdout += b));
    p.stderr.on("data", (b) => (stderr += b));
    p.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

function write(name: string, text: string): void {
  writeFileSync(join(dir, name), text);
}

function requests(name: string, lines: object[]): string {
  write(name, lines.map((l) => JSON.stringify({ clientid: "c1", action: "publish", ...l })).join("\n") + "\n");
  return name;
}

const decisions = (stdout: string) =>
  stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { decision: string; stage: unknown });

beforeAll(async () => {
  server = createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      const s = { method: req.method!, url: req.url!, headers: req.headers, body };
      seen.push(s);
      const reply = REPLIES[topicOf(s)] ?? { status: 404 };
      if (reply === "hang") return; // never answers
      res.writeHead(reply.status, reply.type ? { "content-type": reply.type } : {});
      res.end(reply.body ?? "");
    });
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  write("acl.conf", '{allow, all, publish, ["file/#"]}.\n');
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe("EMQX 5 http source (emqx_authz_http:authorize/4)", () => {
  beforeAll(() =>
    write(
      "v5.conf",
      `authorization {
  no_match = allow
  sources = [
    { type = file, path = "acl.conf" }
    {
      type = http
      method = post
      url = "http://authz.invalid:9999/authz/\${clientid}?src=emqx"
      headers { "Content-Type" = "application/json", "X-Client" = "\${clientid}" }
      body { username = "\${username}", topic = "\${topic}", action = "\${action}", qos = "\${qos}", access = "\${access}" }
      request_timeout = 10s
    }
  ]
}
`,
    ),
  );

  it("sends EMQX's request and reads 200 JSON, 204, form bodies and other statuses as EMQX does", async () => {
    seen.length = 0;
    const topics = ["v5/allow", "v5/deny", "v5/ignore", "v5/204", "v5/500", "v5/form", "file/x"];
    const file = requests(
      "v5.jsonl",
      topics.map((topic) => ({ username: "alice", topic, qos: 1 })),
    );
    const r = await run(["check", "--config", "v5.conf", "--source-url", `http=${origin}`, file]);
    expect(r.stderr).toBe("");
    expect(decisions(r.stdout).map((d) => d.decision)).toEqual([
      "allow",
      "deny",
      "allow",
      "allow",
      "allow",
      "deny",
      "allow",
    ]);
    // ignore and 500 go on to no_match (allow); the file source decides file/x before the server is asked
    expect(decisions(r.stdout)[2].stage).toBe("no_match");
    expect(decisions(r.stdout)[4].stage).toBe("no_match");
    expect(seen.map(topicOf)).toEqual(topics.slice(0, 6));
    const first = seen[0];
    expect(first.method).toBe("POST");
    expect(first.url).toBe("/authz/c1?src=emqx");
    expect(first.headers["content-type"]).toBe("application/json");
    expect(first.headers["x-client"]).toBe("c1");
    // a map: keys in order, as EMQX encodes it
    expect(first.body).toBe('{"access":"2","action":"publish","qos":"1","topic":"v5/allow","username":"alice"}');
    expect(JSON.parse(first.body)).toEqual({
      username: "alice",
      topic: "v5/allow",
      action: "publish",
      qos: "1",
      access: "2",
    });
  });

  it("GET puts the body into the query string, after the URL's own, without a content-type", async () => {
    write(
      "v5-get.conf",
      `authorization.sources = [{
  type = http, method = get, url = "http://authz.invalid/acl?src=emqx"
  body { user = "\${username}", topic = "\${topic}" }
}]
`,
    );
    seen.length = 0;
    const file = requests("v5-get.jsonl", [{ username: "bob smith", topic: "v5/deny" }]);
    const r = await run(["check", "--config", "v5-get.conf", "--source-url", `http=${origin}`, file]);
    expect(decisions(r.stdout)[0].decision).toBe("deny");
    expect(seen[0].method).toBe("GET");
    expect(seen[0].url).toBe("/acl?src=emqx&topic=v5%2Fdeny&user=bob+smith");
    expect(seen[0].headers["content-type"]).toBeUndefined();
    expect(seen[0].headers.accept).toBe("application/json");
  });

  it("explain names the server, the answer and the request", async () => {
    const explain = (...client: string[]) =>
      run(["explain", "--config", "v5.conf", "--source-url", `http=${origin}`, "--username", "alice", ...client]);
    const r = await explain("--clientid", "c1", "--publish", "v5/deny");
    expect(r.stdout).toContain(
      `decision: deny by source 2 (http, ${origin}/authz/\${clientid}): answered deny (200 {"result":"deny"}) for POST /authz/c1?src=emqx {"access":"2","action":"publish","qos":"0","topic":"v5/deny","username":"alice"}`,
    );
    const ign = await explain("--publish", "v5/ignore");
    expect(ign.stdout).toMatch(/source 2 \(http, .*\): answered ignore \(200 \{"result":"ignore"\}\) for POST /);
  });

  it("a server that never answers: the source is ignored after --timeout, with one warning", async () => {
    const file = requests("hang.jsonl", [
      { username: "a", topic: "hang" },
      { username: "b", topic: "hang" },
    ]);
    const r = await run(["check", "--config", "v5.conf", "--source-url", `http=${origin}`, "--timeout", "1", file]);
    expect(decisions(r.stdout).map((d) => d.decision)).toEqual(["allow", "allow"]);
    expect(r.stderr.trim().split("\n")).toEqual([
      `warning: source 2 (http, ${origin}/authz/\${clientid}): no answer within 1 s; EMQX's source answers nothing (ignore) then`,
    ]);
  });

  it("master, hardened security profile: a server that never answers denies (backend failure policy)", async () => {
    const file = requests("hang6.jsonl", [{ username: "a", topic: "hang" }]);
    const args = ["check", "--emqx", "6", "--config", "v5.conf", "--source-url", `http=${origin}`, "--timeout", "1"];
    const hardened = await run([...args, "--security-profile", "hardened", file]);
    expect(decisions(hardened.stdout)).toEqual([{ decision: "deny", stage: { source: 2, type: "http", rule: 1 } }]);
    expect(hardened.stderr).toContain("EMQX's source answers deny then");
    const legacy = await run([...args, file]);
    expect(decisions(legacy.stdout)[0].stage).toBe("no_match");
  });

  it("only an origin is accepted, credentials masked; without --source-url the source stays not modelled", async () => {
    const bad = await run(["check", "--config", "v5.conf", "--source-url", "http=http://u:secret@h:1/x", "v5.jsonl"]);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/give only scheme:\/\/host:port/);
    // the message masks it, and nothing repeats the raw argument
    expect(bad.stderr).toContain("got 'http://…@h:1/x'");
    expect(bad.stderr).not.toContain("secret");
    expect(bad.stderr.trim().split("\n")).toHaveLength(1);
    const off = await run(["check", "--config", "v5.conf", "v5.jsonl"]);
    expect(off.stderr).toContain("not modelled (answer nothing): source 2 (http)");
  });
});

describe("EMQX 4 http plugin (emqx_acl_http:check_acl/5)", () => {
  it("200 allows, 200 'ignore' goes on, another status denies; params form-encoded", async () => {
    write(
      "v4.conf",
      `acl_nomatch = deny
acl_file = acl.conf
auth.http.acl_req.url = http://authz.invalid:8991/mqtt/acl
auth.http.acl_req.method = post
auth.http.acl_req.headers.content-type = application/x-www-form-urlencoded
auth.http.acl_req.params = access=%A,username=%u,clientid=%c,ipaddr=%a,topic=%t
`,
    );
    seen.length = 0;
    const topics = ["v4/200", "v4/ignore", "v4/403"];
    const file = requests(
      "v4.jsonl",
      topics.map((topic) => ({ username: "alice", peerhost: "10.0.0.1", topic })),
    );
    const r = await run(["check", "--emqx", "4", "--config", "v4.conf", "--source-url", `http=${origin}`, file]);
    expect(decisions(r.stdout).map((d) => d.decision)).toEqual(["allow", "deny", "deny"]);
    expect(decisions(r.stdout)[1].stage).toBe("no_match");
    expect(seen[0].method).toBe("POST");
    expect(seen[0].url).toBe("/mqtt/acl");
    expect(seen[0].headers["content-type"]).toBe("application/x-www-form-urlencoded");
    expect(seen[0].body).toBe("access=2&username=alice&clientid=c1&ipaddr=10.0.0.1&topic=v4%2F200");
  });
});
