import { describe, expect, it } from "vitest";
import { req } from "./chain.test-support";
import { durationMs } from "./http-config";
import { buildHttpRequest, checkHttpTemplates, mapHttpResponse, type HttpSpec } from "./http-source";

const base: Omit<HttpSpec, "version" | "method"> = {
  url: "http://h/authz",
  path: "/authz",
  query: [],
  headers: [["content-type", "application/json"]],
  body: [],
  timeoutMs: 30_000,
};

describe("buildHttpRequest (EMQX 5/6: emqx_auth_utils:generate_request/2)", () => {
  const alice = req({ username: "alice", clientid: "c 1", peerhost: "10.0.0.1", topic: "a/b", qos: 1, retain: true });

  it("POST JSON: the body map's placeholders filled, the URL's query kept", () => {
    const spec: HttpSpec = {
      ...base,
      version: "v5",
      method: "post",
      query: [["cid", "${clientid}"]],
      body: [
        ["u", "${username}"],
        ["t", "${topic}"],
        ["a", "${action}"],
        ["q", "${qos}"],
        ["r", "${retain}"],
        ["ip", "${peerhost}"],
        ["acc", "${access}"],
        ["x", "${nope}"],
      ],
    };
    const r = buildHttpRequest(spec, alice);
    expect(r.method).toBe("POST");
    expect(r.target).toBe("/authz?cid=c+1");
    expect(JSON.parse(r.body!.toString())).toEqual({
      u: "alice",
      t: "a/b",
      a: "publish",
      q: "1",
      r: "true",
      ip: "10.0.0.1",
      acc: "2",
      x: "${nope}",
    });
  });

  it("POST form: the body form-encoded; a missing username is empty", () => {
    const spec: HttpSpec = {
      ...base,
      version: "v5",
      method: "post",
      headers: [["content-type", "application/x-www-form-urlencoded"]],
      body: [
        ["u", "${username}"],
        ["t", "${topic}"],
      ],
    };
    const r = buildHttpRequest(spec, req({ topic: "a b/#" }));
    expect(r.body!.toString()).toBe("t=a+b%2F%23&u=");
  });

  it("GET: the body goes into the query after the URL's own; placeholders in the path are URL-encoded", () => {
    const spec: HttpSpec = {
      ...base,
      version: "v5",
      method: "get",
      path: "/authz/${clientid}",
      query: [["k", "v"]],
      headers: [],
      body: [["t", "${topic}"]],
    };
    expect(buildHttpRequest(spec, alice)).toEqual({
      method: "GET",
      target: "/authz/c+1?k=v&t=a%2Fb",
      headers: [],
      body: null,
    });
  });

  it("zone and listener are filled on master only", () => {
    const spec = (version: HttpSpec["version"]): HttpSpec => ({
      ...base,
      version,
      method: "post",
      body: [["z", "${zone}"]],
    });
    expect(buildHttpRequest(spec("v6"), alice).body!.toString()).toBe('{"z":"default"}');
    expect(buildHttpRequest(spec("v5"), alice).body!.toString()).toBe('{"z":"${zone}"}');
  });

  it("refuses placeholders a request line cannot fill, unknown content types, and CR/LF in a header", () => {
    const crlf: HttpSpec = { ...base, version: "v6", method: "post", headers: [["x-cn", "${cert_common_name}"]] };
    expect(() => buildHttpRequest(crlf, req({ topic: "t", cert_common_name: "a\r\nX: y" }))).toThrow(/CR, LF or NUL/);
    expect(() =>
      checkHttpTemplates({ ...base, version: "v5", method: "post", body: [["p", "${mountpoint}"]] }),
    ).toThrow(/mountpoint/);
    const xml: HttpSpec = { ...base, version: "v5", method: "post", headers: [["content-type", "text/xml"]] };
    expect(() => buildHttpRequest(xml, alice)).toThrow(/content-type text\/xml/);
  });
});

describe("buildHttpRequest (EMQX 4: emqx_auth_http_cli request/7, feedvar/2)", () => {
  const params: [string, string][] = [
    ["access", "%A"],
    ["username", "%u"],
    ["clientid", "%c"],
    ["ipaddr", "%a"],
    ["topic", "%t"],
    ["k", "lit"],
  ];
  it("GET appends the params to the path; a missing username is null", () => {
    const spec: HttpSpec = { ...base, version: "v4", method: "get", headers: [], body: params };
    const r = buildHttpRequest(spec, req({ clientid: "c", topic: "t/1", action: "subscribe", peerhost: "10.0.0.1" }));
    expect(r.target).toBe("/authz?access=1&username=null&clientid=c&ipaddr=10.0.0.1&topic=t%2F1&k=lit");
  });
  it("POST needs a JSON or form content-type", () => {
    const spec: HttpSpec = { ...base, version: "v4", method: "post", body: params.slice(0, 2) };
    expect(buildHttpRequest(spec, req({ username: "u", topic: "t" })).body!.toString()).toBe(
      '{"access":"2","username":"u"}',
    );
    expect(() => buildHttpRequest({ ...spec, headers: [] }, req({ topic: "t" }))).toThrow(/content-type \(none\)/);
  });
});

describe("mapHttpResponse", () => {
  const json = (body: string) => ({ status: 200, contentType: "application/json", body });
  it("EMQX 5: 204 allows, 200 reads result, other statuses and errors let the chain go on", () => {
    expect(mapHttpResponse("v5", { status: 204, body: "" })).toEqual({ answer: "allow" });
    expect(mapHttpResponse("v5", json('{"result":"deny"}'))).toEqual({ answer: "deny" });
    expect(mapHttpResponse("v5", json('{"result":"ignore"}'))).toEqual({ answer: "ignore" });
    expect(mapHttpResponse("v5", { status: 200, body: '{"result":"allow"}' })).toEqual({ answer: "allow" });
    expect(
      mapHttpResponse("v5", { status: 200, contentType: "application/x-www-form-urlencoded", body: "result=deny" }),
    ).toEqual({ answer: "deny" });
    expect(mapHttpResponse("v5", { status: 500, body: '{"result":"deny"}' })).toEqual({ answer: "ignore" });
    expect(mapHttpResponse("v5", json("nope")).answer).toBe("ignore");
    expect(mapHttpResponse("v5", { status: 200, contentType: "text/plain", body: "allow" }).failure).toMatch(
      /unsupported/,
    );
    expect(mapHttpResponse("v5", { error: "timeout" })).toEqual({ answer: "ignore", failure: "timeout" });
  });
  it("master hardened: a backend failure denies", () => {
    expect(mapHttpResponse("v6", { error: "timeout" }, "hardened").answer).toBe("deny");
    expect(mapHttpResponse("v6", { error: "timeout" }, "legacy").answer).toBe("ignore");
    expect(mapHttpResponse("v6", { status: 403, body: "" }, "hardened").answer).toBe("ignore");
  });
  it("EMQX 4: 200 allows unless the body is ignore; other statuses deny; errors go on", () => {
    expect(mapHttpResponse("v4", { status: 200, body: "" }).answer).toBe("allow");
    expect(mapHttpResponse("v4", { status: 200, body: "ignore" }).answer).toBe("ignore");
    expect(mapHttpResponse("v4", { status: 403, body: "" }).answer).toBe("deny");
    expect(mapHttpResponse("v4", { error: "econnrefused" }).answer).toBe("ignore");
  });
});

describe("durationMs", () => {
  it("reads HOCON and cuttlefish durations", () => {
    expect([durationMs("30s"), durationMs("500ms"), durationMs("1m"), durationMs("5000"), durationMs("x")]).toEqual([
      30_000,
      500,
      60_000,
      5000,
      null,
    ]);
  });
});
