import { describe, expect, it } from "vitest";
import { parseDocument } from "@emqx-acl/syntax";
import { removalEdit } from "./util";

function removed(text: string, index: number): string | null {
  const p = parseDocument(text);
  const e = removalEdit({ text: p.text, forms: p.forms, lineIndex: p.lineIndex }, index);
  return e && text.slice(0, e.start) + e.newText + text.slice(e.end);
}

describe("removalEdit: the one rule-removal edit of lint fixes and the editor", () => {
  it("a form alone on its lines goes with them; beside others or a comment only the form goes", () => {
    expect(removed('{allow, all, publish, ["a"]}.\n{deny, all}.\n', 1)).toBe("{deny, all}.\n");
    expect(removed('{allow, all, publish, ["a"]}.\r\n  {deny, all}.\r\n', 2)).toBe('{allow, all, publish, ["a"]}.\r\n');
    expect(removed('{allow, all, publish, ["a"]}. {deny, all}.\n', 2)).toBe('{allow, all, publish, ["a"]}. \n');
    expect(removed('{allow, all, publish, ["a"]}. % keep\n{deny, all}.\n', 1)).toBe(" % keep\n{deny, all}.\n");
    expect(removed('{allow,\n  all, publish, ["a"]}.\n{deny, all}.', 1)).toBe("{deny, all}.");
    expect(removed('{allow, all, publish, ["a"]}.\n{deny, all}.', 2)).toBe('{allow, all, publish, ["a"]}.\n');
    expect(removed("{deny, all}.\n", 2)).toBeNull();
  });
});
