/** Folding ranges: blocks of two or more comment lines, and multi-line terms. */
import type { DocumentAnalysis } from "@emqx-acl/analysis";
import type { Term } from "@emqx-acl/syntax";
import { FoldingRangeKind, type FoldingRange } from "vscode-languageserver";
import { childrenOf } from "./locate";

export function provideFoldingRanges(a: DocumentAnalysis): FoldingRange[] {
  const li = a.parse.lineIndex;
  const out: FoldingRange[] = [];
  let blockStart = -1;
  let blockEnd = -1;
  const flush = () => {
    if (blockStart >= 0 && blockEnd > blockStart)
      out.push({ startLine: blockStart, endLine: blockEnd, kind: FoldingRangeKind.Comment });
  };
  for (const c of a.parse.comments) {
    const line = li.position(c.start).line;
    const own = /^[ \t]*$/.test(li.text.slice(li.lineStart(line), c.start));
    if (own && line === blockEnd + 1 && blockStart >= 0) blockEnd = line;
    else {
      flush();
      blockStart = own ? line : -1;
      blockEnd = own ? line : -1;
    }
  }
  flush();
  const visit = (t: Term) => {
    const s = li.position(t.start).line;
    const e = li.position(t.end).line;
    if (e > s) {
      out.push({ startLine: s, endLine: e, kind: FoldingRangeKind.Region });
      for (const c of childrenOf(t)) visit(c);
    }
  };
  for (const f of a.parse.forms) if (f.term) visit(f.term);
  return out.sort((x, y) => x.startLine - y.startLine || y.endLine - x.endLine);
}
