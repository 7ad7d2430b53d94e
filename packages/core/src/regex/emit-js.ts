/**
 * Emits a JavaScript RegExp source (used without flags, over byte strings) that finds a
 * match exactly where PCRE does. Everything that PCRE's tables or options decide (case
 * folding, `\w`, `.`) is already in the AST's byte sets; anchors become lookarounds.
 */
import type { AssertKind, ParsedRegex, RegexNode } from "./ast";
import { setFold, setSize, wideOf, type ByteSet } from "./byte-set";

const hex = (b: number) => "\\x" + b.toString(16).padStart(2, "0");
const plain = (b: number) =>
  (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5a) || (b >= 0x61 && b <= 0x7a) || b === 0x5f;
const esc = (b: number) => (plain(b) ? String.fromCharCode(b) : hex(b));

/** A byte set as a JS class (or a single escaped char). */
export function setToJs(set: ByteSet): string {
  const n = setSize(set);
  if (n === 256) return "[^]";
  if (n === 0) return "[]";
  const neg = n > 128;
  let out = "";
  for (let b = 0; b < 256; b++) {
    if (!!set[b] === neg) continue;
    let e = b;
    while (e + 1 < 256 && !!set[e + 1] !== neg) e++;
    out += e === b ? esc(b) : e === b + 1 ? esc(b) + esc(e) : esc(b) + "-" + esc(e);
    b = e;
  }
  if (!neg && n === 1) return out;
  return (neg ? "[^" : "[") + out + "]";
}

/**
 * A set as a class of a `v`-flag RegExp run on the DECODED subject (UTF-8 mode): the code
 * points ≤ U+00FF listed, plus its members above (`wideOf`).
 */
export function setToJsUnicode(set: ByteSet): string {
  const wide = wideOf(set);
  // not `[^]`: V8 (Node 20) with the v flag matches `[^]{2}` on ONE character
  if (setSize(set) === 256 && wide === ALL_WIDE) return ANY_CHAR;
  let out = "";
  for (let b = 0; b < 256; b++) {
    if (!set[b]) continue;
    let e = b;
    while (e + 1 < 256 && set[e + 1]) e++;
    out += e === b ? esc(b) : esc(b) + "-" + esc(e);
    b = e;
  }
  if (wide === null) return "[" + out + "]";
  return "[" + out + (wide === ALL_WIDE ? "\\u{100}-\\u{10ffff}" : `[${wide}&&${ALL_WIDE}]`) + "]";
}

const ALL_WIDE = "[\\u{100}-\\u{10ffff}]";
const ANY_CHAR = "[\\u{0}-\\u{10ffff}]";

/** JS for each assertion; `\b` uses the flavor's word set (Latin-1 or ASCII), not JS's \b. */
function assertsFor(word: ByteSet, setJs: (s: ByteSet) => string, any = "[^]"): Record<AssertKind, string> {
  const W = setJs(word);
  return {
    start: "^",
    end: "$",
    "end-or-final-newline": "(?=\\n?$)",
    "line-start": `(?:^|(?<=\\n)(?=${any}))`,
    "line-end": "(?=\\n|$)",
    "word-boundary": `(?:(?<=${W})(?!${W})|(?<!${W})(?=${W}))`,
    "not-word-boundary": `(?:(?<=${W})(?=${W})|(?<!${W})(?!${W}))`,
  };
}

/** Thrown (internally) when a construct has no faithful translation. */
export class Untranslatable extends Error {}

/**
 * Translates a parsed pattern to a JS source and flags; throws Untranslatable with the reason.
 * Flag `i` is used only (Latin-1 flavor) when there are case-insensitive backreferences and every byte set
 * is closed under case folding: then JS's non-Unicode case folding over bytes 0..255
 * (a-z/A-Z and the Latin-1 pairs À-Þ/à-þ except ×/÷; ß ÿ µ ª º fold to nothing in range)
 * is exactly Erlang's table, and the flag changes nothing else.
 */
export function emitJs(parsed: ParsedRegex): { source: string; flags: string } {
  if (parsed.unsupported.length > 0) throw new Untranslatable(parsed.unsupported[0]);
  checkAtomic(parsed.root);
  const refs = backrefs(parsed.root);
  // JS folds Latin-1 like OTP ≤ 27's tables, not like PCRE2's ASCII-only ones.
  const latin1 = parsed.flavor === "pcre1-latin1";
  if (parsed.utf) {
    // JS's `iu` folding is Unicode's, not the Latin-1 table this check relies on
    if (refs.some((r) => r.caseless)) throw new Untranslatable("case-insensitive backreference in UTF-8 mode");
    checkBackrefs(parsed.root, false);
    return {
      source: emitSource(parsed.root, assertsFor(parsed.word, setToJsUnicode, ANY_CHAR), setToJsUnicode),
      flags: "v",
    };
  }
  const ignoreCase = latin1 && refs.length > 0 && refs.every((r) => r.caseless) && allSetsFoldClosed(parsed.root);
  checkBackrefs(parsed.root, ignoreCase);
  return { source: emitSource(parsed.root, assertsFor(parsed.word, setToJs), setToJs), flags: ignoreCase ? "i" : "" };
}

function backrefs(n: RegexNode): Extract<RegexNode, { type: "backref" }>[] {
  if (n.type === "backref") return [n];
  if (n.type === "seq") return n.items.flatMap(backrefs);
  if (n.type === "alt") return n.alts.flatMap(backrefs);
  return "body" in n ? backrefs(n.body) : [];
}

function allSetsFoldClosed(n: RegexNode): boolean {
  if (n.type === "set") return setFold(n.set).every((v, i) => v === n.set[i]);
  if (n.type === "seq") return n.items.every(allSetsFoldClosed);
  if (n.type === "alt") return n.alts.every(allSetsFoldClosed);
  return "body" in n ? allSetsFoldClosed(n.body) : true;
}

function emitSource(root: RegexNode, ASSERTS: Record<AssertKind, string>, setJs: (s: ByteSet) => string): string {
  const jsGroup = new Map<number, number>();
  let counter = 0;
  const emit = (n: RegexNode): string => {
    switch (n.type) {
      case "set":
        return setJs(n.set);
      case "seq":
        return n.items.map(emit).join("");
      case "alt":
        return "(?:" + n.alts.map(emit).join("|") + ")";
      case "group":
        if (n.capture === null) return "(?:" + emit(n.body) + ")";
        jsGroup.set(n.capture, ++counter);
        return "(" + emit(n.body) + ")";
      case "atomic": {
        const k = ++counter;
        return `(?=(${emit(n.body)}))\\${k}(?:)`;
      }
      case "look":
        return "(?" + (n.behind ? "<" : "") + (n.negate ? "!" : "=") + emit(n.body) + ")";
      case "assert":
        return ASSERTS[n.kind];
      case "backref":
        return `\\${jsGroup.get(n.group)}(?:)`;
      case "repeat": {
        const split = utfMinLoop(n);
        return split ? emit(split) : emitRepeat(n, emit);
      }
      case "verb":
      case "call":
      case "cond":
        // parsing records these as unsupported, which emitJs refuses before emitting
        throw new Untranslatable(`${n.type} has no JS translation`);
      case "cluster":
        throw new Untranslatable("\\X (PCRE 8's grapheme clusters) has no JS translation");
    }
  };
  return emit(root);
}

/**
 * PCRE compiles `\w+`, `\w{m,…}` with m ≥ 2 (and lazy / possessive forms) to a loop whose
 * first `min` iterations use `utfRepeatMin`; `\w{1,n}` is one plain `\w` then an up-to
 * loop, and min 0 has no such iterations. Returns the repeat split accordingly, or null.
 */
export function utfMinLoop(n: Extract<RegexNode, { type: "repeat" }>): RegexNode | null {
  const b = n.body;
  if (b.type !== "set" || !b.utfRepeatMin) return null;
  if (!(n.min >= 2 || (n.min === 1 && n.max === Infinity))) return null;
  const head: RegexNode = { ...n, body: { type: "set", set: b.utfRepeatMin }, max: n.min, mode: "greedy" };
  if (n.max === n.min) return head;
  const tail: RegexNode = { ...n, body: { type: "set", set: b.set }, min: 0, max: n.max - n.min };
  return { type: "seq", items: [head, tail] };
}

function emitRepeat(n: Extract<RegexNode, { type: "repeat" }>, emit: (n: RegexNode) => string): string {
  if (n.mode === "possessive") return emit({ type: "atomic", body: { ...n, mode: "greedy" } });
  const q =
    n.min === 0 && n.max === Infinity
      ? "*"
      : n.min === 1 && n.max === Infinity
        ? "+"
        : n.min === 0 && n.max === 1
          ? "?"
          : n.max === Infinity
            ? `{${n.min},}`
            : n.min === n.max
              ? `{${n.min}}`
              : `{${n.min},${n.max}}`;
  return "(?:" + emit(n.body) + ")" + q + (n.mode === "lazy" ? "?" : "");
}

/**
 * JS and PCRE agree on a backreference only when the group surely holds the same text:
 * JS matches an unset group as empty (PCRE fails) and resets captures on each iteration of
 * a repeat (PCRE keeps them). We accept a backref when its group closed earlier and lies
 * on an unconditional path (no alternation, optional repeat or negative lookaround) below
 * the innermost node that also contains the backreference.
 */
function checkBackrefs(root: RegexNode, ignoreCase: boolean): void {
  const paths = new Map<number, RegexNode[]>();
  const refs: { node: Extract<RegexNode, { type: "backref" }>; path: RegexNode[] }[] = [];
  const walk = (n: RegexNode, path: RegexNode[]) => {
    const here = [...path, n];
    if (n.type === "group" && n.capture !== null) paths.set(n.capture, here);
    if (n.type === "backref") refs.push({ node: n, path: here });
    if (n.type === "seq") n.items.forEach((c) => walk(c, here));
    else if (n.type === "alt") n.alts.forEach((c) => walk(c, here));
    else if ("body" in n) walk(n.body, here);
  };
  walk(root, []);
  const order = textualOrder(root);
  for (const { node, path } of refs) {
    if (node.caseless && !ignoreCase)
      throw new Untranslatable("case-insensitive backreference in a partly case-sensitive pattern");
    const gpath = paths.get(node.group);
    if (!gpath) throw new Untranslatable("backreference to an unknown group");
    const g = gpath[gpath.length - 1];
    if (path.includes(g)) throw new Untranslatable("backreference inside the group it refers to");
    if (order.get(g)!.close > order.get(node)!.open) throw new Untranslatable("forward backreference");
    let k = 0;
    while (k < gpath.length && k < path.length && gpath[k] === path[k]) k++;
    if (gpath[k - 1]?.type === "alt") throw new Untranslatable("backreference to a group in another alternative");
    for (const a of gpath.slice(k)) {
      const conditional = a.type === "alt" || (a.type === "repeat" && a.min === 0) || (a.type === "look" && a.negate);
      if (conditional) throw new Untranslatable("backreference to a group that may be unset");
      if (a.type === "repeat" && nullable(a.body))
        throw new Untranslatable("backreference to a group inside a repeat that can match empty");
    }
    if (emptyIterationRisk(g))
      throw new Untranslatable("backreference to a group holding a repeat that can match empty");
  }
}

/** Whether `n` can match the empty string. */
export function nullable(n: RegexNode): boolean {
  switch (n.type) {
    case "set":
      return false;
    case "seq":
      return n.items.every(nullable);
    case "alt":
      return n.alts.some(nullable);
    case "group":
    case "atomic":
      return nullable(n.body);
    case "repeat":
      return n.min === 0 || nullable(n.body);
    default:
      return true;
  }
}

/**
 * PCRE accepts an empty iteration of a repeat beyond its minimum (and then stops looping);
 * JS rejects it and backtracks into the body for a non-empty one. Same set of end
 * positions, but a different FIRST solution — which is all an atomic group or possessive
 * quantifier keeps, and which decides what a group captures.
 */
function emptyIterationRisk(n: RegexNode): boolean {
  if (n.type === "repeat" && n.max > n.min && nullable(n.body)) return true;
  if (n.type === "seq") return n.items.some(emptyIterationRisk);
  if (n.type === "alt") return n.alts.some(emptyIterationRisk);
  return "body" in n ? emptyIterationRisk(n.body) : false;
}

/** Atomic groups and possessive quantifiers whose first solution JS would pick differently. */
function checkAtomic(n: RegexNode): void {
  if ((n.type === "atomic" || (n.type === "repeat" && n.mode === "possessive")) && emptyIterationRisk(n)) {
    throw new Untranslatable("atomic group or possessive quantifier over a repeat that can match empty");
  }
  if (n.type === "seq") n.items.forEach(checkAtomic);
  else if (n.type === "alt") n.alts.forEach(checkAtomic);
  else if ("body" in n) checkAtomic(n.body);
}

/** Preorder open/close indexes of every node. */
function textualOrder(root: RegexNode): Map<RegexNode, { open: number; close: number }> {
  const m = new Map<RegexNode, { open: number; close: number }>();
  let t = 0;
  const walk = (n: RegexNode) => {
    const open = t++;
    if (n.type === "seq") n.items.forEach(walk);
    else if (n.type === "alt") n.alts.forEach(walk);
    else if ("body" in n) walk(n.body);
    m.set(n, { open, close: t++ });
  };
  walk(root);
  return m;
}
