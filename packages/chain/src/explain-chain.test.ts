import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { explainChain } from "./explain-chain";
import { loadChain } from "./load-chain";
import { fileTree, mysqlSeed, req } from "./chain.test-support";

function chainOf(files: Record<string, string>, seeds: { type: "mysql"; path: string }[] = []) {
  const dir = fileTree(files);
  const sourceRules = seeds.map((s) => ({ ...s, path: join(dir, s.path) }));
  return loadChain(join(dir, "emqx.conf"), readFileSync(join(dir, "emqx.conf"), "utf8"), {
    emqx: "auto",
    env: {},
    sourceRules,
  });
}

const summary = (e: ReturnType<typeof explainChain>) =>
  e.steps.map((s) =>
    "rule" in s
      ? `${s.source.number} ${s.answer} ${s.rule}${s.decides ? "" : " (set)"}`
      : `${s.source.number} ${s.answer}`,
  );

describe("explainChain", () => {
  const v5 = chainOf(
    {
      "emqx.conf": `authorization.sources = [{type = file, path = "acl.conf"}, {type = redis, enable = false}, {type = http}, {type = mysql}]\n`,
      "acl.conf": `{deny, {username, "x"}, all, ["#"]}.\n`,
      "seed.sql": mysqlSeed([
        ["u", null, "deny", "publish", "t/secret"],
        ["u", null, "allow", "publish", "t/#"],
      ]),
    },
    [{ type: "mysql", path: "seed.sql" }],
  );

  it("lists what each source answered up to the deciding one, and the deciding rule", () => {
    const e = explainChain(v5, req({ username: "u", topic: "t/1" }));
    expect(summary(e)).toEqual(["1 nomatch", "2 disabled", "3 not modelled", "4 allow 2"]);
    expect(e.rule?.rule.index).toBe(2);
    expect(e.rule?.model.origin?.(2)).toBe("row 2");
  });

  it("stops listing at the deciding source; none for a superuser", () => {
    expect(summary(explainChain(v5, req({ username: "x", topic: "t/1" })))).toEqual(["1 deny 1"]);
    const su = explainChain(v5, req({ username: "x", topic: "t/1", is_superuser: true }));
    expect([su.decision.stage, su.steps.length, su.rule]).toEqual(["superuser", 0, null]);
  });

  it("EMQX 4: the acl.conf module's match that a later plugin overrides is marked as only setting the result", () => {
    const v4 = chainOf(
      {
        "emqx.conf": "acl_nomatch = deny\nacl_file = acl.conf\nacl_order = file\n",
        "acl.conf": `{allow, all}.\n`,
        "seed.sql":
          "CREATE TABLE mqtt_acl (id int, allow int, ipaddr varchar(60), username varchar(100), clientid varchar(100), access int, topic varchar(100));\nINSERT INTO mqtt_acl (id, allow, ipaddr, username, clientid, access, topic) VALUES (1, 0, NULL, '$all', NULL, 3, 't/#');\n",
      },
      [{ type: "mysql", path: "seed.sql" }],
    );
    const e = explainChain(v4, req({ username: "u", topic: "t/1" }));
    expect(summary(e)).toEqual(["1 allow 1 (set)", "2 deny 1"]);
    expect(e.decision).toEqual({ decision: "deny", stage: { source: 2, type: "mysql", rule: 1 } });
    const dollar = explainChain(v4, req({ username: "$u", topic: "t/1" }));
    expect(summary(dollar)).toEqual(["1 allow 1", "2 skipped"]);
    expect(dollar.steps[1]).toMatchObject({
      answer: "skipped",
      why: expect.stringMatching(/username starting with '\$'/),
    });
  });
});
