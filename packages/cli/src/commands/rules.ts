/**
 * `emqx-acl rules [ID] [--format json|pretty]`: the lint rule catalogue, or one rule's
 * documentation (the same metadata the docs and the language server's hover use).
 * Exit 0; 2 for an unknown id.
 */
import { renderRuleDoc, ruleCatalog } from "@emqx-acl/analysis";
import { Option, type Command } from "commander";
import { UsageError } from "../usage-error";

/** The text `rules` prints. */
export function rulesOutput(id: string | undefined, format: "json" | "pretty"): string {
  if (id !== undefined) {
    const m = ruleCatalog.get(id);
    if (!m) throw new UsageError(`unknown rule '${id}' (see: emqx-acl rules)`);
    return format === "json" ? `${JSON.stringify(m)}\n` : renderRuleDoc(m);
  }
  const all = [...ruleCatalog.values()];
  if (format === "json") return `${JSON.stringify(all)}\n`;
  const width = Math.max(...all.map((m) => m.id.length));
  return `${all.map((m) => `${m.id.padEnd(width)}  ${m.defaultSeverity.padEnd(7)}  ${m.summary}`).join("\n")}\n`;
}

export function register(program: Command): void {
  program
    .command("rules")
    .description("list the lint rules, or show one rule's documentation")
    .argument("[id]", "a rule id")
    .addOption(new Option("--format <format>", "output format").choices(["pretty", "json"]).default("pretty"))
    .action((id: string | undefined, options: { format: "json" | "pretty" }) => {
      process.stdout.write(rulesOutput(id, options.format));
    });
}
