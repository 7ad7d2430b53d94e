import { describe, expect, it } from "vitest";
import { parseDocument } from "../parse-document";
import { formatText, reparsesTheSame, sameDocument } from "./format-text";
import { printDocument } from "./format-document";

const fmt = (text: string, width?: number): string => {
  const r = formatText(text, { width });
  if (!r.ok) throw new Error(r.message);
  return r.text;
};

describe("printer", () => {
  it("puts one rule per line, normalises spacing, keeps literal spelling", () => {
    expect(fmt(`{allow,{user,'dash\\x{41}'},subscribe,[ "$SYS/#",{eq,"#"}, <<"t">>, 16#ff ]}.  {deny,all}.`)).toBe(
      `{allow, {user, 'dash\\x{41}'}, subscribe, ["$SYS/#", {eq, "#"}, <<"t">>, 16#ff]}.\n{deny, all}.\n`,
    );
  });

  it("hangs a long topic list with aligned elements when the head fits", () => {
    const topics = Array.from({ length: 5 }, (_, i) => `"devices/\${clientid}/channel-${i}"`).join(", ");
    const out = fmt(`{allow, {username, "u"}, publish, [${topics}]}.`);
    const lines = out.trimEnd().split("\n");
    expect(lines[0]).toBe(`{allow, {username, "u"}, publish, ["devices/\${clientid}/channel-0",`);
    const col = lines[0].indexOf("[") + 1;
    for (const l of lines.slice(1)) expect(l.indexOf('"')).toBe(col);
    expect(lines.at(-1)!.endsWith("]}.")).toBe(true);
    expect(Math.max(...lines.map((l) => l.length))).toBeLessThanOrEqual(100);
  });

  it("breaks one element per line when the head itself is too wide", () => {
    const out = fmt(`{allow, {username, "${"x".repeat(80)}"}, publish, ["t"]}.`);
    expect(out).toBe(`{allow,\n {username, "${"x".repeat(80)}"},\n publish,\n ["t"]}.\n`);
  });

  it("keeps leading, trailing, inner and dangling comments in place", () => {
    const src = `%% head\n{allow, all, subscribe, [ "a", % ta\n  %% own\n  "b"\n  % dangling\n]}. % after\n`;
    const out = fmt(src);
    expect(out).toContain(`"a", % ta`);
    expect(out).toMatch(/\n\s+%% own\n\s+"b"\n\s+% dangling\n\s+\]\}\. % after\n$/);
    expect(out.startsWith("%% head\n{allow")).toBe(true);
  });

  it("collapses blank lines between groups to one and drops leading/trailing blanks", () => {
    expect(fmt(`\n\n{deny, all}.\n\n\n\n%% c\n{allow, all}.\n\n\n`)).toBe(`{deny, all}.\n\n%% c\n{allow, all}.\n`);
  });

  it("keeps CRLF line endings and multi-line string literals verbatim", () => {
    expect(fmt(`{allow,all}.\r\n{deny,all}.\r\n`)).toBe(`{allow, all}.\r\n{deny, all}.\r\n`);
    const concat = `{allow, all, publish, ["a" "b"\n   % inside\n   "c"]}.\n`;
    expect(fmt(concat)).toBe(concat);
  });

  it("moves a comment between a term and its dot after the dot", () => {
    expect(fmt(`{allow, all} % why\n .\n`)).toBe(`{allow, all}. % why\n`);
  });

  it("is idempotent and preserves terms on tricky input", () => {
    const src = `{allow, {'and', [{username, {re, "^s-[0-9]+$"}}, {clientid, "c1"}, {ipaddr, "10.0.0.0/8"}]}, publish, ["s/\${clientid}/temperature", "s/\${clientid}/humidity", {eq, "x"}]}.\n{a, #{k => [1 | t]}, $a, 1.5e3}.`;
    const once = fmt(src, 40);
    expect(fmt(once, 40)).toBe(once);
    expect(sameDocument(parseDocument(src), parseDocument(once))).toBe(true);
  });

  it("refuses a document with syntax errors, with line:col", () => {
    const r = printDocument(parseDocument(`{allow, all}.\n{deny, all\n`));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/^\d+:\d+: not formatted/);
  });

  it("formats an empty or comment-only document", () => {
    expect(fmt("")).toBe("");
    expect(fmt("  \n\n")).toBe("");
    expect(fmt("% only   \n")).toBe("% only\n");
  });
});

describe("reparsesTheSame (formatText's check of its own output, streamed)", () => {
  const src = '%% head\n{allow, {username, "a"}, publish, ["t/#"]}.\n%% mid\n{deny, all}.\n';
  const before = parseDocument(src);

  it("accepts a relayout with the same terms and comments", () => {
    expect(reparsesTheSame('%% head\n{allow,{username,"a"},publish,["t/#"]}.\n%% mid\n{deny,all}.', before)).toBe(true);
  });

  it.each([
    ["a changed term", '%% head\n{allow, {username, "b"}, publish, ["t/#"]}.\n%% mid\n{deny, all}.\n'],
    ["a missing form", '%% head\n{allow, {username, "a"}, publish, ["t/#"]}.\n%% mid\n'],
    ["an extra form", `${src}{allow, all}.\n`],
    ["a changed comment", '%% head\n{allow, {username, "a"}, publish, ["t/#"]}.\n%% other\n{deny, all}.\n'],
    ["a lost comment", '%% head\n{allow, {username, "a"}, publish, ["t/#"]}.\n{deny, all}.\n'],
    ["a syntax error", '%% head\n{allow, {username, "a"}, publish, ["t/#"]}.\n%% mid\n{deny, all.\n'],
  ])("refuses %s", (_, text) => {
    expect(reparsesTheSame(text, before)).toBe(false);
  });

  it("compares forms across parse batches (a file of thousands of forms)", () => {
    const many = Array.from({ length: 3000 }, (_, i) => `{allow, {username, "u${i}"}, publish, ["t/${i}"]}.`).join(
      "\n",
    );
    const parsed = parseDocument(many);
    expect(reparsesTheSame(many.replace(/, /g, ","), parsed)).toBe(true);
    expect(reparsesTheSame(many.replace('"u2999"', '"v2999"'), parsed)).toBe(false);
  });
});
