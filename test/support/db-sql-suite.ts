/**
 * The SQL suite: every conformance case is compiled for its own EMQX
 * version, loaded with the stock client (`mariadb DB < seed.sql`, `psql -f`), and each
 * request is answered the way EMQX would (query with placeholders bound, rows → rules,
 * first match, no_match default); the answer must equal the engine's on the original
 * file. Then `import` reads the tables back and must decide the same again.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decideLinear, type Decision } from "../../packages/core/src/index";
import {
  importSql,
  mysqlEmitter,
  postgresqlEmitter,
  rawRow,
  sqlConnect,
  type EmitResult,
} from "../../packages/emitters/src/index";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadCases, show, type Case } from "./db-cases";
import { decideFromRows, decideFromV4Rows, params, parseTemplate, parseTemplateV4, type Flavor } from "./db-emqx-sim";
import { ensureMariadb, ensurePostgres, MYSQL_ADMIN, PG_USER, pgUrl, runName, tool } from "./db-services";
import { loadRuleSet } from "../../packages/analysis/src/index";

interface Compiled {
  c: Case;
  table: string;
  result: EmitResult;
  query: string;
}

function queryOf(result: EmitResult): string {
  const conf = result.files.find((f) => f.name === "authz-source.conf")!.content;
  const hocon = conf.match(/query = (".*")$/m);
  if (hocon) return JSON.parse(hocon[1]);
  return conf.match(/acl_query = (.*)$/m)![1];
}

/** The whole suite for one SQL flavor (one test file each, so they run in parallel). */
export function sqlSuite(flavor: Flavor): void {
  const cases = loadCases();
  describe(`${flavor}: compiled conformance cases decide as the file`, () => {
    const db = runName("emqxacl");
    const url = flavor === "mysql" ? `${MYSQL_ADMIN}/${db}` : pgUrl(db);
    const compiled: Compiled[] = [];
    let run: (sql: string, p: unknown[]) => Promise<Record<string, unknown>[]>;
    let close: () => Promise<void> = async () => {};
    const dir = mkdtempSync(join(tmpdir(), "emqxacl-sql-"));

    beforeAll(async () => {
      if (flavor === "mysql") {
        await ensureMariadb();
        tool("mariadb", ["-h127.0.0.1", "-uroot", "-e", `CREATE DATABASE ${db}`]);
      } else {
        await ensurePostgres();
        tool("psql", ["-h", "127.0.0.1", "-U", PG_USER, "-d", "postgres", "-qc", `CREATE DATABASE ${db}`]);
      }
      const emitter = flavor === "mysql" ? mysqlEmitter : postgresqlEmitter;
      const seeds: string[] = [];
      for (const c of cases) {
        const table = `t_${c.id}`;
        const result = emitter.emit(c.ruleSet.rules, { dialect: c.dialect, table });
        compiled.push({ c, table, result, query: queryOf(result) });
        // only what is compared needs a table (each CREATE TABLE costs an fsync)
        if (result.refusals.length === 0) seeds.push(result.files.find((f) => f.name === "seed.sql")!.content);
      }
      const seedFile = join(dir, "seed.sql");
      writeFileSync(seedFile, seeds.join("\n"));
      if (flavor === "mysql") tool("mariadb", ["-h127.0.0.1", "-uroot", db], seeds.join("\n"));
      else tool("psql", ["-h", "127.0.0.1", "-U", PG_USER, "-d", db, "-q", "-v", "ON_ERROR_STOP=1", "-f", seedFile]);
      const conn = await sqlConnect(flavor, url);
      run = conn.run;
      close = conn.close;
    });

    afterAll(async () => {
      await close();
      if (flavor === "mysql") tool("mariadb", ["-h127.0.0.1", "-uroot", "-e", `DROP DATABASE IF EXISTS ${db}`]);
      else tool("psql", ["-h", "127.0.0.1", "-U", PG_USER, "-d", "postgres", "-qc", `DROP DATABASE IF EXISTS ${db}`]);
      rmSync(dir, { recursive: true, force: true });
    });

    it("answers every request of every fully accepted case like the file", async () => {
      let compared = 0;
      let skippedDollar = 0;
      const mismatches: string[] = [];
      for (const { c, result, query } of compiled) {
        if (result.refusals.length) continue;
        const v4 = c.dialect === "v4";
        const t = v4 ? parseTemplateV4(query, flavor) : parseTemplate(query, flavor);
        const catchAll = result.noMatch
          ? c.ruleSet.rules.find(
              (r) => r.index === Number(result.notes.join(" ").match(/rule (\d+) matches every request/)![1]),
            )!
          : null;
        // the rows depend only on the bound values: query once per distinct identity
        const byParams = new Map<string, ReturnType<typeof rawRow>[]>();
        for (let i = 0; i < c.requests.length; i++) {
          const req = c.requests[i];
          const p = params(t, req, flavor);
          const key = JSON.stringify(p);
          let rows = byParams.get(key);
          if (!rows) byParams.set(key, (rows = (await run(t.sql, p)).map(rawRow)));
          const got: Decision | "skipped" = v4
            ? decideFromV4Rows(rows, req)
            : decideFromRows(
                rows,
                req,
                c.dialect,
                catchAll && { permission: catchAll.permission, rule: catchAll.index },
              );
          if (got === "skipped") {
            skippedDollar++;
            continue;
          }
          compared++;
          const want = c.expected[i];
          const same = v4 ? got.decision === want.decision : got.decision === want.decision && got.rule === want.rule;
          if (!same)
            mismatches.push(`${c.dialect}/${c.name} request ${i + 1}: file ${show(want)}, ${flavor} ${show(got)}`);
        }
      }
      expect(mismatches).toEqual([]);
      expect(compared).toBeGreaterThan(1000);
      console.log(
        `${flavor}: ${compared} decisions equal, ${skippedDollar} skipped ('$' usernames, EMQX 4), ${compiled.filter((x) => x.result.refusals.length).length} cases with refusals`,
      );
    });

    it("names the rule and the reason of every refusal", () => {
      const refusals = compiled.flatMap(({ c, result }) => result.refusals.map((r) => ({ c, r })));
      expect(refusals.length).toBeGreaterThan(0);
      for (const { c, r } of refusals) {
        const rule = c.ruleSet.rules.find((x) => x.index === r.rule);
        expect(rule, `${c.name}: refusal names rule ${r.rule}`).toBeDefined();
        expect(r.start).toBe(rule!.start);
        expect(r.reason.length).toBeGreaterThan(10);
      }
    });

    it("round-trips: import --url decides like the original file", async () => {
      let compared = 0;
      const mismatches: string[] = [];
      for (const { c, table, result } of compiled) {
        if (result.refusals.length) continue;
        const imported = await importSql(flavor, url, table, c.dialect, result.noMatch);
        expect(imported.errors).toEqual([]);
        const back = loadRuleSet(imported.text, { dialect: c.dialect }).lowered;
        expect(back.ruleSet.loadError, imported.text).toBeNull();
        c.requests.forEach((req, i) => {
          if (c.dialect === "v4" && req.username?.startsWith("$")) return;
          const got = decideLinear(back.ruleSet, req);
          compared++;
          if (got.decision !== c.expected[i].decision)
            mismatches.push(
              `${c.dialect}/${c.name} request ${i + 1}: file ${show(c.expected[i])}, imported ${show(got)}`,
            );
        });
      }
      expect(mismatches).toEqual([]);
      expect(compared).toBeGreaterThan(1000);
    });
  });
}
