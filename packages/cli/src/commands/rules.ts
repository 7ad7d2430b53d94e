/**
 * `emqx-acl rules [ID] [--format json|pretty]`: the diagnostic catalogue (every id emqx-acl
 * can report), or one id's documentation (the docs/rules page; the language server's hover
 * reads the same entries). Exit 0; 2 for an unknown id.
 */
import { renderDiagnosticDoc } from "@emqx-acl/syntax";
import { Option, type Command } from "commander";
import { diagnosticCatalog } from "../diagnostic-catalog";
import { UsageError } from "../usage-error";

/** The text `rules` prints. */
export function rulesOutput(id: string | undefined, format: "json" | "pretty"): string {
  if (id !== undefined) {
    const m = diagnosticCatalog.get(id);
    if (!m) throw new UsageError(`unknown rule '${id}' (see: emqx-acl rules)`);
    return format === "json" ? `${JSON.stringify(m)}\n` : renderDiagnosticDoc(m);
  }
  const all = [...diagnosticCatalog.values()];
  if (format === "json") return `${JSON.stringify(all)}\n`;
  const width = Math.max(...all.map((m) => m.id.length));
  return `${all.map((m) => `${m.id.padEnd(width)}  ${m.kind.padEnd(6)}  ${m.defaultSeverity.padEnd(7)}  ${m.summary}`).join("\n")}\n`;
}

export function register(program: Command): void {
  program
    .command("rules")
    .description("list every diagnostic id (lint rules, syntax and load errors, audit rules), or show one id's documentation")
    .argument("[id]", "a diagnostic id")
    .addOption(new Option("--format <format>", "output format").choices(["pretty", "json"]).default("pretty"))
    .action((id: string | undefined, options: { format: "json" | "pretty" }) => {
      process.stdout.write(rulesOutput(id, options.format));
    });
}
