import { parseDocument, type Term } from "@emqx-acl/syntax";
import type { AuditContext, Finding } from "../context";
import { aclFiles } from "../acl-file";
import { allVersions, type AuditRule } from "../rule";
import { runsHardened } from "@emqx-acl/core";

export const aclFinalAllowAll: AuditRule = {
  id: "acl-final-allow-all",
  severity: allVersions("warning"),
  summary: "The acl file still ends with EMQX's catch-all {allow, all}.",
  rationale:
    "EMQX's shipped acl.conf ends with {allow, all}. (6 HEAD: {allow, {security_profile, legacy}}., the same under the default legacy profile), so everything the earlier rules do not deny is allowed whatever no_match says.",
  sources: "cluster-security.md §7; acl-language.md §5",
  check(ctx: AuditContext): Finding[] {
    const out: Finding[] = [];
    for (const acl of aclFiles(ctx)) {
      if (acl.text === null) continue;
      const forms = parseDocument(acl.text).forms.filter((f) => f.term);
      const last = forms[forms.length - 1];
      // under EMQX 6's hardened profile {allow, {security_profile, legacy}} no longer matches
      const legacyOnly = runsHardened(ctx.version, ctx.securityProfile);
      if (!last?.term || !isAllowAll(last.term, !legacyOnly)) continue;
      out.push({
        id: this.id,
        loc: { file: acl.path, start: last.start, end: last.end },
        message: `the acl file ends with {allow, all}: every client may do everything the rules above do not deny; end it with {deny, all}. or remove it and set no_match to deny`,
      });
    }
    return out;
  },
};

function atom(t: Term | undefined, value: string): boolean {
  return t?.kind === "atom" && t.value === value;
}

/** `{allow, all}` or `{allow, {security_profile, legacy}}` (the legacy profile is the default). */
function isAllowAll(t: Term, legacyProfile: boolean): boolean {
  if (t.kind !== "tuple" || t.elements.length !== 2 || !atom(t.elements[0], "allow")) return false;
  const who = t.elements[1];
  if (atom(who, "all")) return true;
  return (
    legacyProfile &&
    who.kind === "tuple" &&
    who.elements.length === 2 &&
    atom(who.elements[0], "security_profile") &&
    atom(who.elements[1], "legacy")
  );
}
