import { describe, expect, test } from "vitest";
import { parseBigInt, tokenize } from "./lexer";
import { ids, one } from "./test-helpers";

const types = (src: string) => tokenize(src).tokens.map((t) => t.tokenType.name);
const str = (s: string) => [...s].map((c) => c.codePointAt(0));

describe("atoms", () => {
  test("bare atoms: lowercase start, letters, digits, _ and @", () => {
    expect(one("a@b_C1.")).toEqual({ atom: "a@b_C1" });
    expect(types("allow deny")).toEqual(["Atom", "Atom"]);
  });
  test("Latin-1 lowercase letters start atoms (café, ß)", () => {
    expect(one("café.")).toEqual({ atom: "café" });
    expect(one("ßx.")).toEqual({ atom: "ßx" });
  });
  test("maybe and else are atoms on OTP 25", () => {
    expect(one("maybe.")).toEqual({ atom: "maybe" });
    expect(one("else.")).toEqual({ atom: "else" });
  });
  test.each([
    "and",
    "or",
    "not",
    "div",
    "rem",
    "band",
    "bor",
    "bxor",
    "bsl",
    "bsr",
    "bnot",
    "xor",
    "orelse",
    "andalso",
    "fun",
    "case",
    "of",
    "end",
    "receive",
    "after",
    "when",
    "try",
    "catch",
    "begin",
    "if",
    "let",
    "cond",
  ])("reserved word %s is not an atom unquoted", (w) => {
    expect(types(w)).toEqual(["Reserved"]);
    expect(ids(`{${w}, [a]}.`)).toEqual(["syntax-reserved-word"]);
    expect(one(`{'${w}', [a]}.`)).toEqual({ tuple: [{ atom: w }, [{ atom: "a" }]] });
  });
  test("quoted atoms resolve escapes", () => {
    expect(one("'a\\x{41}b'.")).toEqual({ atom: "aAb" });
    expect(one("'tcp:default'.")).toEqual({ atom: "tcp:default" });
    expect(one("'it\\'s'.")).toEqual({ atom: "it's" });
    expect(one("''.")).toEqual({ atom: "" });
  });
  test("atoms longer than 255 characters are refused", () => {
    expect(one(`${"a".repeat(255)}.`)).toEqual({ atom: "a".repeat(255) });
    expect(ids(`${"a".repeat(256)}.`)).toEqual(["syntax-atom-too-long"]);
    expect(ids(`'${"é".repeat(256)}'.`)).toEqual(["syntax-atom-too-long"]);
    expect(one(`'${"é".repeat(255)}'.`)).toEqual({ atom: "é".repeat(255) });
  });
  test("variables are bad terms", () => {
    expect(ids("X.")).toEqual(["syntax-bad-term"]);
    expect(ids("_.")).toEqual(["syntax-bad-term"]);
    expect(ids("{allow, Über}.")).toEqual(["syntax-bad-term"]);
    expect(ids("{allow, _Foo}.")).toEqual(["syntax-bad-term"]);
  });
});

describe("strings", () => {
  test("every simple escape", () => {
    expect(one('"\\b\\d\\e\\f\\n\\r\\s\\t\\v\\\'\\"\\\\".')).toEqual([8, 127, 27, 12, 10, 13, 32, 9, 11, 39, 34, 92]);
  });
  test("octal escapes take 1 to 3 digits", () => {
    expect(one('"\\101\\7a\\18\\0".')).toEqual([65, 7, 97, 1, 56, 0]);
    expect(one('"\\1011".')).toEqual([65, 49]);
  });
  test("hex escapes \\xHH and \\x{H...}", () => {
    expect(one('"\\x41\\x{263a}\\x{41}".')).toEqual([65, 0x263a, 65]);
    expect(ids('"\\x4".')).toEqual(["syntax-bad-escape"]);
    expect(ids('"\\xg".')).toEqual(["syntax-bad-escape"]);
    expect(ids('"\\x{}".')).toEqual(["syntax-bad-escape"]);
    expect(ids('"\\x{110000}".')).toEqual(["syntax-bad-escape"]);
    expect(ids('"\\x{D800}".')).toEqual(["syntax-bad-escape"]);
  });
  test("control escapes \\^c = c band 31", () => {
    expect(one('"\\^a\\^z\\^Z\\^@\\^?\\^[".')).toEqual([1, 26, 26, 0, 31, 27]);
  });
  test("any other \\c is c", () => {
    expect(one('"\\8\\q\\{\\ü".')).toEqual(str("8q{ü"));
  });
  test("adjacent strings are concatenated, across lines and comments", () => {
    expect(one('"a" "b".')).toEqual(str("ab"));
    expect(one('"a"\n%c\n"b\\x41".')).toEqual(str("abA"));
  });
  test("non-ASCII and astral characters are code points", () => {
    expect(one('"t/ü€😀".')).toEqual(str("t/ü€😀"));
  });
  test("newlines inside strings are kept", () => {
    expect(one('"a\nb".')).toEqual([97, 10, 98]);
  });
  test("unterminated string", () => {
    expect(ids('"abc')).toEqual(["syntax-unterminated-string"]);
    expect(ids("'abc")).toEqual(["syntax-unterminated-string"]);
  });
});

describe("characters", () => {
  test("$c, $\\n, escapes and blanks", () => {
    expect(one("$a.")).toEqual(97);
    expect(one("$\\n.")).toEqual(10);
    expect(one("$\\^@.")).toEqual(0);
    expect(one("$\\x41.")).toEqual(65);
    expect(one("$ .")).toEqual(32);
    expect(one("$\n.")).toEqual(10);
    expect(one("$€.")).toEqual(0x20ac);
  });
  test("$ at end of file", () => {
    expect(ids("$")).toEqual(["syntax-unterminated-char"]);
  });
});

describe("numbers", () => {
  test("integers, separators, bases", () => {
    expect(one("123.")).toEqual(123);
    expect(one("1_000.")).toEqual(1000);
    expect(one("16#ff.")).toEqual(255);
    expect(one("16#fF_f.")).toEqual(4095);
    expect(one("2#101.")).toEqual(5);
    expect(one("36#zz.")).toEqual(36 * 36 - 1);
  });
  test("base out of range and missing digits", () => {
    expect(ids("37#1.")).toEqual(["syntax-bad-number"]);
    expect(ids("1#1.")).toEqual(["syntax-bad-number"]);
    expect(ids("16#.")).toEqual(["syntax-bad-number"]);
  });
  test("digits beyond the base end the integer", () => {
    expect(ids("2#102.")).toEqual(["syntax-missing-dot"]);
    expect(ids("1_.")).not.toEqual([]);
  });
  test("based integers of any length: chunked conversion equals digit-by-digit", () => {
    let seed = 1;
    const rand = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    for (let trial = 0; trial < 500; trial++) {
      const base = 2 + Math.floor(rand() * 35);
      const digits = Array.from({ length: 1 + Math.floor(rand() * 60) }, () =>
        Math.floor(rand() * base).toString(base),
      ).join("");
      let naive = 0n;
      for (const c of digits) naive = naive * BigInt(base) + BigInt(parseInt(c, base));
      expect(parseBigInt(digits, base), `${base}#${digits}`).toBe(naive);
    }
    const t0 = performance.now();
    expect(one(`36#${"z".repeat(100_000)}.`)).toBe(Infinity);
    expect(performance.now() - t0).toBeLessThan(5000);
  });
  test("huge integers keep full precision", () => {
    const r = one("123456789012345678901234567890.");
    expect(r).toEqual(Number(123456789012345678901234567890n));
  });
  test("negative numbers: unary minus or plus on a number", () => {
    expect(one("-1.")).toEqual(-1);
    expect(one("- 1.")).toEqual(-1);
    expect(one("+1.")).toEqual(1);
    expect(one("-16#ff.")).toEqual(-255);
    expect(one("-$a.")).toEqual(-97);
    expect(one("-(1).")).toEqual(-1);
    expect(one("-1.5.")).toEqual(-1.5);
  });
  test("unary minus on anything else is a bad term", () => {
    expect(ids("- - 1.")).toEqual(["syntax-bad-term"]);
    expect(ids("-(-1).")).toEqual(["syntax-bad-term"]);
    expect(ids("-a.")).toEqual(["syntax-bad-term"]);
    expect(ids("-<<1>>.")).toEqual(["syntax-bad-term"]);
  });
  test("floats", () => {
    expect(one("1.5.")).toEqual(1.5);
    expect(one("1.5e3.")).toEqual(1500);
    expect(one("1.0e-3.")).toEqual(0.001);
    expect(one("1.0E+3.")).toEqual(1000);
    expect(one("1_000.5e1_0.")).toEqual(1.0005e13);
    expect(ids("1.5e.")).toEqual(["syntax-bad-number"]);
    expect(ids("1.0e999.")).toEqual(["syntax-bad-number"]);
  });
  test("1e3 is not a float", () => {
    expect(ids("1e3.")).not.toEqual([]);
  });
});

describe("blanks, comments, dots and illegal characters", () => {
  test("NBSP and other 128..160 characters are blanks", () => {
    expect(one("{a,\u00a0b}.")).toEqual({ tuple: [{ atom: "a" }, { atom: "b" }] });
    expect(one("a\u0085.")).toEqual({ atom: "a" });
  });
  test("comments are kept", () => {
    const r = tokenize("a. % one\n%% two\r\nb.");
    expect(r.comments.map((c) => c.text)).toEqual(["% one", "%% two"]);
  });
  test("the terminator is a dot followed by blank, % or end of file", () => {
    expect(types("a. b.% c\na.")).toEqual(["Atom", "Dot", "Atom", "Dot", "Atom", "Dot"]);
    expect(types("{a}.{b}.")).toEqual(["LCurly", "Atom", "RCurly", "Period", "LCurly", "Atom", "RCurly", "Dot"]);
    expect(ids("{a}.{b}.")).toEqual(["syntax-missing-dot"]);
    expect(one("{allow,all} .")).toEqual({ tuple: [{ atom: "allow" }, { atom: "all" }] });
  });
  test("non-Latin-1 characters outside strings are illegal; Latin-1 symbols are operators", () => {
    expect(ids("€.")).toEqual(["syntax-illegal-character"]);
    expect(ids("{a, —}.")).toEqual(["syntax-illegal-character"]);
    expect(ids("a×b.")).toEqual(["syntax-bad-term"]);
    expect(ids("\ufeff{a}.")).toEqual(["syntax-illegal-character"]);
  });
  test("non-ASCII inside strings, quoted atoms and comments is fine", () => {
    expect(ids("%% 授权\n{\"授权\", 'é€'}.")).toEqual([]);
  });
});
