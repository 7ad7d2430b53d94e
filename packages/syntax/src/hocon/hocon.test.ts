import { describe, expect, it } from "vitest";
import { configField, configGet, type ConfigValue } from "./config";
import { loadHocon } from "./load";
import { parseHocon } from "./parse";

function scalar(v: ConfigValue | undefined): string | undefined {
  return v?.kind === "scalar" ? v.value : undefined;
}

/** The shape of EMQX 5's shipped etc/emqx.conf plus typical additions. */
const EMQX5 = `## NOTE:
## This config file overrides data/configs/cluster.hocon,
node {
  name = "emqx@127.0.0.1"
  cookie = "emqxsecretcookie"
  data_dir = "data"
}

cluster {
  name = emqxcl
  discovery_strategy = manual
}

dashboard {
    listeners.http {
        bind = 18083
    }
}
rpc.protocol = ssl   // inline comment
rpc {
  certfile = "\${EMQX_ETC_DIR}/certs/cert.pem"
  connect_timeout = 5s
  socket_sndbuf = 1MB
}
authorization {
  no_match = allow
  deny_action = ignore
  cache { enable = true, max_size = 32, ttl = 1m }
  sources = [
    {
      type = file
      enable = true
      path = "\${EMQX_ETC_DIR}/acl.conf"
    },
    {type = built_in_database, enable = false}
  ]
}
listeners.ssl.default {
  bind = "0.0.0.0:8883"
  ssl_options {
    keyfile = "etc/certs/key.pem"
  }
}
`;

describe("parseHocon", () => {
  it("parses EMQX's emqx.conf shapes without diagnostics", () => {
    const r = parseHocon(EMQX5);
    expect(r.diagnostics).toEqual([]);
    expect(r.ast?.items.length).toBe(7);
  });

  it("reports a missing bracket with line and column, never throws", () => {
    const r = parseHocon("a {\n  b = [1, 2\n}\n");
    expect(r.ast).toBeNull();
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({
      id: "hocon-syntax",
      severity: "error",
      range: { start: { line: 2, character: 0 } },
    });
    expect(r.diagnostics[0].message).toMatch(/expected \]/);
  });

  it("rejects unquoted characters HOCON forbids, like the @ of a v4 node name", () => {
    const r = parseHocon("node.name = emqx@127.0.0.1\n");
    expect(r.diagnostics[0]).toMatchObject({ id: "hocon-syntax", range: { start: { line: 0, character: 16 } } });
  });

  it("reports an unterminated string and an unclosed object at end of file", () => {
    expect(parseHocon('a = "x\n').diagnostics[0].message).toMatch(/unterminated/);
    const eof = parseHocon("a {\n b = 1\n");
    expect(eof.diagnostics[0].message).toMatch(/end of file: expected }/);
    expect(eof.diagnostics[0].range.start.line).toBe(2);
  });

  it("splits dotted keys and keeps quoted segments whole", () => {
    const r = parseHocon('a.b."c.d".e = 1\n');
    const f = r.ast!.items[0];
    expect(f.kind === "field" && f.path.map((s) => s.name)).toEqual(["a", "b", "c.d", "e"]);
  });

  it("parses a braced root object and triple-quoted strings", () => {
    const r = parseHocon('{\n  rules = """{allow, all}.\n"quoted" ok"""\n}\n');
    expect(r.diagnostics).toEqual([]);
    const f = r.ast!.items[0];
    expect(f.kind === "field" && f.value.kind === "string" && f.value.value).toBe('{allow, all}.\n"quoted" ok');
  });
});

describe("loadHocon", () => {
  const env = { EMQX_ETC_DIR: "/opt/emqx/etc" };

  it("merges objects and dotted keys, keeping each value's span", () => {
    const c = loadHocon(EMQX5, "/opt/emqx/etc/emqx.conf", { env });
    expect(c.diagnostics).toEqual([]);
    expect(scalar(configGet(c.root, "node.cookie"))).toBe("emqxsecretcookie");
    expect(scalar(configGet(c.root, "rpc.protocol"))).toBe("ssl");
    expect(scalar(configGet(c.root, "rpc.connect_timeout"))).toBe("5s");
    expect(scalar(configGet(c.root, "dashboard.listeners.http.bind"))).toBe("18083");
    expect(scalar(configGet(c.root, "authorization.cache.ttl"))).toBe("1m");
    const cookie = configGet(c.root, "node.cookie")!;
    expect(EMQX5.slice(cookie.loc.start, cookie.loc.end)).toBe('"emqxsecretcookie"');
    const key = configField(c.root, "rpc.protocol")!;
    expect(EMQX5.slice(key.keyLoc.start, key.keyLoc.end)).toBe("protocol");
  });

  it("keeps arrays of objects and leaves ${VAR} inside quotes alone", () => {
    const c = loadHocon(EMQX5, "/opt/emqx/etc/emqx.conf", { env });
    const sources = configGet(c.root, "authorization.sources");
    expect(sources?.kind).toBe("array");
    const first = sources?.kind === "array" ? sources.items[0] : undefined;
    expect(first?.kind === "object" && scalar(first.fields.get("path")?.value)).toBe("${EMQX_ETC_DIR}/acl.conf");
  });

  it("resolves substitutions from the tree, then the environment; optional ones vanish", () => {
    const text = "a = 1\nb = ${a}\nc = ${HOME_DIR}/x\nd = ${?NOPE}\ne = ${missing}\n";
    const c = loadHocon(text, "/t.conf", { env: { HOME_DIR: "/home" } });
    expect(scalar(configGet(c.root, "b"))).toBe("1");
    expect(scalar(configGet(c.root, "c"))).toBe("/home/x");
    expect(configGet(c.root, "d")).toBeUndefined();
    expect(c.diagnostics.map((d) => [d.diagnostic.id, d.diagnostic.range.start.line])).toEqual([
      ["hocon-unresolved", 4],
    ]);
  });

  it("applies += and self-references, later values override, objects merge", () => {
    const text = "l = [1]\nl += 2\nl = ${l} [3]\no { x = 1, y = 2 }\no { y = 3 }\no.z = 4\ns = a\ns = b\n";
    const c = loadHocon(text, "/t.conf");
    const l = configGet(c.root, "l");
    expect(l?.kind === "array" && l.items.map(scalar)).toEqual(["1", "2", "3"]);
    expect(["x", "y", "z"].map((k) => scalar(configGet(c.root, `o.${k}`)))).toEqual(["1", "3", "4"]);
    expect(scalar(configGet(c.root, "s"))).toBe("b");
  });

  it("joins unquoted concatenations with their whitespace", () => {
    const c = loadHocon("msg = hello   big world\n", "/t.conf");
    expect(scalar(configGet(c.root, "msg"))).toBe("hello   big world");
  });

  it("reads includes relative to the including file, with spans in the included file", () => {
    const files: Record<string, string> = { "/etc/emqx/extra.conf": "rpc {\n  driver = tcp\n}\n" };
    const c = loadHocon('include "extra.conf"\ninclude required("gone.conf")\n', "/etc/emqx/emqx.conf", {
      readFile: (p) => files[p] ?? null,
    });
    const driver = configGet(c.root, "rpc.driver")!;
    expect(driver.loc).toEqual({ file: "/etc/emqx/extra.conf", start: 17, end: 20 });
    expect(c.sources.map((s) => s.file)).toEqual(["/etc/emqx/emqx.conf", "/etc/emqx/extra.conf"]);
    expect(c.diagnostics.map((d) => [d.file, d.diagnostic.id, d.diagnostic.range.start.line])).toEqual([
      ["/etc/emqx/emqx.conf", "hocon-include-missing", 1],
    ]);
  });

  it("stops include cycles with a diagnostic", () => {
    const c = loadHocon('include "emqx.conf"\n', "/e/emqx.conf", { readFile: () => 'include "emqx.conf"\n' });
    expect(c.diagnostics.map((d) => d.diagnostic.id)).toContain("hocon-include-cycle");
  });

  it("includes inside an object land under that object", () => {
    const files: Record<string, string> = { "/e/tls.conf": 'certfile = "a.pem"\nkeyfile = "a.key"\n' };
    const c = loadHocon('rpc {\n  include "tls.conf"\n  keyfile = "b.key"\n}\n', "/e/emqx.conf", {
      readFile: (p) => files[p] ?? null,
    });
    expect(scalar(configGet(c.root, "rpc.certfile"))).toBe("a.pem");
    expect(scalar(configGet(c.root, "rpc.keyfile"))).toBe("b.key");
    expect(configGet(c.root, "certfile")).toBeUndefined();
  });

  it("merges objects joined by substitution and reports cycles", () => {
    const c = loadHocon("base { a = 1, b = 2 }\nx = ${base} { b = 3 }\np = ${q}\nq = ${p}\n", "/t.conf");
    expect(["a", "b"].map((k) => scalar(configGet(c.root, `x.${k}`)))).toEqual(["1", "3"]);
    expect(c.diagnostics.map((d) => d.diagnostic.id)).toContain("hocon-substitution-cycle");
  });

  it("reports mixing text and objects in one value", () => {
    const c = loadHocon("o { a = 1 }\nx = abc ${o}\n", "/t.conf");
    expect(c.diagnostics.map((d) => [d.diagnostic.id, d.diagnostic.range.start.line])).toEqual([["hocon-syntax", 1]]);
  });
});
