/** Input shapes that would expose super-linear parsing (shared by syntax-fuzz and the parse bench). */
import { generateAcl } from "../../bench/acl-gen";

export const PATHOLOGICAL_SHAPES: [string, (n: number) => string][] = [
  ["generated rules", (n) => generateAcl(n)],
  ["one long string", (n) => `{allow, all, publish, ["${"a/b\\x41".repeat(n * 10)}"]}.`],
  ["adjacent strings", (n) => `${'"ab" '.repeat(n * 10)}.`],
  ["every form broken", (n) => "{allow b}.\n".repeat(n)],
  ["unterminated string", (n) => `"${"x".repeat(n * 10)}\n${"{a}.\n".repeat(n)}`],
  ["long list", (n) => `[${"1,".repeat(n * 10)}2].`],
  ["illegal characters", (n) => "€".repeat(n * 10)],
];
