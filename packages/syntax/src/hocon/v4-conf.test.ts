import { describe, expect, it } from "vitest";
import { loadV4Conf } from "./v4-conf";

const V4 = `## EMQX 4 etc/emqx.conf excerpt
cluster.name = emqxcl
node.name = emqx@127.0.0.1
node.cookie = emqxsecretcookie   # trailing comment
rpc.driver = tcp
acl_nomatch = allow
listener.ssl.external.keyfile = etc/certs/key.pem
acl_nomatch = deny
`;

describe("loadV4Conf", () => {
  it("reads key = value lines with spans; the last setting wins", () => {
    const c = loadV4Conf(V4, "/emqx/etc/emqx.conf");
    expect(c.diagnostics).toEqual([]);
    const cookie = c.settings.get("node.cookie")!;
    expect(cookie.value).toBe("emqxsecretcookie");
    expect(V4.slice(cookie.valueLoc.start, cookie.valueLoc.end)).toBe("emqxsecretcookie");
    expect(V4.slice(cookie.keyLoc.start, cookie.keyLoc.end)).toBe("node.cookie");
    expect(c.settings.get("node.name")?.value).toBe("emqx@127.0.0.1");
    expect(c.settings.get("acl_nomatch")?.value).toBe("deny");
    expect(c.all.filter((s) => s.key === "acl_nomatch")).toHaveLength(2);
  });

  it("reports malformed lines with their position", () => {
    const c = loadV4Conf("a = 1\nthis is not a setting\nb c = 2\nd =\n", "/x.conf");
    expect(
      c.diagnostics.map((d) => [d.diagnostic.id, d.diagnostic.range.start.line, d.diagnostic.range.start.character]),
    ).toEqual([
      ["conf-syntax", 1, 0],
      ["conf-syntax", 2, 0],
      ["conf-syntax", 3, 0],
    ]);
  });

  it("follows include lines, globs included", () => {
    const files: Record<string, string> = {
      "/e/plugins/a.conf": "dashboard.default_user.password = public\n",
      "/e/plugins/b.conf": "management.default_application.secret = public\n",
    };
    const c = loadV4Conf("include plugins/*.conf\ninclude nope.conf\n", "/e/emqx.conf", {
      readFile: (p) => files[p] ?? null,
      listDir: (d) => (d === "/e/plugins" ? ["b.conf", "a.conf", "x.txt"] : []),
    });
    expect(c.settings.get("dashboard.default_user.password")?.valueLoc.file).toBe("/e/plugins/a.conf");
    expect(c.settings.has("management.default_application.secret")).toBe(true);
    expect(c.diagnostics.map((d) => d.diagnostic.id)).toEqual(["conf-include-missing"]);
  });
});
