import { describe, expect, it } from "vitest";
import type { Diagnostic } from "@emqx-acl/syntax";
import { DocumentAnalyzer } from "./incremental-analysis";
import { DiagnosticsReceiver, DiagnosticsSender, sameDiagnostic } from "./diagnostics-delta";

const rules = (n: number, edited = -1) =>
  Array.from(
    { length: n },
    (_, i) => `{allow, {username, "u${i}"}, publish, ["t/\${clientid}/${i}${i === edited ? "x" : ""}"]}.`,
  ).join("\n") + "\n{deny, all}.\n";

describe("diagnostics between the worker and the server thread", () => {
  it("after a keystroke inside one rule only the diagnostics around it are sent; the rebuilt list is the worker's", () => {
    const analyzer = new DocumentAnalyzer();
    const sender = new DiagnosticsSender();
    const receiver = new DiagnosticsReceiver();
    const send = (text: string) => {
      const a = analyzer.analyze("u", text, { dialect: "v5" });
      const wire = structuredClone(sender.encode("u", a.diagnostics));
      return { wire, got: receiver.decode("u", wire), want: a.diagnostics };
    };
    const first = send(rules(40));
    expect(first.want.length).toBeGreaterThan(20);
    expect("full" in first.wire).toBe(true);
    const second = send(rules(40, 20));
    expect("middle" in second.wire && second.wire.middle.length).toBeLessThan(4);
    expect(second.got).toEqual(second.want);
    // unchanged diagnostics are the previous objects
    expect(second.got![0]).toBe(first.got![0]);
    expect(second.got![second.got!.length - 1]).toBe(first.got![first.got!.length - 1]);
  });

  it("rebuilds any change exactly; deep equality sees every field", () => {
    const d = (line: number, message = "m", extra: Partial<Diagnostic> = {}): Diagnostic => ({
      id: "x",
      severity: "warning",
      message,
      term: line + 1,
      range: { start: { line, character: 0 }, end: { line, character: 5 } },
      ...extra,
    });
    const sender = new DiagnosticsSender();
    const receiver = new DiagnosticsReceiver();
    const a = Array.from({ length: 12 }, (_, i) => d(i));
    receiver.decode("d", structuredClone(sender.encode("d", a)));
    const b = [...a.slice(0, 5).map((x) => ({ ...x })), d(5, "changed"), d(5.5), ...a.slice(6).map((x) => ({ ...x }))];
    const wb = structuredClone(sender.encode("d", b));
    expect(wb).toMatchObject({ head: 5, tail: 6 });
    expect(receiver.decode("d", wb)).toEqual(b);
    const fix = { title: "f", edits: [{ range: d(1).range, newText: "" }] };
    expect(
      sameDiagnostic(d(1, "m", { fix }), d(1, "m", { fix: { ...fix, edits: [{ ...fix.edits[0], newText: "y" }] } })),
    ).toBe(false);
    expect(
      sameDiagnostic(
        d(1, "m", { related: [{ range: d(2).range, message: "r" }] }),
        d(1, "m", { related: [{ range: d(3).range, message: "r" }] }),
      ),
    ).toBe(false);
    expect(sameDiagnostic(d(1), { ...d(1), severity: "info" })).toBe(false);
    expect(sameDiagnostic(d(1, "m", { fix }), d(1, "m", { fix: structuredClone(fix) }))).toBe(true);
  });
});
