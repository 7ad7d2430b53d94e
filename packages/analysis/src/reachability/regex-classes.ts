/**
 * Exact regex classes of one name dimension in near-linear time. Two regexes interact only
 * if their languages meet; candidate pairs come from the literal prefix an anchored regex
 * forces (`^user12-[0-9]+$` forces `user12-`: regexes whose forced prefixes are not
 * prefix-related are disjoint), confirmed by a product-free DFA intersection test. Each
 * connected component is cut into its Venn regions; the atoms are those regions plus one
 * "in no regex" region, each with a member that is no literal value. Which literals a
 * regex matches is read off the sorted literal list walked like a trie (an anchored
 * regex only visits its prefix range). Only regexes without a DFA (backreferences,
 * lookarounds, too large) fall back to sampled members and make the dimension incomplete.
 */
import {
  dfaAccepts,
  dfaAnyString,
  dfaComplement,
  dfaForcedPrefix,
  dfaIntersect,
  dfaIntersects,
  dfaIsEmpty,
  dfaMatchSorted,
  dfaStateKinds,
  dfaWitness,
  dfaWitnessAvoiding,
  isUtf8,
  utf8Dfa,
  DfaTooLarge,
  parseRegex,
  prefixRange,
  regexToDfa,
  type RegexNode,
  type Dfa,
} from "@emqx-acl/core";
import { compileByteRegex, regexCandidates } from "./byte-regex";

/** The regex part of a dimension: extra (non-literal) classes and each pattern's classes. */
export interface RegexClassing {
  /** Representatives of the non-literal classes, in class order after the literal classes. */
  atoms: string[];
  /** pattern → every class index it matches (shared by cubes: never mutate). */
  members: Map<string, Set<number>>;
  /** Patterns that cannot be decided at all (no DFA, and the backtracking matcher cannot follow them). */
  bad: Set<string>;
  /** Some non-literal class may be missing (a pattern without DFA, or a construction limit). */
  incomplete: boolean;
}

/** The literal classes of a dimension: `values[i]` is the value of class `base + i`. */
export interface LiteralClasses {
  values: string[];
  base: number;
  /** Is the value a literal class (or otherwise unusable as a representative)? */
  taken: (v: string) => boolean;
  /** Preferred representative of the "in no regex" class (not taken). */
  fresh: string;
}

interface Pat {
  pattern: string;
  dfa: Dfa | null;
  /** State kinds of `dfa` (dead / universal), computed once. */
  kinds: Uint8Array;
  js: { test(s: string): boolean } | null;
  /** Literal class indexes it matches. */
  lits: number[];
  prefix: string;
  /** Forced literal suffix before a final `$` / `\z` ("" when none is known). */
  suffix: string;
}

/** Past this many Venn regions in one component, give up on it (sample instead). */
const MAX_COMPONENT_ATOMS = 2048;

/** Exact classes for the patterns of one dimension (see the module comment). */
export function regexClasses(patterns: string[], lit: LiteralClasses): RegexClassing {
  const out: RegexClassing = { atoms: [], members: new Map(), bad: new Set(), incomplete: false };
  const pats = patterns.map((p) => compilePattern(p, out));
  literalMembership(pats, lit);
  const withDfa = pats.filter((p) => p.dfa !== null);
  const atomSets: number[][] = pats.map((p) => [...p.lits]);
  const index = new Map(pats.map((p, i) => [p, i]));
  const sampled: Pat[] = pats.filter((p) => p.dfa === null && p.js !== null);
  for (const comp of components(withDfa)) {
    const regions = componentAtoms(comp, lit);
    if (!regions) {
      out.incomplete = true;
      sampled.push(...comp);
      continue;
    }
    for (const r of regions)
      addAtom(
        out,
        lit,
        r.rep,
        r.in.map((p) => index.get(p)!),
        atomSets,
      );
  }
  const none = noneRepresentative(withDfa, lit);
  if (none === undefined) out.incomplete = true;
  else if (none !== null) addAtom(out, lit, none, [], atomSets);
  jsMembership(out, lit, pats, atomSets, 0);
  if (sampled.length > 0) addSamples(out, lit, pats, sampled, atomSets);
  pats.forEach((p, i) => out.members.set(p.pattern, new Set(atomSets[i])));
  return out;
}

function compilePattern(pattern: string, out: RegexClassing): Pat {
  const d = regexToDfa(pattern);
  if (!("unsupported" in d)) {
    const kinds = dfaStateKinds(d);
    return {
      pattern,
      dfa: d,
      kinds,
      js: null,
      lits: [],
      prefix: dfaForcedPrefix(d, kinds),
      suffix: forcedSuffix(pattern),
    };
  }
  out.incomplete = true;
  const js = compileByteRegex(pattern);
  if (!js) out.bad.add(pattern);
  return { pattern, dfa: null, kinds: new Uint8Array(0), js, lits: [], prefix: "", suffix: "" };
}

/** Which literal classes each pattern matches (trie walk for DFAs, a test per literal otherwise). */
function literalMembership(pats: Pat[], lit: LiteralClasses): void {
  const order = lit.values
    .map((_, i) => i)
    .sort((a, b) => (lit.values[a] < lit.values[b] ? -1 : lit.values[a] > lit.values[b] ? 1 : 0));
  const sorted = order.map((i) => lit.values[i]);
  for (const p of pats) {
    // every member starts with the forced prefix: only that range of the sorted list can match
    if (p.dfa)
      p.lits = dfaMatchSorted(p.dfa, sorted, p.kinds, ...prefixRange(sorted, p.prefix)).map((k) => lit.base + order[k]);
    else if (p.js) for (let i = 0; i < lit.values.length; i++) if (p.js.test(lit.values[i])) p.lits.push(lit.base + i);
    p.lits.sort((a, b) => a - b);
  }
}

/** Could two patterns meet, judging by forced prefixes and suffixes alone ("" = none known)? */
function mayMeet(a: Pat, b: Pat): boolean {
  const pre = a.prefix === "" || b.prefix === "" || a.prefix.startsWith(b.prefix) || b.prefix.startsWith(a.prefix);
  return pre && (a.suffix === "" || b.suffix === "" || a.suffix.endsWith(b.suffix) || b.suffix.endsWith(a.suffix));
}

/**
 * Connected components of the "languages meet" graph. Only pairs whose forced prefixes and
 * suffixes are related get a DFA test; they are enumerated through stacks over the sorted
 * prefixes (and reversed suffixes), so unrelated per-user patterns cost nothing.
 */
function components(pats: Pat[]): Pat[][] {
  const parent = pats.map((_, i) => i);
  const find = (i: number): number => (parent[i] === i ? i : (parent[i] = find(parent[i])));
  const meet = (i: number, j: number): void => {
    const [a, b] = [find(i), find(j)];
    if (a !== b && mayMeet(pats[i], pats[j]) && dfaIntersects(pats[i].dfa!, pats[j].dfa!)) parent[a] = b;
  };
  const all = pats.map((_, i) => i);
  // both prefixes known
  relatedPairs(
    all.filter((i) => pats[i].prefix !== ""),
    (i) => pats[i].prefix,
    meet,
  );
  // a prefix missing, both suffixes known (reversed, suffix relation becomes prefix relation)
  const rev = (i: number): string => [...pats[i].suffix].reverse().join("");
  relatedPairs(
    all.filter((i) => pats[i].suffix !== ""),
    rev,
    (i, j) => (pats[i].prefix === "" || pats[j].prefix === "") && meet(i, j),
  );
  // one lacks a prefix and one lacks a suffix (or one lacks both): no key to go by
  const prefixOnly = all.filter((j) => pats[j].prefix !== "" && pats[j].suffix === "");
  for (const i of all) {
    if (pats[i].prefix !== "") continue;
    for (const j of pats[i].suffix === "" ? all : prefixOnly) if (j !== i) meet(i, j);
  }
  const groups = new Map<number, Pat[]>();
  pats.forEach((p, i) => {
    const r = find(i);
    if (!groups.has(r)) groups.set(r, []);
    groups.get(r)!.push(p);
  });
  return [...groups.values()];
}

/** Calls `f` on every pair of `ids` whose keys are prefix-related (sorted keys; the related ones below form a stack). */
function relatedPairs(ids: number[], key: (i: number) => string, f: (i: number, j: number) => void): void {
  const sorted = ids.map((i) => [key(i), i] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const stack: (readonly [string, number])[] = [];
  for (const x of sorted) {
    while (stack.length > 0 && !x[0].startsWith(stack[stack.length - 1][0])) stack.pop();
    for (const y of stack) f(x[1], y[1]);
    stack.push(x);
  }
}

/**
 * The bytes right before a final `$` / `\z` / `\Z` at the top level: every member ends with
 * them (or with them and one `\n`, for `$`); "" when unknown. Stops at a `\n` byte.
 */
function forcedSuffix(pattern: string): string {
  let root: RegexNode;
  try {
    const parsed = parseRegex(pattern, "pcre1-latin1");
    // (*UTF8): the nodes hold code points, not the subject's bytes
    if (parsed.utf) return "";
    root = parsed.root;
  } catch {
    return "";
  }
  if (root.type !== "seq") return "";
  const last = root.items[root.items.length - 1];
  if (last?.type !== "assert" || (last.kind !== "end" && last.kind !== "end-or-final-newline")) return "";
  let out = "";
  for (let k = root.items.length - 2; k >= 0; k--) {
    const b = singleByte(root.items[k]);
    if (b < 0 || b === 0x0a) break;
    out = String.fromCharCode(b) + out;
  }
  return out;
}

function singleByte(n: RegexNode): number {
  if (n.type !== "set") return -1;
  let only = -1;
  for (let x = 0; x < 256; x++)
    if (n.set[x]) {
      if (only >= 0) return -1;
      only = x;
    }
  return only;
}

interface Region {
  rep: string;
  in: Pat[];
}

/**
 * A witness that survives the JSON wire: `w` when it is UTF-8 (or missing), else the
 * shortest UTF-8 member avoiding the same literals, falling back to `w` when there is none.
 */
function utf8Preferred(
  d: Dfa,
  w: string | null | undefined,
  avoid: Set<string> | readonly string[],
  pats: Pat[],
): string | null | undefined {
  if (w === null || w === undefined || isUtf8(w)) return w;
  // characters the patterns spell first: `^[а-я]+$` → `а`, not some other 2-byte member
  const hinted = dfaWitness(d, spelledChars(pats));
  const taken = Array.isArray(avoid)
    ? (x: string) => (avoid as readonly string[]).includes(x)
    : (x: string) => (avoid as Set<string>).has(x);
  if (hinted !== null && isUtf8(hinted) && !taken(hinted)) return hinted;
  try {
    return dfaWitnessAvoiding(dfaIntersect(d, utf8Dfa()), avoid) ?? w;
  } catch (e) {
    if (e instanceof DfaTooLarge) return w;
    throw e;
  }
}

/** The non-ASCII characters the patterns spell, as UTF-8 byte strings (witness hints). */
function spelledChars(pats: Pat[]): string[] {
  const out = new Set<string>();
  for (const p of pats)
    for (const ch of Buffer.from(p.pattern, "latin1").toString("utf8"))
      if (ch.charCodeAt(0) >= 0x80 && ch !== "\ufffd" && out.size < 64)
        out.add(Buffer.from(ch, "utf8").toString("latin1"));
  return [...out];
}

/** Venn regions of a component inside at least one of its patterns, each with a non-literal member; null past the limits. */
function componentAtoms(comp: Pat[], lit: LiteralClasses): Region[] | null {
  let regions: { dfa: Dfa; in: Pat[] }[] | null;
  try {
    regions = comp.length === 1 ? [{ dfa: comp[0].dfa!, in: comp }] : vennRegions(comp);
  } catch (e) {
    if (e instanceof DfaTooLarge) return null;
    throw e;
  }
  if (!regions) return null;
  const avoid = new Set<string>();
  for (const p of comp) for (const c of p.lits) avoid.add(lit.values[c - lit.base]);
  const out: Region[] = [];
  for (const r of regions) {
    const w = utf8Preferred(
      r.dfa,
      avoid.size === 0 ? dfaWitness(r.dfa, spelledChars(r.in)) : dfaWitnessAvoiding(r.dfa, avoid),
      avoid,
      r.in,
    );
    if (w === undefined) return null;
    if (w !== null) out.push({ rep: w, in: r.in });
  }
  return out;
}

/** Non-empty regions cut by every pattern of the component (and its complement), minus the one outside all. */
function vennRegions(comp: Pat[]): { dfa: Dfa; in: Pat[] }[] | null {
  let all: { dfa: Dfa; in: Pat[] }[] = [{ dfa: dfaAnyString(), in: [] }];
  for (const p of comp) {
    const next: typeof all = [];
    const not = dfaComplement(p.dfa!);
    for (const a of all) {
      const x = dfaIntersect(a.dfa, p.dfa!);
      if (!dfaIsEmpty(x)) next.push({ dfa: x, in: [...a.in, p] });
      const y = dfaIntersect(a.dfa, not);
      if (!dfaIsEmpty(y)) next.push({ dfa: y, in: a.in });
    }
    if (next.length > MAX_COMPONENT_ATOMS) return null;
    all = next;
  }
  return all.filter((a) => a.in.length > 0);
}

function addAtom(out: RegexClassing, lit: LiteralClasses, rep: string, pats: number[], atomSets: number[][]): number {
  const cls = lit.base + lit.values.length + out.atoms.length;
  out.atoms.push(rep);
  for (const i of pats) atomSets[i].push(cls);
  return cls;
}

const NONE_CANDIDATES = ["", "~", "-", "0", "\u0000", "~~"];

/**
 * A member of no pattern that is no literal: a cheap candidate when one works, else the
 * complement of the union (exact; undefined past the size limits); null when it is empty.
 */
function noneRepresentative(pats: Pat[], lit: LiteralClasses): string | null | undefined {
  for (const c of [lit.fresh, ...NONE_CANDIDATES.map((x) => lit.fresh + x), ...NONE_CANDIDATES])
    if (!lit.taken(c) && !pats.some((p) => dfaAccepts(p.dfa!, c))) return c;
  try {
    let rest = dfaAnyString();
    for (const p of pats) {
      rest = dfaIntersect(rest, dfaComplement(p.dfa!));
      if (dfaIsEmpty(rest)) return null;
    }
    return utf8Preferred(rest, dfaWitnessAvoiding(rest, lit.values), lit.values, pats);
  } catch (e) {
    if (e instanceof DfaTooLarge) return undefined;
    throw e;
  }
}

/** Memberships of atoms [from, ...) in the patterns without DFA (JS tests). */
function jsMembership(out: RegexClassing, lit: LiteralClasses, pats: Pat[], atomSets: number[][], from: number): void {
  pats.forEach((p, i) => {
    if (p.dfa || !p.js) return;
    for (let a = from; a < out.atoms.length; a++)
      if (p.js.test(out.atoms[a])) atomSets[i].push(lit.base + lit.values.length + a);
  });
}

/** Sampled members for patterns the exact construction could not cover, one per new membership vector. */
function addSamples(out: RegexClassing, lit: LiteralClasses, pats: Pat[], sampled: Pat[], atomSets: number[][]): void {
  const first = lit.base + lit.values.length;
  const sigs = new Set<string>();
  const sigOf = new Map<number, number[]>();
  atomSets.forEach((s, i) => s.forEach((c) => c >= first && (sigOf.get(c) ?? sigOf.set(c, []).get(c)!).push(i)));
  for (let a = 0; a < out.atoms.length; a++) sigs.add((sigOf.get(first + a) ?? []).join(","));
  for (const p of sampled)
    for (const c of regexCandidates(p.pattern)) {
      if (lit.taken(c)) continue;
      const matched = pats.flatMap((q, i) => ((q.dfa ? dfaAccepts(q.dfa, c) : q.js?.test(c)) ? [i] : []));
      const key = matched.join(",");
      if (sigs.has(key)) continue;
      sigs.add(key);
      addAtom(out, lit, c, matched, atomSets);
    }
}
