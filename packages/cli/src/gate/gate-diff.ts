/**
 * The no-new-access gate over the semantic diff: each newly allowed class is accepted by an
 * entry of the accepted-changes file or not. A rule / line entry accepts every class the new
 * rule decides. Region entries are applied exactly: the diff is taken again with the regions
 * prepended to both files (they decide alike there), so a class stays unaccepted exactly when
 * some request outside every region is newly allowed, and its witness is such a request.
 */
import { PartitionTooLarge, semanticDiff, type DiffClass, type SemanticDiff } from "@emqx-acl/analysis";
import { compileDecider, fromWire, type Dialect, type Rule } from "@emqx-acl/core";
import { LineIndex } from "@emqx-acl/syntax";
import { UsageError } from "../usage-error";
import type { AcceptEntry, AcceptFile } from "./accept-file";
import { acceptRegions, type AcceptRegion } from "./accept-regions";

/** A newly allowed class and the entry that accepts it (null: the gate fails on it). */
export interface GateClass extends DiffClass {
  accepted: AcceptEntry | null;
}

export interface GateResult {
  newlyAllowed: GateClass[];
  newlyDenied: DiffClass[];
  changed: DiffClass[];
  /** Newly allowed classes no entry accepts. */
  unaccepted: number;
  /** Entries that accept no class (stale, or narrower than what the change allows). */
  unused: AcceptEntry[];
}

/** What the gate compares: both files' rules and the new file's text (for `line:` entries). */
export interface GateInput {
  oldRules: Rule[];
  newRules: Rule[];
  newText: string;
  dialect: Dialect;
}

function diff(a: Rule[], b: Rule[], dialect: Dialect): SemanticDiff {
  try {
    return semanticDiff(a, b, dialect);
  } catch (e) {
    if (!(e instanceof PartitionTooLarge)) throw e;
    throw new UsageError(
      "the two files together distinguish too many kinds of clients to compare exactly (identity partition limit reached)",
    );
  }
}

const key = (c: DiffClass) => `${c.from.rule}|${c.to.rule}`;

/** Newly allowed classes outside every region, keyed by (old rule, new rule) of the real files. */
function outsideRegions(input: GateInput, regions: AcceptRegion[]): Map<string, DiffClass> {
  const m = regions.length;
  const shift = (r: Rule): Rule => ({ ...r, index: r.index + m });
  const pre = regions.map((r) => r.rule);
  const d = diff([...pre, ...input.oldRules.map(shift)], [...pre, ...input.newRules.map(shift)], input.dialect);
  const back = (s: DiffClass["from"]) => ({ ...s, rule: s.rule === null ? null : s.rule - m });
  return new Map(
    d.newlyAllowed.map((c) => [
      `${back(c.from).rule}|${back(c.to).rule}`,
      { ...c, from: back(c.from), to: back(c.to) },
    ]),
  );
}

/** The rule / line entry that accepts what new rule `rule` newly allows, if any. */
function byRule(entries: AcceptEntry[], rule: Rule | undefined, lines: LineIndex): AcceptEntry | null {
  if (!rule) return null;
  const first = lines.position(rule.start).line + 1;
  const last = lines.position(Math.max(rule.start, rule.end - 1)).line + 1;
  return (
    entries.find(
      (e) =>
        (e.match.kind === "rule" && e.match.rule === rule.index) ||
        (e.match.kind === "line" && e.match.line >= first && e.match.line <= last),
    ) ?? null
  );
}

/** Which region entry holds a witness (the first, as the prepended rules decide), or null. */
function regionFinder(regions: AcceptRegion[], dialect: Dialect): (c: DiffClass) => AcceptEntry | null {
  if (!regions.length) return () => null;
  const decider = compileDecider({ dialect, rules: regions.map((r) => r.rule), loadError: null });
  return (c) => {
    const d = decider.decide(fromWire(c.witness));
    return d.rule === null ? null : (regions[d.rule - 1]?.entry ?? null);
  };
}

/** Runs the gate: the diff, with each newly allowed class accepted or not. */
export function gateDiff(input: GateInput, accept: AcceptFile | null): GateResult {
  const full = diff(input.oldRules, input.newRules, input.dialect);
  const entries = accept?.entries ?? [];
  const regions = accept ? acceptRegions(accept, input.dialect) : [];
  const outside = regions.length ? outsideRegions(input, regions) : new Map(full.newlyAllowed.map((c) => [key(c), c]));
  const lines = new LineIndex(input.newText);
  const ruleAt = new Map(input.newRules.map((r) => [r.index, r]));
  const regionOf = regionFinder(regions, input.dialect);
  const classes: GateClass[] = full.newlyAllowed.map((c) => {
    const rule = byRule(entries, ruleAt.get(c.to.rule ?? -1), lines);
    if (rule) return { ...c, accepted: rule };
    const left = outside.get(key(c));
    if (left) return { ...left, accepted: null };
    // every request of the class is inside some region; name the one holding the witness
    // (null only if the two diffs disagree: then the class fails, the safe side)
    return { ...c, accepted: regionOf(c) };
  });
  // a class only the second diff found (not expected: its requests are a subset of the first's)
  const seen = new Set(classes.map(key));
  for (const c of outside.values())
    if (!seen.has(key(c)) && !byRule(entries, ruleAt.get(c.to.rule ?? -1), lines))
      classes.push({ ...c, accepted: null });
  const used = new Set(classes.map((c) => c.accepted));
  const unused = entries.filter((e) => !used.has(e));
  return {
    newlyAllowed: classes,
    newlyDenied: full.newlyDenied,
    changed: full.changed,
    unaccepted: classes.filter((c) => !c.accepted).length,
    unused,
  };
}
