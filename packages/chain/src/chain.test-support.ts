/** Test helpers: a directory of files, and requests in the wire form. */
import { mkdtempSync, mkdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { parseWireLine, type Request } from "@emqx-acl/core";

/** Writes `files` (name → text) into a fresh directory; returns its path. */
export function fileTree(files: Record<string, string>): string {
  const dir = mkdtempSync(join(tmpdir(), "chain-"));
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(dirname(join(dir, name)), { recursive: true });
    writeFileSync(join(dir, name), text);
  }
  return dir;
}

/** A request from the fields that matter to a test. */
export function req(fields: Record<string, unknown>): Request {
  return parseWireLine(JSON.stringify({ clientid: "c", action: "publish", ...fields }));
}

/** EMQX 5 seed rows as `compile --to mysql` writes them (table `mqtt_acl`). */
export function mysqlSeed(
  rows: [username: string | null, clientid: string | null, permission: string, action: string, topic: string][],
): string {
  const q = (v: string | null) => (v === null ? "NULL" : `'${v}'`);
  const values = rows.map(
    ([u, c, p, a, t], i) =>
      `  (${i + 1}, ${i + 1}, ${q(u)}, ${q(c)}, NULL, NULL, NULL, NULL, '${p}', '${a}', '${t}', NULL, NULL)`,
  );
  return [
    "CREATE TABLE `mqtt_acl` (seq INTEGER NOT NULL PRIMARY KEY, rule_no INTEGER NOT NULL, username VARBINARY(2048) NULL, clientid VARBINARY(2048) NULL, cidr_text VARCHAR(64) NULL, ip_net VARBINARY(16) NULL, ip_k TINYINT UNSIGNED NULL, ip_m TINYINT UNSIGNED NULL, permission VARCHAR(5) NOT NULL, action VARCHAR(9) NOT NULL, topic BLOB NOT NULL, qos VARCHAR(5) NULL, retain SMALLINT NULL);",
    "INSERT INTO `mqtt_acl` (seq, rule_no, username, clientid, cidr_text, ip_net, ip_k, ip_m, permission, action, topic, qos, retain) VALUES",
    `${values.join(",\n")};`,
    "",
  ].join("\n");
}
