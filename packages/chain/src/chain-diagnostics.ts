/** The diagnostic catalogue's entries for the chain's findings (`emqx-acl analyze --config`). */
import { docsUrlFor, type DiagnosticDoc } from "@emqx-acl/syntax";

const chainDoc = (id: string, summary: string, rationale: string): DiagnosticDoc => ({
  id,
  kind: "chain",
  defaultSeverity: "warning",
  summary,
  rationale,
  fixable: false,
  docsUrl: docsUrlFor(id),
});

/** Every id of `unreachableSources`. */
export const chainDiagnosticDocs: DiagnosticDoc[] = [
  chainDoc(
    "source-unreachable",
    "An authorization source is never consulted: an earlier source answers every request first.",
    "EMQX asks the sources in order and stops at the first that answers; a source whose rules hold a catch-all such as `{deny, all}` answers every request, so every later source is dead configuration (and its rules, however edited, change nothing).",
  ),
  chainDoc(
    "no-match-unused",
    "`authorization.no_match` is never used: a source answers every request.",
    "`no_match` decides only requests no source answers; when a source holds a catch-all, editing `no_match` changes nothing, which can hide that the catch-all, not `no_match`, is what decides.",
  ),
];
