/**
 * Every documented example of the diagnostic catalogue's acl ids (reader, loader and lint
 * rules; hovers, `emqx-acl rules` and docs/rules show them) does what it says: the bad one
 * is reported with the id, the good one is not, in each EMQX version it declares.
 */
import { describe, expect, it } from "vitest";
import { analyzeDocument } from "../analyze-document";
import { aclDiagnosticCatalog } from "../acl-diagnostic-catalog";

const ids = (text: string, dialect: "v4" | "v5" | "v6") =>
  analyzeDocument(text, { dialect }).diagnostics.map((d) => d.id);

describe("documented examples", () => {
  for (const doc of aclDiagnosticCatalog.values()) {
    if (!doc.examples) continue;
    for (const dialect of doc.examples.dialects ?? doc.dialects ?? (["v4", "v5", "v6"] as const)) {
      it(`${doc.id} (${dialect}): the bad example is reported, the good one is not`, () => {
        expect(ids(doc.examples!.bad, dialect)).toContain(doc.id);
        expect(ids(doc.examples!.good, dialect)).not.toContain(doc.id);
      });
    }
  }

  it("subscribe-wildcard-escalation: an earlier deny of the # form for every client is the fix", () => {
    expect(ids('{deny, all, subscribe, [{eq, "a/#"}]}.\n{allow, all, subscribe, ["a/+"]}.', "v5")).not.toContain(
      "subscribe-wildcard-escalation",
    );
    // a deny of another filter, for some clients only, or after the rule is no fix
    for (const text of [
      '{deny, all, subscribe, [{eq, "b/#"}]}.\n{allow, all, subscribe, ["a/+"]}.',
      '{deny, {username, "u"}, subscribe, [{eq, "a/#"}]}.\n{allow, all, subscribe, ["a/+"]}.',
      '{allow, all, subscribe, ["a/+"]}.\n{deny, all, subscribe, [{eq, "a/#"}]}.',
    ])
      expect(ids(text, "v5")).toContain("subscribe-wildcard-escalation");
  });
});
