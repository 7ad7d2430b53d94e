/**
 * Space construction (identity dimensions + condition cubes) on a gen-fleet-acl file:
 * time, heap growth, classes per dimension and which dimensions are incomplete.
 * Run (a file from `node ../shared/bench/gen-fleet-acl.mjs N 1 v5 > f.conf`):
 *   node_modules/.bin/esbuild bench/space-dims.ts --bundle --platform=node --outfile=/tmp/space-dims.cjs
 *   node --expose-gc /tmp/space-dims.cjs f.conf v5
 */
import { readFileSync } from "node:fs";
import { lower } from "../packages/core/src/index";
import { parseDocument } from "../packages/syntax/src/index";
import { Space } from "../packages/analysis/src/reachability/reachability";

const [file, dialect = "v5"] = process.argv.slice(2);
/** Loaded in a function so the text and term tree are garbage before the heap baseline. */
function load(): ReturnType<typeof lower>["ruleSet"]["rules"] {
  return lower(parseDocument(readFileSync(file, "utf8")), dialect as "v5" | "v4").ruleSet.rules;
}
const rules = load();
const gc = () => {
  const g = (globalThis as { gc?: () => void }).gc;
  if (!g) throw new Error("run with --expose-gc");
  g();
  g();
};
gc();
const heap0 = process.memoryUsage().heapUsed;
const t0 = performance.now();
const cpu0 = process.cpuUsage();
const space = new Space(rules, dialect as "v5" | "v4", "legacy");
const ms = performance.now() - t0;
const cpu = process.cpuUsage(cpu0);
gc();
const heap = (process.memoryUsage().heapUsed - heap0) / 2 ** 20;
const dims = [...space.dims.values()].map((d) => `${d.key}:${d.classes.length}${d.incomplete ? "(incomplete)" : ""}`);
const inexact = space.inexact.filter((x) => x !== undefined).length;
console.log(
  JSON.stringify({
    rules: rules.length,
    ms: Math.round(ms),
    cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    heapMB: Math.round(heap * 10) / 10,
    dims,
    inexactRules: inexact,
  }),
);
