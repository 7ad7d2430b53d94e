/**
 * Finds the comments that fall inside a span, with a binary search over the document's
 * comments (sorted by offset). The printer attaches each comment to the gap between two
 * sibling terms it lies in, so it only ever asks "which comments lie in [from, to)?".
 */
import type { Comment } from "../term";

/** Index of the first comment whose start is >= offset. */
function lowerBound(comments: readonly Comment[], offset: number): number {
  let lo = 0;
  let hi = comments.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (comments[mid].start < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Comments starting in the half-open range [from, to). */
export function commentsIn(comments: readonly Comment[], from: number, to: number): Comment[] {
  const out: Comment[] = [];
  for (let i = lowerBound(comments, from); i < comments.length && comments[i].start < to; i++) {
    out.push(comments[i]);
  }
  return out;
}

/** True if any comment starts in [from, to). */
export function hasCommentIn(comments: readonly Comment[], from: number, to: number): boolean {
  const i = lowerBound(comments, from);
  return i < comments.length && comments[i].start < to;
}

/** A comment's text as printed: trailing blanks are not part of the layout. */
export function commentText(c: Comment): string {
  return c.text.replace(/[ \t]+$/, "");
}
