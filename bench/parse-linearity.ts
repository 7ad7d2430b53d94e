/**
 * Linearity of the parser on pathological shapes: time of a 10x larger input over the
 * smaller one's (a linear parser stays near 10x, a quadratic one nears 100x). Printed by
 * `pnpm bench parse`; a ratio, never a threshold (wall time on a loaded machine is noisy,
 * so the test suite checks only that these shapes parse, not how fast).
 */
import { parseDocument } from "../packages/syntax/src/index";
import { PATHOLOGICAL_SHAPES } from "../test/support/pathological-shapes";
import { measure, table } from "./harness";

export async function parseLinearity(): Promise<void> {
  const rows: (string | number)[][] = [];
  for (const [name, make] of PATHOLOGICAL_SHAPES) {
    const small = make(1_500);
    const large = make(15_000);
    const ts = (await measure(() => parseDocument(small), 5)).ms;
    const tl = (await measure(() => parseDocument(large), 5)).ms;
    rows.push([name, small.length, ts, large.length, tl, `${(tl / ts).toFixed(1)}x`]);
  }
  table(
    "parser linearity (10x input; linear ≈ 10x, quadratic ≈ 100x)",
    ["shape", "small chars", "ms", "large chars", "ms", "ratio"],
    rows,
  );
}
