/**
 * Lowering never throws: on every corpus file and on generated near-miss rule text, for
 * every dialect and `auto`, it returns a result whose load error agrees with its errors.
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decodeAclBytes, parseDocument } from "@emqx-acl/syntax";
import { lower } from "./lower";

const dialects = ["v4", "v5", "v6", "auto"] as const;

function check(text: string): void {
  const parse = parseDocument(text);
  for (const d of dialects) {
    const r = lower(parse, d);
    const errors = r.diagnostics.filter((x) => x.severity === "error");
    const syntax = parse.diagnostics.some((x) => x.severity === "error");
    expect(r.ruleSet.loadError === null).toBe(errors.length === 0 && !syntax);
    if (r.ruleSet.loadError === null) expect(r.ruleSet.rules.length).toBe(parse.forms.length);
  }
}

describe("lower is total", () => {
  it("on every corpus file", () => {
    const shared =
      process.env.EMQX_ACL_SHARED ?? resolve(dirname(fileURLToPath(import.meta.url)), "../../../../../shared");
    const root = join(shared, "corpus", "files");
    const files = readdirSync(root);
    expect(files.length).toBeGreaterThan(100);
    for (const f of files) check(decodeAclBytes(readFileSync(join(root, f))).text);
  });
  it("on generated near-miss terms", () => {
    const atom = fc.constantFrom(
      "allow",
      "deny",
      "all",
      "publish",
      "subscribe",
      "pubsub",
      "user",
      "username",
      "client",
      "clientid",
      "ipaddr",
      "ipaddrs",
      "'and'",
      "'or'",
      "eq",
      "re",
      "qos",
      "retain",
      "zone",
      "listener",
      "client_attr",
      "security_profile",
      "legacy",
      "true",
      "x",
    );
    const leaf = fc.oneof(
      atom,
      fc.constantFrom(
        '"a/b"',
        '""',
        '"10.0.0.0/8"',
        '"${username}"',
        '"%u"',
        '"eq a"',
        '<<"t">>',
        "<<1:4>>",
        "[]",
        "[97,98]",
        "3",
        "-1",
        "1.5",
        '"("',
        '"主题"',
        "#{}",
      ),
    );
    const term: fc.Arbitrary<string> = fc.letrec((tie) => ({
      t: fc.oneof(
        { depthSize: "small", withCrossShrink: true },
        leaf,
        fc.array(tie("t"), { maxLength: 4 }).map((xs) => `{${xs.join(", ")}}`),
        fc.array(tie("t"), { maxLength: 3 }).map((xs) => `[${xs.join(", ")}]`),
      ),
    })).t as fc.Arbitrary<string>;
    const rule = fc
      .tuple(fc.constantFrom("allow", "deny", "permit"), term, term, term)
      .map(([p, a, b, c]) => `{${p}, ${a}, ${b}, ${c}}.`);
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            rule,
            term.map((t) => `${t}.`),
          ),
          { minLength: 1, maxLength: 6 },
        ),
        (forms) => check(forms.join("\n") + "\n"),
      ),
      { seed: 4242, numRuns: 400 },
    );
  });
});
