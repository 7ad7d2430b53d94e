/**
 * Redis: every conformance case is compiled for its own EMQX version, loaded with
 * `redis-cli --pipe`, and each request is answered as EMQX's Redis source would (render
 * the key, HGETALL, each field an allow rule, first match; EMQX 4: stop-deny when the hash
 * exists, '$' usernames skipped, acl_nomatch = deny). Effective decisions (nomatch → the
 * emitted no_match default) must equal the engine's on the original file; `import` from
 * the live server must decide the same again.
 */
import { decideLinear, type Decision, type Request } from "../packages/core/src/index";
import {
  importRedisHashes,
  readRedisHashes,
  redisConnect,
  redisEmitter,
  redisHashesToAcl,
  redisKey,
  redisV4HashesToAcl,
  type EmitResult,
} from "../packages/emitters/src/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCases, show, type Case } from "./support/db-cases";
import { ensureRedis, runName, tool } from "./support/db-services";
import { loadRuleSet } from "../packages/analysis/src/index";

const URL = "redis://127.0.0.1:6379/0";
const cases = loadCases();
const run = runName("emqxacl");

interface Compiled {
  c: Case;
  prefix: string;
  result: EmitResult;
  layout: "all" | "username" | "clientid";
}

/** The effective answer: nomatch becomes the configured default. */
function effective(d: Decision, noMatch: "allow" | "deny" | null): string {
  return d.decision === "nomatch" && noMatch ? noMatch : d.decision;
}

describe("redis: compiled conformance cases decide as the file", () => {
  const compiled: Compiled[] = [];
  let conn: Awaited<ReturnType<typeof redisConnect>>;

  beforeAll(async () => {
    await ensureRedis();
    const seeds: string[] = [];
    for (const c of cases) {
      const prefix = `${run}:${c.id}:`;
      const result = redisEmitter.emit(c.ruleSet.rules, { dialect: c.dialect, keyPrefix: prefix });
      const cmd = result.files.find((f) => f.name === "authz-source.conf")!.content;
      const layout = /\$\{username\}/.test(cmd) ? "username" : /\$\{clientid\}/.test(cmd) ? "clientid" : "all";
      compiled.push({ c, prefix, result, layout });
      seeds.push(result.files.find((f) => f.name === "seed.resp")!.content);
    }
    const out = tool("redis-cli", ["-h", "127.0.0.1", "-p", "6379", "--pipe"], Buffer.from(seeds.join(""), "latin1"));
    expect(out).toMatch(/errors: 0/);
    conn = await redisConnect(URL);
  });

  afterAll(async () => {
    const n = await conn.deletePrefix(`${run}:`);
    expect(n).toBeGreaterThan(0);
    conn.close();
  });

  async function answer(x: Compiled, req: Request): Promise<string> {
    const { c, prefix, layout, result } = x;
    if (c.dialect === "v4") {
      if (req.username !== null && req.username.startsWith("$")) return "skipped";
      const key = `${prefix}${req.username ?? "%u"}`;
      const pairs = await conn.hgetall(key);
      if (pairs.length === 0) return result.noMatch!; // ignore → acl_nomatch
      const acl = redisV4HashesToAcl([{ key, pairs }], prefix, []);
      const d = decideLinear(loadRuleSet(acl.text, { dialect: "v4" }).lowered.ruleSet, req);
      return d.decision === "allow" ? "allow" : "deny";
    }
    const key = redisKey(prefix, layout, layout === "username" ? (req.username ?? "") : req.clientid);
    const pairs = await conn.hgetall(key);
    const acl = redisHashesToAcl([{ key: redisKey(prefix, "all", ""), pairs }], prefix, c.dialect, []);
    expect(acl.errors).toEqual([]);
    return effective(decideLinear(loadRuleSet(acl.text, { dialect: c.dialect }).lowered.ruleSet, req), result.noMatch);
  }

  it("answers every request of every fully accepted case like the file", async () => {
    let compared = 0;
    let accepted = 0;
    const mismatches: string[] = [];
    for (const x of compiled) {
      if (x.result.refusals.length) continue;
      accepted++;
      for (let i = 0; i < x.c.requests.length; i++) {
        const got = await answer(x, x.c.requests[i]);
        if (got === "skipped") continue;
        compared++;
        const want = effective(x.c.expected[i], x.result.noMatch);
        if (got !== want)
          mismatches.push(
            `${x.c.dialect}/${x.c.name} request ${i + 1}: file ${show(x.c.expected[i])} (→ ${want}), redis ${got}`,
          );
      }
    }
    expect(mismatches).toEqual([]);
    expect(accepted).toBeGreaterThan(5);
    console.log(
      `redis: ${accepted} cases accepted, ${compared} decisions equal, ${compiled.length - accepted} cases with refusals`,
    );
  });

  it("refuses deny rules and names each refused rule", () => {
    for (const { c, result } of compiled) {
      for (const r of result.refusals)
        expect(c.ruleSet.rules.some((x) => x.index === r.rule && x.start === r.start)).toBe(true);
      const denies = c.ruleSet.rules.filter(
        (r) =>
          r.permission === "deny" &&
          r.index < (c.ruleSet.rules.find((x) => x.topics.kind === "all" && x.who.kind === "all")?.index ?? Infinity),
      );
      if (c.dialect !== "v4") for (const d of denies) expect(result.refusals.map((r) => r.rule)).toContain(d.index);
    }
  });

  it("round-trips: import --url decides like the original file", async () => {
    let compared = 0;
    const mismatches: string[] = [];
    for (const { c, prefix, result } of compiled) {
      if (result.refusals.length) continue;
      const hashes = await readRedisHashes(URL, prefix);
      const imported = importRedisHashes(hashes, prefix, c.dialect, URL, c.dialect === "v4" ? null : result.noMatch);
      expect(imported.errors).toEqual([]);
      const back = loadRuleSet(imported.text, { dialect: c.dialect }).lowered.ruleSet;
      expect(back.loadError, imported.text).toBeNull();
      c.requests.forEach((req, i) => {
        if (c.dialect === "v4" && req.username?.startsWith("$")) return;
        compared++;
        const want = effective(c.expected[i], result.noMatch);
        const got = effective(decideLinear(back, req), result.noMatch);
        if (got !== want) mismatches.push(`${c.dialect}/${c.name} request ${i + 1}: file ${want}, imported ${got}`);
      });
    }
    expect(mismatches).toEqual([]);
    expect(compared).toBeGreaterThan(50);
  });
});
