import { describe, expect, it } from "vitest";
import { erlBinary, erlText, exactRegex, mysqlLiteral, pgLiteral, pgTextProblem, sqlIdentifier } from "./literals";

describe("SQL literals", () => {
  it("MySQL: plain quotes only for safe ASCII, hex for quotes, backslashes and bytes", () => {
    expect(mysqlLiteral("a/b_%#")).toBe("'a/b_%#'");
    expect(mysqlLiteral("it's")).toBe("X'69742773'");
    expect(mysqlLiteral("a\\b")).toBe("X'615C62'");
    expect(mysqlLiteral("\0\n")).toBe("X'000A'");
    expect(mysqlLiteral("\xff")).toBe("X'FF'");
    expect(mysqlLiteral(null)).toBe("NULL");
    expect(mysqlLiteral("")).toBe("''");
  });

  it("PostgreSQL: doubled quotes, UTF-8 text, NUL and invalid UTF-8 refused", () => {
    expect(pgLiteral("it's \\ ok")).toBe("'it''s \\ ok'");
    expect(pgLiteral("\xc3\xa9")).toBe("'é'");
    expect(pgTextProblem("a\0b")).toMatch(/NUL/);
    expect(pgTextProblem("\xff")).toMatch(/UTF-8/);
    expect(pgTextProblem("ok")).toBeNull();
  });

  it("identifiers are plain names only", () => {
    expect(sqlIdentifier("mqtt_acl", "mysql")).toEqual({ ok: true, text: "`mqtt_acl`" });
    expect(sqlIdentifier("t", "postgresql")).toEqual({ ok: true, text: '"t"' });
    expect(sqlIdentifier("x`; DROP", "mysql").ok).toBe(false);
  });
});

describe("Erlang literals", () => {
  it("binaries hold exact bytes", () => {
    expect(erlBinary('a"b\\c\0\xff')).toBe('<<"a\\"b\\\\c\\x00\\xFF">>');
  });
  it("v5 strings are UTF-8, invalid UTF-8 becomes a binary, v4 strings are Latin-1", () => {
    expect(erlText("caf\xc3\xa9", "v5")).toBe('"café"');
    expect(erlText("caf\xe9", "v5")).toBe('<<"caf\\xE9">>');
    expect(erlText("caf\xe9", "v4")).toBe('"café"'); // a UTF-8 file: U+00E9 → list_to_binary → byte E9
    expect(erlText("\x01", "v4")).toBe('"\\x01"');
    expect(
      erlText(
        "\u200f"
          .split("")
          .map(() => "\xe2\x80\x8f")
          .join(""),
        "v6",
      ),
    ).toBe('"\\x{200F}"');
  });
});

describe("exactRegex", () => {
  it("anchors with \\z and escapes every non-word byte", () => {
    expect(exactRegex("a.b")).toBe("^a\\x2eb\\z");
    expect(exactRegex("")).toBe("^\\z");
    const re = new RegExp(
      exactRegex("a+b$")
        .replace(/\\z$/, "$")
        .replace(/\\x([0-9a-f]{2})/g, "\\x$1"),
    );
    expect(re.test("a+b$")).toBe(true);
    expect(re.test("aab$")).toBe(false);
  });
});
