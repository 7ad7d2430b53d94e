/**
 * `emqx-acl rules [ID] [--emqx 4|5|6] [--format json|pretty]`: the diagnostic catalogue
 * (every id emqx-acl can report), or one id's documentation (the docs/rules page; the
 * language server's hover reads the same entries). Exit 0; 2 for an unknown id.
 */
import { renderDiagnosticDoc, type DocDialect } from "@emqx-acl/syntax";
import { Option, type Command } from "commander";
import { diagnosticCatalog } from "../diagnostic-catalog";
import { addEmqxOption } from "../emqx-option";
import { UsageError } from "../usage-error";

/** The text `rules` prints. */
export function rulesOutput(id: string | undefined, format: "json" | "pretty", emqx?: string): string {
  if (id !== undefined) {
    const m = diagnosticCatalog.get(id);
    if (!m) throw new UsageError(`unknown rule '${id}' (see: emqx-acl rules)`);
    return format === "json" ? `${JSON.stringify(m)}\n` : renderDiagnosticDoc(m);
  }
  // an id without `dialects` applies to every version
  const all = [...diagnosticCatalog.values()].filter(
    (m) => emqx === undefined || !m.dialects || m.dialects.includes(emqx as DocDialect),
  );
  if (format === "json") return `${JSON.stringify(all)}\n`;
  const width = Math.max(...all.map((m) => m.id.length));
  return `${all.map((m) => `${m.id.padEnd(width)}  ${m.kind.padEnd(6)}  ${m.defaultSeverity.padEnd(7)}  ${m.summary}`).join("\n")}\n`;
}

export function register(program: Command): void {
  addEmqxOption(program.command("rules"), {
    key: "emqx",
    description: "list only the ids that apply to this EMQX version",
  })
    .description(
      "list every diagnostic id (lint rules, syntax and load errors, audit rules), or show one id's documentation",
    )
    .argument("[id]", "a diagnostic id")
    .addOption(new Option("--format <format>", "output format").choices(["pretty", "json"]).default("pretty"))
    .action((id: string | undefined, options: { format: "json" | "pretty"; emqx?: string }) => {
      process.stdout.write(rulesOutput(id, options.format, options.emqx));
    });
}
