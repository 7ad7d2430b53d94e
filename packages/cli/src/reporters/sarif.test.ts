import { describe, expect, it } from "vitest";
import { artifactUri, FINGERPRINT_KEY, fingerprints, sarifReporter, sarifText, toSarif } from "./sarif";
import { SAMPLE, diagAt, sampleForms, sampleResult } from "./fixtures.test-support";
import { validateSarif as validate } from "./sarif-schema.test-support";
import type { FileResult } from "./types";

const ctx = { cwd: "/repo", color: false, toolVersion: "0.1.0" };

describe("sarif reporter", () => {
  it("validates against the SARIF 2.1.0 schema", () => {
    const log = JSON.parse(sarifReporter([sampleResult(), { ...sampleResult(), path: "/elsewhere/x y.conf" }], ctx));
    const ok = validate(log);
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
    // the validator does reject a malformed log
    const broken = structuredClone(log);
    broken.runs[0].results[0].level = "fatal";
    expect(validate(broken)).toBe(false);
    const badUri = structuredClone(log);
    badUri.runs[0].tool.driver.informationUri = "not a uri";
    expect(validate(badUri)).toBe(false);
  });

  it("describes every id that appears, and only those", () => {
    const log = toSarif([sampleResult()], "/repo", "0.1.0") as any;
    const driver = log.runs[0].tool.driver;
    expect(driver).toMatchObject({ name: "emqx-acl", version: "0.1.0" });
    expect(driver.informationUri).toMatch(/^https:\/\//);
    expect(driver.rules.map((r: any) => r.id)).toEqual([
      "final-allow-all",
      "rule-unreachable",
      "schema-invalid-action",
    ]);
    const schemaRule = driver.rules[2];
    expect(schemaRule.defaultConfiguration.level).toBe("error");
    expect(schemaRule.helpUri).toMatch(/^https:\/\//);
    expect(schemaRule.shortDescription.text.length).toBeGreaterThan(0);
  });

  it("gives every rule the fullDescription and help (text and markdown) GitHub requires", () => {
    const log = toSarif([sampleResult()], "/repo", "0.1.0") as any;
    for (const rule of log.runs[0].tool.driver.rules) {
      expect(rule.fullDescription.text.length).toBeGreaterThan(0);
      expect(rule.help.text.length).toBeGreaterThan(0);
      expect(rule.help.markdown).toMatch(new RegExp(`^# ${rule.id}\\n`));
    }
  });

  it("fingerprints with primaryLocationLineHash, the only key GitHub reads", () => {
    const log = toSarif([sampleResult()], "/repo", "0.1.0") as any;
    expect(FINGERPRINT_KEY).toBe("primaryLocationLineHash");
    for (const r of log.runs[0].results)
      expect(Object.keys(r.partialFingerprints)).toEqual(["primaryLocationLineHash"]);
  });

  it("links each related location from the message text, with brackets escaped", () => {
    const base = sampleResult();
    const withBrackets = {
      ...base.diagnostics[1],
      message: 'covers ["#"]',
      related: [...base.diagnostics[1].related!, { range: base.diagnostics[0].range, message: "rule [2]" }],
    };
    const log = toSarif([{ ...base, diagnostics: [withBrackets] }], "/repo", "0.1.0") as any;
    const [result] = log.runs[0].results;
    expect(result.message.text).toBe('covers \\["#"\\] (related: [the deny below](1); [rule \\[2\\]](2))');
    expect(result.relatedLocations.map((l: any) => l.id)).toEqual([1, 2]);
    expect(result.relatedLocations[1].message.text).toBe("rule \\[2\\]");
    expect(sarifText("a\\[b")).toBe("a\\\\\\[b");
    expect(sarifText("no brackets \\d")).toBe("no brackets \\d");
  });

  it("maps results: level, 1-based region with exclusive end, ruleIndex, related", () => {
    const log = toSarif([sampleResult()], "/repo", "0.1.0") as any;
    const [err, warn, info] = log.runs[0].results;
    expect(err).toMatchObject({ ruleId: "schema-invalid-action", ruleIndex: 2, level: "error" });
    expect(err.locations[0].physicalLocation).toEqual({
      artifactLocation: { uri: "acl.conf" },
      region: { startLine: 3, startColumn: 14, endLine: 3, endColumn: 20 },
    });
    expect(warn.level).toBe("warning");
    expect(info.level).toBe("note");
    expect(warn.relatedLocations[0]).toMatchObject({ id: 1, message: { text: "the deny below" } });
  });

  it("makes URIs relative to cwd and percent-encodes them", () => {
    expect(artifactUri("/repo/etc/acl 1.conf", "/repo")).toBe("etc/acl%201.conf");
    expect(artifactUri("etc/acl.conf", "/repo")).toBe("etc/acl.conf");
    expect(artifactUri("/other/acl.conf", "/repo")).toBe("file:///other/acl.conf");
  });

  it("keeps fingerprints stable when unrelated lines are added above", () => {
    const before = sampleResult();
    const prefix = '%% a new comment\n{allow, {username, "x"}, publish, ["y"]}.\n\n';
    const text = prefix + SAMPLE;
    const after: FileResult = {
      ...before,
      text,
      forms: [
        { start: prefix.indexOf("{"), end: prefix.indexOf("}.") + 1 },
        ...sampleForms().map((f) => ({ start: f.start + prefix.length, end: f.end + prefix.length })),
      ],
      diagnostics: before.diagnostics.map((d) => ({
        ...d,
        term: d.term! + 1,
        range: diagAt(text, SAMPLE.slice(...offsets(d.range.start.line, d)), d.id, d.severity, d.message).range,
      })),
    };
    expect(fingerprints(after)).toEqual(fingerprints(before));
  });

  it("tells apart the same finding on two identical terms by occurrence", () => {
    const text = "{deny, all}.\n{deny, all}.\n";
    const d1 = diagAt(text, "{deny, all}", "dup", "warning", "m", 1);
    const d2 = { ...d1, term: 2, range: { start: { line: 1, character: 0 }, end: { line: 1, character: 11 } } };
    const prints = fingerprints({
      path: "a",
      text,
      dialect: null,
      dialectNote: null,
      diagnostics: [d1, d2],
      forms: [
        { start: 0, end: 12 },
        { start: 13, end: 25 },
      ],
    });
    expect(prints[0]).not.toBe(prints[1]);
    expect(prints[0].endsWith(":1") && prints[1].endsWith(":2")).toBe(true);
  });
});

/** [start, end) offsets in SAMPLE of a diagnostic's text (same line, from the range). */
function offsets(
  line: number,
  d: { range: { start: { character: number }; end: { character: number } } },
): [number, number] {
  const lineStart = SAMPLE.split("\n").slice(0, line).join("\n").length + (line > 0 ? 1 : 0);
  return [lineStart + d.range.start.character, lineStart + d.range.end.character];
}
