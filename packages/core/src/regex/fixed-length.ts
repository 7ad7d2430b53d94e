/**
 * PCRE 8.x requires each top-level branch of a lookbehind to have a fixed length
 * (branches may differ from one another); nested alternatives must all be equally long.
 */
import type { RegexNode } from "./ast";

/** Length in bytes every match of `node` has, or -1 when it varies. */
export function fixedLength(node: RegexNode): number {
  switch (node.type) {
    case "set":
      return 1;
    case "assert":
    case "look":
      return 0;
    case "backref":
    case "cluster":
      return -1;
    case "group":
    case "atomic":
      return fixedLength(node.body);
    case "seq": {
      let n = 0;
      for (const it of node.items) {
        const k = fixedLength(it);
        if (k < 0) return -1;
        n += k;
      }
      return n;
    }
    case "alt": {
      const lens = node.alts.map(fixedLength);
      return lens.every((k) => k >= 0 && k === lens[0]) ? lens[0] : -1;
    }
    case "repeat": {
      if (node.min !== node.max) return -1;
      const k = fixedLength(node.body);
      return k < 0 ? -1 : k * node.min;
    }
    case "verb":
      return 0;
    case "call":
      return -1;
    case "cond": {
      const yes = fixedLength(node.yes);
      return yes >= 0 && yes === (node.no ? fixedLength(node.no) : 0) ? yes : -1;
    }
  }
}

/** Whether a lookbehind body is acceptable to PCRE: each top-level branch fixed-length. */
export function lookbehindFixed(body: RegexNode): boolean {
  const branches = body.type === "alt" ? body.alts : [body];
  return branches.every((b) => fixedLength(b) >= 0);
}
