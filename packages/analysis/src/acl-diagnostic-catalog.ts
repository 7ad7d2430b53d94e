/**
 * The diagnostic catalogue's entries for every id an acl.conf can get (what `lint` and the
 * language server report): the reader's, the loader's and the lint rules'.
 */
import { schemaDiagnosticDocs } from "@emqx-acl/core";
import { syntaxDiagnosticDocs, type DiagnosticDoc } from "@emqx-acl/syntax";
import { ruleCatalog } from "./rules/registry";

/** id → entry, reader ids first, then the loader's, then the lint rules in their running order. */
export const aclDiagnosticCatalog: ReadonlyMap<string, DiagnosticDoc> = new Map(
  [...syntaxDiagnosticDocs, ...schemaDiagnosticDocs, ...ruleCatalog.values()].map((d) => [d.id, d]),
);
