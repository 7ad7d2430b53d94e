/**
 * The region entries of an accepted-changes file as acl rules (`{allow, Who, Action,
 * Topics}`, one per entry, in the diff's EMQX version), so that the exact semantic diff can
 * be asked what is newly allowed outside every accepted region: prepended to both files,
 * the regions decide the same in both, and only requests outside them can differ.
 */
import { loadRuleSet } from "@emqx-acl/analysis";
import type { Dialect, Rule } from "@emqx-acl/core";
import { TestFileError } from "../authz-tests/yaml-reader";
import type { AcceptEntry, AcceptFile, NameSpec, WhoSpec } from "./accept-file";
import { capabilities } from "@emqx-acl/core";
import { erlStringLiteral } from "@emqx-acl/syntax";

/** A region entry and its rule. */
export interface AcceptRegion {
  entry: AcceptEntry;
  rule: Rule;
}

function nameTerm(n: NameSpec): string {
  return "eq" in n ? erlStringLiteral(n.eq) : `{re, ${erlStringLiteral(n.re)}}`;
}

/** The who-term of a region in `dialect` (EMQX 4.4 spells username/clientid user/client). */
export function whoTerm(who: WhoSpec, dialect: Dialect): string {
  const terms: string[] = [];
  if (who.username) terms.push(`{${capabilities(dialect).whoTags.username}, ${nameTerm(who.username)}}`);
  if (who.clientid) terms.push(`{${capabilities(dialect).whoTags.clientid}, ${nameTerm(who.clientid)}}`);
  if (who.ipaddr)
    terms.push(
      who.ipaddr.length === 1
        ? `{ipaddr, ${erlStringLiteral(who.ipaddr[0])}}`
        : `{ipaddrs, [${who.ipaddr.map(erlStringLiteral).join(", ")}]}`,
    );
  if (terms.length === 0) return "all";
  return terms.length === 1 ? terms[0] : `{'and', [${terms.join(", ")}]}`;
}

/** The rule text of a region entry. */
export function regionText(entry: AcceptEntry, dialect: Dialect): string {
  const m = entry.match;
  if (m.kind !== "region") throw new Error("not a region entry");
  return `{allow, ${whoTerm(m.who, dialect)}, ${m.action}, [${m.topics.map(erlStringLiteral).join(", ")}]}.`;
}

/**
 * The region entries lowered for `dialect`, rule i + 1 being the i-th region; an entry EMQX
 * would refuse (a regex in EMQX 4.4, a bad CIDR) is a TestFileError at the entry.
 */
export function acceptRegions(file: AcceptFile, dialect: Dialect): AcceptRegion[] {
  const entries = file.entries.filter((e) => e.match.kind === "region");
  return entries.map((entry, i) => {
    const loaded = loadRuleSet(regionText(entry, dialect), { dialect });
    const rule = loaded.lowered.ruleSet.rules[0];
    if (loaded.lowered.ruleSet.loadError || !rule) {
      const why =
        loaded.diagnostics.find((d) => d.severity === "error")?.message ?? loaded.lowered.ruleSet.loadError?.message;
      throw new TestFileError(
        file.path,
        entry.at,
        `accept entry ${entry.n}: EMQX ${dialect} cannot express this region: ${why}`,
      );
    }
    return { entry, rule: { ...rule, index: i + 1 } };
  });
}
