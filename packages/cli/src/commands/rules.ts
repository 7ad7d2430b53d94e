/**
 * `emqx-acl rules [ID] [--emqx 4|5|6] [--format json|pretty]`: the lint rule catalogue, or one rule's
 * documentation (the same metadata the docs and the language server's hover use).
 * Exit 0; 2 for an unknown id.
 */
import { renderRuleDoc, ruleCatalog } from "@emqx-acl/analysis";
import type { Dialect } from "@emqx-acl/core";
import { Option, type Command } from "commander";
import { UsageError } from "../usage-error";
import { addEmqxOption } from "../emqx-option";

/** The text `rules` prints. */
export function rulesOutput(id: string | undefined, format: "json" | "pretty", emqx?: string): string {
  if (id !== undefined) {
    const m = ruleCatalog.get(id);
    if (!m) throw new UsageError(`unknown rule '${id}' (see: emqx-acl rules)`);
    return format === "json" ? `${JSON.stringify(m)}\n` : renderRuleDoc(m);
  }
  // a rule without `dialects` applies to every version
  const all = [...ruleCatalog.values()].filter((m) => emqx === undefined || !m.dialects || m.dialects.includes(emqx as Dialect));
  if (format === "json") return `${JSON.stringify(all)}\n`;
  const width = Math.max(...all.map((m) => m.id.length));
  return `${all.map((m) => `${m.id.padEnd(width)}  ${m.defaultSeverity.padEnd(7)}  ${m.summary}`).join("\n")}\n`;
}

export function register(program: Command): void {
  addEmqxOption(program.command("rules"), { key: "emqx", description: "list only the rules that apply to this EMQX version" })
    .description("list the lint rules, or show one rule's documentation")
    .argument("[id]", "a rule id")
    .addOption(new Option("--format <format>", "output format").choices(["pretty", "json"]).default("pretty"))
    .action((id: string | undefined, options: { format: "json" | "pretty"; emqx?: string }) => {
      process.stdout.write(rulesOutput(id, options.format, options.emqx));
    });
}
