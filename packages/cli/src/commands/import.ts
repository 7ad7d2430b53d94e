/**
 * `emqx-acl import --from mysql|postgresql|redis|mongodb|emqx-api (--url URL | FILE)
 * --emqx 4|5|6 [--table NAME] [--key-prefix P] [--nomatch allow|deny] [--timeout S] [--out DIR [--force]]`:
 * reads stored rules (a live database, or a RESP seed / MongoDB JSON export / REST bodies
 * file) and prints an acl.conf that decides as they do under the source configuration
 * `compile` wrote. Stored rules EMQX would refuse are listed on stderr (exit 1).
 */
import { readFileSync } from "node:fs";
import { parseTableName } from "../table-option";
import type { Dialect } from "@emqx-acl/core";
import {
  apiCallsToAcl,
  hashesFromResp,
  importRedisHashes,
  importSql,
  importSqlDump,
  maskCredentials,
  mongoDocsToAcl,
  readRedisHashes,
  type ImportedAcl,
} from "@emqx-acl/emitters";
import { InvalidArgumentError, Option, type Command } from "commander";
import { readFailure } from "../read-input";
import { UsageError } from "../usage-error";
import { writeOutDir } from "../out-dir";
import { addEmqxOption } from "../emqx-option";
import { capabilities } from "@emqx-acl/core";

type Source = "mysql" | "postgresql" | "redis" | "mongodb" | "emqx-api";

interface ImportFlags {
  from: Source;
  url?: string;
  emqx: "4" | "5" | "6";
  table: string;
  keyPrefix: string;
  nomatch?: "allow" | "deny";
  out?: string;
  force?: boolean;
  /** Seconds a live server may take to connect or to answer one query. */
  timeout: number;
}

function readText(file: string, encoding: BufferEncoding = "utf8"): string {
  try {
    return readFileSync(file === "-" ? 0 : file).toString(encoding);
  } catch (e) {
    throw new UsageError(`cannot read '${file}': ${readFailure(e)}`);
  }
}

function parseJson(file: string): unknown {
  const text = readText(file);
  try {
    return JSON.parse(text);
  } catch (e) {
    const m = /position (\d+)/.exec((e as Error).message);
    const at = m ? Number(m[1]) : 0;
    const line = text.slice(0, at).split("\n").length;
    const col = at - text.lastIndexOf("\n", at - 1);
    throw new UsageError(`${file}:${line}:${col}: not JSON: ${(e as Error).message}`);
  }
}

async function fromLive(flags: ImportFlags, dialect: Dialect): Promise<ImportedAcl> {
  const url = flags.url!;
  try {
    const ms = flags.timeout * 1000;
    if (flags.from === "mysql" || flags.from === "postgresql")
      return await importSql(flags.from, url, flags.table, dialect, flags.nomatch, ms);
    if (flags.from === "redis")
      return importRedisHashes(
        await readRedisHashes(url, flags.keyPrefix, ms),
        flags.keyPrefix,
        dialect,
        url,
        flags.nomatch,
      );
  } catch (e) {
    // a connection a driver could not close must not keep the process alive after the error
    setTimeout(() => process.exit(), 2000).unref();
    throw new UsageError(maskCredentials(`cannot read rules from ${flags.from} at ${url}: ${(e as Error).message}`));
  }
  throw new UsageError(
    `--url is not supported for ${flags.from}: export the ${flags.from === "mongodb" ? "collection (mongoexport --jsonArray)" : "rules (the requests.json of compile)"} and pass the file`,
  );
}

function fromFile(flags: ImportFlags, file: string, dialect: Dialect): ImportedAcl {
  const header = [`imported by emqx-acl from ${flags.from} file ${file} (EMQX ${flags.emqx})`];
  if (flags.from === "redis") {
    try {
      return importRedisHashes(hashesFromResp(readText(file, "latin1")), flags.keyPrefix, dialect, file, flags.nomatch);
    } catch (e) {
      throw new UsageError(`${file}: ${(e as Error).message}`);
    }
  }
  if (capabilities(dialect).backendRules === "plugin-rows" && (flags.from === "mongodb" || flags.from === "emqx-api"))
    throw new UsageError(`${flags.from} import reads EMQX 5/6 data`);
  if (flags.from === "mongodb") {
    const docs = parseJson(file);
    if (!Array.isArray(docs))
      throw new UsageError(`${file}: expected a JSON array of documents (mongoexport --jsonArray)`);
    return mongoDocsToAcl(docs as Record<string, unknown>[], dialect, header, flags.nomatch);
  }
  if (flags.from === "emqx-api") {
    const calls = parseJson(file);
    if (!Array.isArray(calls))
      throw new UsageError(`${file}: expected the requests.json array that compile --to emqx-api writes`);
    return apiCallsToAcl(calls as { path: string; body: unknown }[], dialect, header, flags.nomatch);
  }
  try {
    return importSqlDump(
      readText(file),
      flags.from as "mysql" | "postgresql",
      flags.table,
      dialect,
      file,
      flags.nomatch,
    );
  } catch (e) {
    throw new UsageError(`${file}: ${(e as Error).message}`);
  }
}

async function run(file: string | undefined, flags: ImportFlags): Promise<void> {
  if ((file === undefined) === (flags.url === undefined)) throw new UsageError("give either --url URL or a FILE");
  const dialect = `v${flags.emqx}` as Dialect;
  const result = flags.url ? await fromLive(flags, dialect) : fromFile(flags, file!, dialect);
  for (const e of result.errors) process.stderr.write(`${flags.url ? flags.from : file}: ${e}\n`);
  if (flags.out)
    writeOutDir(flags.out, [{ name: "acl.conf", bytes: Buffer.from(result.text, "utf8") }], { force: flags.force });
  else process.stdout.write(result.text);
  if (result.errors.length) process.exitCode = 1;
}

export function register(program: Command): void {
  addEmqxOption(program.command("import"), {
    key: "emqx",
    digits: true,
    required: true,
    description: "EMQX version reading the rules",
  })
    .description("read rules stored in a backend and print the acl.conf that decides as they do")
    .argument(
      "[file]",
      "seed.sql (mysql, postgresql), a RESP seed (redis), JSON documents (mongodb) or requests.json (emqx-api)",
    )
    .addOption(
      new Option("--from <source>", "where the rules are stored")
        .choices(["mysql", "postgresql", "redis", "mongodb", "emqx-api"])
        .makeOptionMandatory(),
    )
    .option("--url <url>", "a live server: mysql://…, postgres://…, redis://…")
    .option(
      "--timeout <seconds>",
      "with --url: how long the server may take to connect or to answer one query",
      parseSeconds,
      30,
    )
    .option("--table <name>", "SQL table name", parseTableName, "mqtt_acl")
    .option("--key-prefix <prefix>", "Redis key prefix", "mqtt_acl:")
    .addOption(
      new Option("--nomatch <permission>", "the source's authorization.no_match, appended as a last rule").choices([
        "allow",
        "deny",
      ]),
    )
    .option("--out <dir>", "write acl.conf into DIR (a new directory, or one holding only acl.conf) instead of stdout")
    .option(
      "--force",
      "with --out: write acl.conf into a directory that holds other files too (nothing else is touched)",
    )
    .action((file: string | undefined, flags: ImportFlags) => run(file, flags));
}

function parseSeconds(value: string): number {
  const n = Number(value);
  if (!/^\d+(\.\d+)?$/.test(value) || n <= 0 || n > 3600)
    throw new InvalidArgumentError("expected a number of seconds (0 < s <= 3600)");
  return n;
}
