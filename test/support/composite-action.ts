/**
 * Runs the `run:` steps of this repository's composite action (action.yml) the way the
 * GitHub runner does for `shell: bash`: each step's script in a file run with
 * `bash --noprofile --norc -eo pipefail FILE`, in the workspace, with the GITHUB_* / RUNNER_*
 * variables, the step's `env:`, `${{ inputs.x }}` (defaults from action.yml) and
 * `${{ github.action_path }}` substituted, a fresh GITHUB_OUTPUT file per step, and the run
 * stopping at the first failing step. Anything else (`uses:` steps, `if:`, other expressions)
 * is refused, so a test cannot pass on a step it did not really run.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { createRequire } from "node:module";
import { join } from "node:path";
import { repoRoot } from "./shared";

// the `yaml` package is the CLI's dependency (not the workspace root's): load it from there
const { parse } = createRequire(join(repoRoot, "packages", "cli", "package.json"))("yaml") as {
  parse(text: string): unknown;
};

interface Step {
  name?: string;
  id?: string;
  shell?: string;
  run?: string;
  env?: Record<string, string>;
  [key: string]: unknown;
}

interface ActionFile {
  inputs: Record<string, { default?: string; required?: boolean }>;
  outputs?: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
}

export interface StepRun {
  name: string;
  code: number;
  stdout: string;
  stderr: string;
}

export interface ActionRun {
  /** The exit status of the job step using the action: that of its first failing step, else 0. */
  code: number;
  steps: StepRun[];
  summary: string;
  outputs: Record<string, string>;
}

/** The action as parsed from action.yml. */
export function readAction(): ActionFile {
  return parse(readFileSync(join(repoRoot, "action.yml"), "utf8")) as ActionFile;
}

function substitute(
  text: string,
  inputs: Record<string, string>,
  stepOutputs: Map<string, Record<string, string>>,
): string {
  return text.replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_m, expr: string) => {
    let m = /^inputs\.([A-Za-z0-9_-]+)$/.exec(expr);
    if (m) {
      if (!(m[1] in inputs)) throw new Error(`action.yml uses an undeclared input: ${m[1]}`);
      return inputs[m[1]];
    }
    if (expr === "github.action_path") return repoRoot;
    m = /^steps\.([A-Za-z0-9_-]+)\.outputs\.([A-Za-z0-9_-]+)$/.exec(expr);
    if (m) return stepOutputs.get(m[1])?.[m[2]] ?? "";
    throw new Error(`the test harness does not evaluate \${{ ${expr} }}`);
  });
}

/** `key=value` lines of a GITHUB_OUTPUT file (the heredoc form is not used by the action). */
function readOutputs(path: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of readFileSync(path, "utf8").split("\n")) {
    const i = line.indexOf("=");
    if (i > 0) out[line.slice(0, i)] = line.slice(i + 1);
  }
  return out;
}

function allInputs(action: ActionFile, given: Record<string, string>): Record<string, string> {
  const inputs: Record<string, string> = {};
  for (const [name, spec] of Object.entries(action.inputs)) {
    if (spec.required && given[name] === undefined) throw new Error(`input ${name} is required`);
    inputs[name] = given[name] ?? spec.default ?? "";
  }
  for (const name of Object.keys(given)) if (!(name in inputs)) throw new Error(`action.yml has no input ${name}`);
  return inputs;
}

/** Runs the action's steps in `workspace` with these inputs and extra environment (e.g. GITHUB_BASE_REF). */
export function runCompositeAction(
  workspace: string,
  given: Record<string, string>,
  extraEnv: Record<string, string> = {},
): ActionRun {
  const action = readAction();
  if (action.runs.using !== "composite") throw new Error("not a composite action");
  const inputs = allInputs(action, given);
  const temp = mkdtempSync(join(tmpdir(), "emqx-acl-runner-"));
  const summary = join(temp, "step-summary.md");
  writeFileSync(summary, "");
  const base = {
    PATH: process.env.PATH ?? "/usr/bin:/bin",
    HOME: process.env.HOME ?? temp,
    CI: "true",
    GITHUB_ACTIONS: "true",
    GITHUB_WORKSPACE: workspace,
    GITHUB_ACTION_PATH: repoRoot,
    GITHUB_STEP_SUMMARY: summary,
    GITHUB_ENV: join(temp, "env"),
    GITHUB_PATH: join(temp, "path"),
    GITHUB_EVENT_NAME: "pull_request",
    RUNNER_TEMP: temp,
    RUNNER_OS: "Linux",
    ...extraEnv,
  };
  const stepOutputs = new Map<string, Record<string, string>>();
  const steps: StepRun[] = [];
  for (const [i, step] of action.runs.steps.entries()) {
    const extra = Object.keys(step).filter((k) => !["name", "id", "shell", "run", "env"].includes(k));
    if (step.run === undefined || step.shell !== "bash" || extra.length)
      throw new Error(
        `step ${i + 1}: only 'run' steps with shell: bash are run by this harness (has ${extra.join(", ") || "no run"})`,
      );
    const script = join(temp, `step-${i + 1}.sh`);
    writeFileSync(script, substitute(step.run, inputs, stepOutputs));
    const output = join(temp, `output-${i + 1}`);
    writeFileSync(output, "");
    const env: Record<string, string> = { ...base, GITHUB_OUTPUT: output };
    for (const [k, v] of Object.entries(step.env ?? {})) env[k] = substitute(String(v), inputs, stepOutputs);
    const r = spawnSync("bash", ["--noprofile", "--norc", "-eo", "pipefail", script], {
      cwd: workspace,
      env,
      encoding: "utf8",
    });
    steps.push({ name: step.name ?? `step ${i + 1}`, code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr });
    if (step.id) stepOutputs.set(step.id, readOutputs(output));
    if (r.status !== 0) break;
  }
  const outputs: Record<string, string> = {};
  for (const [name, o] of Object.entries(action.outputs ?? {}))
    outputs[name] = substitute(o.value, inputs, stepOutputs);
  const failed = steps.find((s) => s.code !== 0);
  const text = readFileSync(summary, "utf8");
  rmSync(temp, { recursive: true, force: true });
  return { code: failed ? failed.code : 0, steps, summary: text, outputs };
}
