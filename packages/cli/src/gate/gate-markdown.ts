/**
 * `diff --format markdown`: a pull-request summary (for $GITHUB_STEP_SUMMARY): the verdict,
 * counts, and a table each of newly allowed and newly denied classes with a witness request
 * and the deciding rules before and after. Text from the files (names, topics) is escaped so
 * it cannot end a table cell or inject markup.
 */
import type { DiffClass } from "@emqx-acl/analysis";
import type { GateClass, GateResult } from "./gate-diff";
import { clientText, requestText, sideText, type GateSides } from "./gate-text";

/** Text safe inside a Markdown table cell (pipes, backticks, HTML, line breaks escaped). */
export function cell(s: string): string {
  return s
    .replace(/[\\`*_[\]<>|#~!]/g, (c) => `\\${c}`)
    .replace(/[\u0000-\u001f\u007f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, "0")}`);
}

/** Inline code (a path): backticks and line breaks cannot end it early. */
export function code(s: string): string {
  return `\`${s.replace(/`/g, "'").replace(/[\u0000-\u001f\u007f]/g, " ")}\``;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "es"}`;

function allowedRow(c: GateClass, s: GateSides): string {
  const status = c.accepted ? `accepted: ${cell(c.accepted.reason)}` : "**not accepted**";
  return `| ${c.accepted ? "✅" : "❌"} | ${cell(requestText(c.witness))} | ${cell(clientText(c.witness))} | ${sideText(c.from, s.old)} | ${sideText(c.to, s.new)} | ${status} |`;
}

function deniedRow(c: DiffClass, s: GateSides): string {
  return `| ${cell(requestText(c.witness))} | ${cell(clientText(c.witness))} | ${sideText(c.from, s.old)} | ${sideText(c.to, s.new)} |`;
}

function verdict(r: GateResult): string {
  if (r.unaccepted > 0) return `❌ **${plural(r.unaccepted, "class")} of requests newly allowed and not accepted**`;
  if (r.newlyAllowed.length > 0) return "✅ every newly allowed request is accepted";
  return "✅ no request is newly allowed";
}

/** The Markdown summary of a gate run. */
export function gateMarkdown(r: GateResult, s: GateSides): string {
  const out = [
    `### emqx-acl: access changes in ${code(s.new.path)}`,
    "",
    `Compared with ${code(s.old.path)} for EMQX ${s.dialect}. ${verdict(r)}`,
    "",
    `| newly allowed | not accepted | newly denied | deny ↔ no match |`,
    `|---:|---:|---:|---:|`,
    `| ${r.newlyAllowed.length} | ${r.unaccepted} | ${r.newlyDenied.length} | ${r.changed.length} |`,
  ];
  if (r.newlyAllowed.length) {
    out.push(
      "",
      "#### Newly allowed",
      "",
      "| | request (witness) | client | before | after | |",
      "|---|---|---|---|---|---|",
    );
    for (const c of [...r.newlyAllowed].sort((a, b) => Number(!!a.accepted) - Number(!!b.accepted)))
      out.push(allowedRow(c, s));
  }
  if (r.newlyDenied.length) {
    out.push(
      "",
      "#### Newly denied (reported, not failing)",
      "",
      "| request (witness) | client | before | after |",
      "|---|---|---|---|",
    );
    for (const c of r.newlyDenied) out.push(deniedRow(c, s));
  }
  if (r.unused.length) {
    out.push(
      "",
      `Accepted-changes entries that accept nothing in this change (stale, or narrower than the access it allows): ${r.unused.map((e) => `entry ${e.n} (line ${e.at.line})`).join(", ")}.`,
    );
  }
  out.push(
    "",
    "Each row is one class of requests (one pair of deciding rules, before and after) with one example request; `emqx-acl explain` shows why a rule decides it.",
  );
  return `${out.join("\n")}\n`;
}
