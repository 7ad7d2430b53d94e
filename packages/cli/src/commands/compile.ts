/**
 * `emqx-acl compile FILE --to TARGET --emqx 4|5|6 [--out DIR] [--table NAME]
 * [--key-prefix P] [--allow-lossy]`: the file's rules for a backend (or acl.conf of another
 * EMQX version, or JSON). A rule the target cannot express exactly is printed with
 * file:line:col and its reason, and nothing is written (exit 1) unless `--allow-lossy`,
 * which writes the rest and lists what was dropped. `--out` never removes or replaces
 * anything but the files it writes (see out-dir.ts).
 */
import { terminalName, terminalText } from "../terminal-text";
import { parseTableName } from "../table-option";
import { basename } from "node:path";
import { loadRuleSet, refusalLine } from "@emqx-acl/analysis";
import type { Dialect } from "@emqx-acl/core";
import { emitterFor, TARGETS, type EmitResult, type TargetName } from "@emqx-acl/emitters";
import { Option, type Command } from "commander";
import { writeOutDir, type OutFile } from "../out-dir";
import { readInput } from "../read-input";
import { UsageError } from "../usage-error";
import { addEmqxOption } from "../emqx-option";

interface CompileFlags {
  to: TargetName;
  emqx: "4" | "5" | "6";
  sourceEmqx?: "4" | "5" | "6" | "auto";
  out?: string;
  table?: string;
  keyPrefix?: string;
  allowLossy?: boolean;
  force?: boolean;
}

/** The bytes of an emitted file: RESP seeds are byte strings (latin-1), the rest UTF-8. */
export function outFiles(files: EmitResult["files"]): OutFile[] {
  return files.map((f) => ({
    name: f.name,
    bytes: Buffer.from(f.content, f.name.endsWith(".resp") ? "latin1" : "utf8"),
  }));
}

async function run(file: string, flags: CompileFlags): Promise<void> {
  const target = `v${flags.emqx}` as Dialect;
  const input = readInput(file);
  const sourceDialect = flags.sourceEmqx
    ? flags.sourceEmqx === "auto"
      ? "auto"
      : (`v${flags.sourceEmqx}` as Dialect)
    : flags.to === "acl"
      ? "auto"
      : target;
  const analysis = loadRuleSet(input.bytes, { dialect: sourceDialect });
  const { ruleSet } = analysis.lowered;
  const lines = analysis.parse.lineIndex;
  const at = (offset: number) => {
    const p = lines.position(offset);
    return `${terminalName(input.path)}:${p.line + 1}:${p.character + 1}`;
  };
  const refusal = refusalLine(analysis, input.path, ruleSet.dialect.slice(1));
  if (refusal !== null) {
    process.stderr.write(`${terminalText(refusal)}\n`);
    process.exitCode = 1;
    return;
  }
  let result: EmitResult;
  try {
    result = emitterFor(flags.to).emit(ruleSet.rules, {
      dialect: ruleSet.dialect,
      targetDialect: target,
      table: flags.table,
      keyPrefix: flags.keyPrefix,
      sourceText: lines.text,
      sourceName: basename(input.path),
    });
  } catch (e) {
    throw new UsageError((e as Error).message);
  }
  for (const r of result.refusals) {
    process.stderr.write(
      `${at(r.start)}: rule ${r.rule}: ${flags.allowLossy ? "dropped" : "cannot be expressed"} in ${flags.to} (EMQX ${flags.emqx}): ${terminalText(r.reason)}\n`,
    );
  }
  if (result.refusals.length && !flags.allowLossy) {
    const n = new Set(result.refusals.map((r) => r.rule)).size;
    process.stderr.write(
      `emqx-acl: ${n} rule(s) cannot be expressed exactly; nothing written (--allow-lossy writes the rest)\n`,
    );
    process.exitCode = 1;
    return;
  }
  for (const n of result.notes) process.stderr.write(`note: ${n}\n`);
  if (flags.out) writeOutDir(flags.out, outFiles(result.files), { force: flags.force });
  else if (result.files.length === 1) process.stdout.write(result.files[0].content);
  else
    for (const f of result.files)
      process.stdout.write(`==> ${f.name} <==\n${f.content}${f.content.endsWith("\n") ? "" : "\n"}`);
}

export function register(program: Command): void {
  addEmqxOption(program.command("compile"), {
    key: "emqx",
    digits: true,
    required: true,
    description: "EMQX version of the output",
  })
    .description(
      "compile acl.conf rules to a backend (SQL, Redis, MongoDB, REST API), acl.conf of another EMQX version, or JSON",
    )
    .argument("<file>", "acl.conf file ('-' for stdin)")
    .addOption(new Option("--to <target>", "output kind").choices([...TARGETS]).makeOptionMandatory())
    .addOption(
      new Option(
        "--source-emqx <version>",
        "EMQX version the file is written for (default: --emqx; for --to acl: detected)",
      ).choices(["4", "5", "6", "auto"]),
    )
    .option(
      "--out <dir>",
      "write the files into DIR (a new directory, or one holding only these files) instead of stdout",
    )
    .option(
      "--force",
      "with --out: write into a directory that holds other files too (only the files written are replaced; nothing else is touched)",
    )
    .option("--table <name>", "SQL table / MongoDB collection name", parseTableName, "mqtt_acl")
    .option("--key-prefix <prefix>", "Redis key prefix", "mqtt_acl:")
    .option("--allow-lossy", "write what can be expressed and list the dropped rules")
    .addHelpText(
      "after",
      () =>
        `\nWhat each target cannot express (such rules are refused):\n${TARGETS.filter(
          (t) => emitterFor(t).limits.length,
        )
          .map(
            (t) =>
              `  ${t}:\n${emitterFor(t)
                .limits.map((l) => `    - ${l}`)
                .join("\n")}`,
          )
          .join("\n")}\n`,
    )
    .action((file: string, flags: CompileFlags) => run(file, flags));
}
