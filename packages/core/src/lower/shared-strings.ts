/**
 * One copy of each topic text and level across the rules: real files repeat the same
 * templates and words in thousands of rules (`devices/${clientid}/state/#` once per user),
 * and each copy was its own string (~40 bytes). Bounded; a full table starts over.
 */
import { detach } from "@emqx-acl/syntax";

const table = new Map<string, string>();
const LIMIT = 200_000;

/** The shared copy of `s` (a flat one of its own: never a view into a document's text). */
export function shared(s: string): string {
  const known = table.get(s);
  if (known !== undefined) return known;
  if (table.size >= LIMIT) table.clear();
  const own = detach(s);
  table.set(own, own);
  return own;
}
