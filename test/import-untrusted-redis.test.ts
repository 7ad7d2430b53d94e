/**
 * `import --from redis` must not trust what a server returns (issue 18): every value read back is
 * checked the way EMQX would read it, against the REAL local servers (a fresh database /
 * key prefix per run, dropped afterwards). A value EMQX would treat differently from the
 * acl.conf we would print is refused, naming the row or key it came from.
 */
import { decideLinear } from "../packages/core/src/index";
import { importRedisHashes, readRedisHashes, redisConnect, redisEmitter } from "../packages/emitters/src/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ensureRedis, runName, tool } from "./support/db-services";
import { loadRuleSet } from "../packages/analysis/src/index";

const ruleLines = (text: string) => text.split("\n").filter((l) => l.startsWith("{"));

describe("import --from redis checks where and what it reads", () => {
  const run = runName("emqxacl_untrusted");

  beforeAll(ensureRedis);
  afterAll(async () => {
    const conn = await redisConnect("redis://127.0.0.1:6379/0");
    await conn.deletePrefix(run);
    conn.close();
  });

  it("refuses a database the server does not have instead of reading database 0", async () => {
    await expect(readRedisHashes("redis://127.0.0.1:6379/99", `${run}:`)).rejects.toThrow(
      /database 99: .*out of range/i,
    );
    await expect(readRedisHashes("redis://127.0.0.1:6379/zero", `${run}:`)).rejects.toThrow(
      /database "zero" is not a number/,
    );
  });

  it("refuses a JSON value with a float QoS (EMQX decodes 1.0, which is not a QoS)", () => {
    const hashes = [
      {
        key: `${run}:all`,
        pairs: [
          ["a", '{"action":"publish","qos":1.0}'],
          ["b", '{"action":"publish","qos":1}'],
        ] as [string, string][],
      },
    ];
    const r = importRedisHashes(hashes, `${run}:`, "v5", "test");
    expect(r.errors).toEqual([`key "${run}:all" field "a": invalid_qos: "1.0" (EMQX skips it)`]);
    expect(ruleLines(r.text)).toEqual(['{allow, all, {publish, [{qos, [1]}, {retain, all}]}, ["b"]}.']);
  });

  it("a non-ASCII --key-prefix names the same keys in seed.resp and in the cmd of authz-source.conf", async () => {
    const prefix = `${run}:grüße:`;
    const rules = loadRuleSet(`{allow, {username, "u1"}, publish, ["a/#"]}.\n`, { dialect: "v5" }).lowered.ruleSet
      .rules;
    const result = redisEmitter.emit(rules, { dialect: "v5", keyPrefix: prefix });
    const seed = Buffer.from(result.files.find((f) => f.name === "seed.resp")!.content, "latin1");
    const conf = Buffer.from(result.files.find((f) => f.name === "authz-source.conf")!.content, "utf8");
    // EMQX renders cmd (UTF-8 text) into key bytes; the seed must store those very bytes
    const cmdKey = /cmd = "HGETALL ([^"]*)\$\{username\}"/.exec(conf.toString("utf8"))![1];
    const keyBytes = Buffer.concat([Buffer.from(cmdKey, "utf8"), Buffer.from("u1")]);
    expect(seed.includes(keyBytes)).toBe(true);
    tool("redis-cli", ["-h", "127.0.0.1", "-p", "6379", "--pipe"], seed);
    const conn = await redisConnect("redis://127.0.0.1:6379/0");
    expect((await conn.hgetall(keyBytes.toString("latin1"))).length).toBe(1);
    conn.close();
    const back = importRedisHashes(
      await readRedisHashes("redis://127.0.0.1:6379/0", prefix),
      prefix,
      "v5",
      "test",
      "deny",
    );
    expect(back.errors).toEqual([]);
    const req = {
      username: "u1",
      clientid: "c",
      peerhost: null,
      action: "publish",
      topic: "a/b",
      qos: 0,
      retain: false,
    } as never;
    expect(decideLinear(loadRuleSet(back.text, { dialect: "v5" }).lowered.ruleSet, req).decision).toBe("allow");
  });

  it("refuses a --key-prefix EMQX would read as part of its command template", () => {
    const v5 = loadRuleSet(`{allow, {username, "u1"}, publish, ["a/#"]}.\n`, { dialect: "v5" }).lowered.ruleSet.rules;
    expect(() => redisEmitter.emit(v5, { dialect: "v5", keyPrefix: "acl:${clientid}:" })).toThrow(
      /--key-prefix "acl:\$\{clientid\}:": .*placeholder/,
    );
    const v4 = loadRuleSet(`{allow, {user, "u1"}, publish, ["a/#"]}.\n`, { dialect: "v4" }).lowered.ruleSet.rules;
    expect(() => redisEmitter.emit(v4, { dialect: "v4", keyPrefix: "acl %u:" })).toThrow(/--key-prefix "acl %u:": /);
  });

  it("names a key under the prefix that is not a hash instead of failing the whole import", async () => {
    const prefix = `${run}:mixed:`;
    tool("redis-cli", ["-h", "127.0.0.1", "-p", "6379", "SET", `${prefix}u:alice`, "publish"]);
    tool("redis-cli", ["-h", "127.0.0.1", "-p", "6379", "HSET", `${prefix}u:bob`, "b/#", "publish"]);
    const hashes = await readRedisHashes("redis://127.0.0.1:6379/0", prefix);
    const r = importRedisHashes(hashes, prefix, "v5", "test");
    expect(r.errors).toEqual([
      `key "${prefix}u:alice": not a hash (string); EMQX's HGETALL fails for this client and the source is skipped`,
    ]);
    expect(ruleLines(r.text)).toEqual(['{allow, {username, "bob"}, publish, ["b/#"]}.']);
  });
});
