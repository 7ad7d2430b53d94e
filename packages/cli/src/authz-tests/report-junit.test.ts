import { describe, expect, it } from "vitest";
import { reportOf } from "./fixture.test-support";
import { junitReport, xmlEscape } from "./report-junit";

interface Element {
  name: string;
  attrs: Record<string, string>;
  children: Element[];
  text: string;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };
const unescape = (s: string) =>
  s.replace(/&(#\d+|[a-z]+);/g, (_, e: string) =>
    e.startsWith("#") ? String.fromCharCode(Number(e.slice(1))) : ENTITIES[e],
  );

/** A strict reader for the XML subset JUnit reports use; throws on anything malformed. */
function readXml(xml: string): Element {
  const body = xml.replace(/^<\?xml version="1\.0" encoding="UTF-8"\?>\n/, "");
  const root: Element = { name: "#root", attrs: {}, children: [], text: "" };
  const stack = [root];
  const token = /<(\/?)([a-z]+)((?:\s+[a-z]+="[^"<&]*(?:&(?:#\d+|[a-z]+);[^"<&]*)*")*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  let at = 0;
  while ((m = token.exec(body)) !== null) {
    at = token.lastIndex;
    const top = stack[stack.length - 1];
    if (m[5] !== undefined) {
      if (/&(?!(#\d+|amp|lt|gt|quot|apos);)/.test(m[5])) throw new Error(`bare & in ${m[5]}`);
      top.text += unescape(m[5]);
    } else if (m[1]) {
      if (top.name !== m[2]) throw new Error(`</${m[2]}> closes <${top.name}>`);
      stack.pop();
    } else {
      const attrs: Record<string, string> = {};
      for (const a of m[3].matchAll(/([a-z]+)="([^"]*)"/g)) attrs[a[1]] = unescape(a[2]);
      const el = { name: m[2], attrs, children: [], text: "" };
      top.children.push(el);
      if (!m[4]) stack.push(el);
    }
  }
  if (at !== body.length || stack.length !== 1) throw new Error(`malformed XML at ${at}`);
  return root.children[0];
}

describe("junitReport", () => {
  it("is testsuites/testsuite/testcase/failure, with counts, escaped names and the explanation", () => {
    const doc = readXml(junitReport(reportOf()));
    expect(doc.name).toBe("testsuites");
    expect(doc.attrs).toMatchObject({ tests: "2", failures: "1" });
    const [suite] = doc.children;
    expect(suite).toMatchObject({ name: "testsuite", attrs: { name: "tests.yaml", tests: "2", failures: "1" } });
    const [ok, bad] = suite.children;
    expect(ok).toMatchObject({
      name: "testcase",
      attrs: { name: "dashboard reads $SYS", file: "tests.yaml", line: "2" },
      children: [],
    });
    expect(bad.attrs.name).toBe('anyone publishes <public> & "quoted"');
    const failure = bad.children[0];
    expect(failure.name).toBe("failure");
    expect(failure.attrs.message).toBe("expected deny, got allow by rule 2 (line 2)");
    expect(failure.text).toContain("decision: allow by rule 2 (acl.conf:2)");
    expect(failure.text).toContain("rule 1 (line 1): action — the rule covers subscribe only, this is a publish");
  });

  it("adds a failing coverage case below --min-coverage, a passing one above it", () => {
    const low = readXml(junitReport(reportOf(undefined, undefined, 75)));
    expect(low.attrs).toMatchObject({ tests: "3", failures: "2" });
    expect(low.children[1].children[0].children[0].attrs.message).toBe("coverage 50.0% is below --min-coverage 75%");
    const ok = readXml(junitReport(reportOf(undefined, undefined, 50)));
    expect(ok.attrs).toMatchObject({ tests: "3", failures: "1" });
    expect(ok.children[1].children[0].children).toEqual([]);
  });

  it("escapes markup and replaces characters XML 1.0 cannot hold", () => {
    expect(xmlEscape(`a<b>&"c'\n\u0001\ud800`)).toBe("a&lt;b&gt;&amp;&quot;c&apos;&#10;\ufffd\ufffd");
    expect(xmlEscape("emoji \ud83d\ude00 stays")).toBe("emoji \ud83d\ude00 stays");
  });
});
