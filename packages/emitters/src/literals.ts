/**
 * Byte-exact literals for every output language. Nothing a user wrote is ever pasted
 * into SQL, a command or Erlang text unescaped: SQL gets hex literals (MySQL) or
 * quote-doubled UTF-8 literals under `standard_conforming_strings` (PostgreSQL), Erlang
 * gets `\xHH` escapes, regexes get `\xHH` for every non-word byte.
 */
import { capabilities, fromBytes, isValidUtf8, type Bytes, type Dialect } from "@emqx-acl/core";
import { erlStringLiteral } from "@emqx-acl/syntax";

const SAFE_SQL = /^[A-Za-z0-9 !#$%&()*+,\-./:;<=>?@[\]^_`{|}~]*$/;

function hex(bytes: Bytes): string {
  let out = "";
  for (let i = 0; i < bytes.length; i++) out += (bytes.charCodeAt(i) & 0xff).toString(16).padStart(2, "0");
  return out.toUpperCase();
}

/**
 * A MySQL/MariaDB literal for a byte string: plain quotes for printable ASCII without
 * quote or backslash (so `NO_BACKSLASH_ESCAPES` does not matter), else `X'…'`.
 */
export function mysqlLiteral(bytes: Bytes | null): string {
  if (bytes === null) return "NULL";
  if (SAFE_SQL.test(bytes)) return `'${bytes}'`;
  return `X'${hex(bytes)}'`;
}

/** Why PostgreSQL `text` cannot hold these bytes, or null when it can. */
export function pgTextProblem(bytes: Bytes): string | null {
  if (bytes.includes("\0")) return "PostgreSQL text cannot hold a NUL byte";
  if (!isValidUtf8(bytes)) return "PostgreSQL text (UTF8 database) cannot hold bytes that are not UTF-8";
  return null;
}

/** A PostgreSQL literal (the seed sets `standard_conforming_strings = on`). */
export function pgLiteral(bytes: Bytes | null): string {
  if (bytes === null) return "NULL";
  return `'${fromBytes(bytes).replace(/'/g, "''")}'`;
}

/**
 * Why a table (or collection) name is refused, or null: only plain identifiers, which need
 * no escaping in any backend, so no name can carry SQL, a quote or a regex into a query.
 */
export function tableNameProblem(name: string): string | null {
  return /^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(name)
    ? null
    : `table name ${JSON.stringify(name)} must be letters, digits and _ (at most 63), starting with a letter or _`;
}

/** A quoted SQL identifier, or an error message when the name is not a plain identifier. */
export function sqlIdentifier(
  name: string,
  dialect: "mysql" | "postgresql",
): { ok: true; text: string } | { ok: false; message: string } {
  const problem = tableNameProblem(name);
  if (problem !== null) return { ok: false, message: problem };
  return { ok: true, text: dialect === "mysql" ? `\`${name}\`` : `"${name}"` };
}

/** An Erlang binary `<<"…">>` holding exactly these bytes. */
export function erlBinary(bytes: Bytes): string {
  let out = "";
  for (let i = 0; i < bytes.length; i++) {
    const c = bytes.charCodeAt(i);
    if (c === 0x22) out += '\\"';
    else if (c === 0x5c) out += "\\\\";
    else if (c >= 0x20 && c < 0x7f) out += bytes[i];
    else out += `\\x${c.toString(16).padStart(2, "0").toUpperCase()}`;
  }
  return `<<"${out}">>`;
}

/**
 * The most readable Erlang literal that `dialect` turns into exactly these bytes: a
 * string when possible (v4 strings are Latin-1, v5/v6 strings UTF-8), else a binary.
 */
export function erlText(bytes: Bytes, dialect: Dialect): string {
  if (capabilities(dialect).stringEncoding === "latin1") {
    // list_to_binary/1: every char 0..255 is one byte
    return erlStringLiteral(bytes);
  }
  if (isValidUtf8(bytes)) return erlStringLiteral(fromBytes(bytes));
  return erlBinary(bytes);
}

/**
 * A PCRE pattern (no `unicode` flag) that matches exactly these bytes and nothing else:
 * `^` … `\z` (not `$`, which also accepts a trailing newline), every non-word byte `\xHH`.
 */
export function exactRegex(bytes: Bytes): string {
  let out = "^";
  for (let i = 0; i < bytes.length; i++) {
    const ch = bytes[i];
    out += /[A-Za-z0-9_]/.test(ch) ? ch : `\\x${bytes.charCodeAt(i).toString(16).padStart(2, "0")}`;
  }
  return `${out}\\z`;
}

/** Byte string → JSON-safe text, or null when the bytes are not UTF-8. */
export function jsonText(bytes: Bytes): string | null {
  return isValidUtf8(bytes) ? fromBytes(bytes) : null;
}

/**
 * Text for a one-line comment of a generated file (SQL `--`, HOCON `#`, Erlang `%%`): a
 * control character (a newline in a file name or URL, say) is written as `\xHH`, so nothing
 * the user named can end the comment and become a statement of the file.
 */
export function commentSafe(s: string): string {
  return s.replace(/[\u0000-\u001f\u007f\u2028\u2029]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}
