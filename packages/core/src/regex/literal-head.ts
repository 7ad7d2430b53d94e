/**
 * Anchored patterns with a literal head, `^user12-[0-9]+$`: the language is the head's
 * bytes followed by the language of `^[0-9]+$`, so thousands of per-user patterns that
 * differ only in the head share one subset construction of the tail. Only when the tail
 * never looks behind (no `^`, `\b`, `\B`, lookarounds, backreferences, atomic groups):
 * then where the tail starts matching does not depend on what came before it.
 */
import type { RegexNode } from "./ast";
import { DfaTooLarge, dfaMinimize, type Dfa } from "./dfa";

const START: RegexNode = { type: "assert", kind: "start" };

/** `^` + single bytes + a tail that never looks behind: the bytes and `^tail`; else null. */
export function literalHead(root: RegexNode): { head: number[]; tail: RegexNode } | null {
  if (root.type !== "seq" || root.items[0]?.type !== "assert" || root.items[0].kind !== "start") return null;
  const head: number[] = [];
  let k = 1;
  for (let b = singleByte(root.items[k]); b >= 0; b = singleByte(root.items[++k])) head.push(b);
  const rest = root.items.slice(k);
  if (head.length === 0 || !rest.every(forwardOnly)) return null;
  return { head, tail: { type: "seq", items: [START, ...rest] } };
}

/** The one byte a node consumes when it is a one-byte set; -1 otherwise. */
export function singleByte(n: RegexNode | undefined): number {
  if (n?.type !== "set") return -1;
  let only = -1;
  for (let x = 0; x < 256; x++) {
    if (!n.set[x]) continue;
    if (only >= 0) return -1;
    only = x;
  }
  return only;
}

/** Only consumes bytes or looks ahead (`$`, `\z`, `\Z`, `(?m)$`). */
function forwardOnly(n: RegexNode): boolean {
  switch (n.type) {
    case "set":
      return true;
    case "seq":
      return n.items.every(forwardOnly);
    case "alt":
      return n.alts.every(forwardOnly);
    case "group":
      return forwardOnly(n.body);
    case "repeat":
      return n.mode !== "possessive" && forwardOnly(n.body);
    case "assert":
      return n.kind === "end" || n.kind === "end-or-final-newline" || n.kind === "line-end";
    default:
      return false;
  }
}

/** A structural key of a node (same key, same language). */
export function nodeKey(n: RegexNode): string {
  switch (n.type) {
    case "set":
      return `[${Buffer.from(n.set).toString("base64")}]`;
    case "seq":
      return `(${n.items.map(nodeKey).join("")})`;
    case "alt":
      return `(${n.alts.map(nodeKey).join("|")})`;
    case "group":
      return nodeKey(n.body);
    case "repeat":
      return `${nodeKey(n.body)}{${n.min},${n.max}}`;
    case "assert":
      return `<${n.kind}>`;
    default:
      return `?${JSON.stringify(n)}`;
  }
}

/** The DFA reading `head` then anything `tail` accepts (tail: an anchored language). */
export function prependLiteral(head: number[], tail: Dfa, limit: number): Dfa {
  const n = head.length;
  const states = n + tail.stateCount + 1;
  if (states > limit) throw new DfaTooLarge();
  // byte classes: the tail's, with every head byte on its own
  const classOf = new Uint16Array(256);
  const ids = new Map<number, number>();
  const tailClass: number[] = [];
  const isHead = new Set(head);
  for (let x = 0; x < 256; x++) {
    const key = tail.classOf[x] * 257 + (isHead.has(x) ? x + 1 : 0);
    let id = ids.get(key);
    if (id === undefined) ids.set(key, (id = tailClass.push(tail.classOf[x]) - 1));
    classOf[x] = id;
  }
  const k = tailClass.length;
  const dead = states - 1;
  const trans = new Int32Array(states * k).fill(dead);
  for (let i = 0; i < n; i++) trans[i * k + classOf[head[i]]] = i + 1 < n ? i + 1 : n + tail.start;
  for (let q = 0; q < tail.stateCount; q++)
    for (let c = 0; c < k; c++) trans[(n + q) * k + c] = n + tail.trans[q * tail.classCount + tailClass[c]];
  const accepting = new Uint8Array(states);
  accepting.set(tail.accepting, n);
  return dfaMinimize({ classOf, classCount: k, stateCount: states, trans, accepting, start: 0 });
}
