/**
 * `emqx-acl diff --config OLD.conf --config NEW.conf [--source-rules TYPE=FILE]…
 * [--emqx V] [--emqx-new V]`: the classes of requests the two authorization chains
 * decide differently (chain's `diffChains`), each with a witness decided on both, and
 * when the change reaches clients. Exit 1 when something is newly allowed or EMQX refuses
 * a configuration.
 */
import {
  diffChains,
  stageText,
  takesEffect,
  witnessWire,
  type Chain,
  type ChainDiff,
  type ChainDiffClass,
  type ChainDecision,
} from "@emqx-acl/chain";
import { requestWitnessText } from "@emqx-acl/analysis";
import type { Dialect } from "@emqx-acl/core";
import { loadChainForCli, type ChainFlags } from "./chain-options";
import { terminalText } from "./terminal-text";

export interface ChainDiffOptions extends ChainFlags {
  configs: string[];
  engine?: Dialect;
  engineNew?: Dialect;
  format: "pretty" | "json";
  securityProfile?: "legacy" | "hardened";
}

interface IO {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown };
}

const WHAT_IS_PROVED =
  "each class is confirmed by its witness, decided on both chains; that no other request changes is not proved: only the sampled requests were decided (a witness per reachable rule of every modelled source, the per-source semantic diff's witnesses, and requests no rule names). Sources that are not modelled answer nothing on both sides.";

function side(d: ChainDecision): string {
  return `${d.decision} (${stageText(d.stage)})`;
}

function classLines(c: ChainDiffClass, chain: Chain): string[] {
  return [
    `  ${side(c.from)} → ${side(c.to)}: e.g. ${requestWitnessText(c.witness)} (${c.count} sampled)`,
    `    takes effect: ${takesEffect(c, chain)}`,
  ];
}

function pretty(oldPath: string, newPath: string, d: ChainDiff, chain: Chain): string {
  const out = [`${oldPath} → ${newPath}: ${d.sampled} requests decided on both chains`];
  const group = (title: string, list: ChainDiffClass[]) => {
    if (!list.length) return;
    out.push(`${title} (${list.length} class${list.length === 1 ? "" : "es"}):`);
    for (const c of list) out.push(...classLines(c, chain));
  };
  group("NEWLY ALLOWED", d.newlyAllowed);
  group("newly denied", d.newlyDenied);
  group("unknown on one side (a rule this tool cannot decide)", d.unknown);
  if (!d.newlyAllowed.length && !d.newlyDenied.length && !d.unknown.length)
    out.push("no sampled request changes its decision");
  out.push(`what is proved: ${WHAT_IS_PROVED}`);
  return `${out.join("\n")}\n`;
}

function json(oldPath: string, newPath: string, d: ChainDiff, chain: Chain): string {
  const cls = (list: ChainDiffClass[]) =>
    list.map((c) => ({
      from: c.from,
      to: c.to,
      witness: witnessWire(c.witness),
      sampled: c.count,
      takesEffect: takesEffect(c, chain),
    }));
  return `${JSON.stringify({ old: oldPath, new: newPath, sampled: d.sampled, newlyAllowed: cls(d.newlyAllowed), newlyDenied: cls(d.newlyDenied), unknown: cls(d.unknown), proved: WHAT_IS_PROVED })}\n`;
}

/** Compares the chains of two configurations; returns the exit code. */
export function runChainDiff(o: ChainDiffOptions, io: IO): number {
  const [oldPath, newPath] = o.configs;
  const profile = o.securityProfile ?? "legacy";
  const load = (path: string, engine: Dialect | "auto") =>
    loadChainForCli({ ...o, config: path }, engine, profile, io.stderr, { unusedRulesOk: true });
  const a = load(oldPath, o.engine ?? "auto");
  const b = load(newPath, o.engineNew ?? o.engine ?? "auto");
  if (!a || !b) return 1;
  const d = diffChains(a, b);
  io.stdout.write(o.format === "json" ? json(oldPath, newPath, d, b) : terminalText(pretty(oldPath, newPath, d, b)));
  return d.newlyAllowed.length ? 1 : 0;
}
