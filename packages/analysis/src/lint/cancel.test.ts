import { describe, expect, it } from "vitest";
import { analyzeDocument } from "../analyze-document";
import { AnalysisCancelled } from "./cancel";

const text = '{allow, {username, "a"}, publish, ["t/#"]}.\n{deny, {username, "a"}, publish, ["t/1"]}.\n{allow, all}.\n';

describe("cancelling an analysis", () => {
  it("a cancelled token stops the lint with AnalysisCancelled", () => {
    expect(() => analyzeDocument(text, { dialect: "v5", cancel: { cancelled: true } })).toThrow(AnalysisCancelled);
  });
  it("a token never cancelled changes nothing", () => {
    const plain = analyzeDocument(text, { dialect: "v5" }).diagnostics;
    expect(plain.map((d) => d.id)).toContain("rule-unreachable");
    expect(analyzeDocument(text, { dialect: "v5", cancel: { cancelled: false } }).diagnostics).toEqual(plain);
  });
  it("a token cancelled while reachability works stops it there, not only between lint rules", () => {
    const rules = Array.from({ length: 3000 }, (_, i) => `{allow, {username, "u${i}"}, publish, ["t/${i}/#"]}.`).join(
      "\n",
    );
    let where = "";
    // cancelled at the first poll made from inside the analysis (not from the lint loop)
    const token = {
      get cancelled() {
        const stack = new Error().stack ?? "";
        if (!stack.includes("spend")) return false;
        where = stack;
        return true;
      },
    };
    expect(() => analyzeDocument(`${rules}\n{deny, all}.\n`, { dialect: "v5", cancel: token })).toThrow(
      AnalysisCancelled,
    );
    expect(where).toContain("spend");
  });
  it("files that do not load are never linted, so there is nothing to cancel", () => {
    expect(analyzeDocument("{allow, all", { dialect: "v5", cancel: { cancelled: true } }).diagnostics[0].id).toMatch(
      /^syntax-/,
    );
  });
});
