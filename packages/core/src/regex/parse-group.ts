/**
 * Everything after `(?` in a PCRE 8.x pattern: non-capturing, atomic, lookaround and named
 * groups, comments, option settings, and the constructs recorded as unsupported
 * (recursion, conditionals, callouts, branch reset).
 */
import type { Condition, RegexNode } from "./ast";
import type { Options, Parser } from "./parse";

/** Everything after `(?`. */
export function groupExtension(p: Parser, opts: Options, depth: number, open: number): RegexNode | null {
  const c = p.peek();
  const ch = c < 0 ? "" : String.fromCharCode(c);
  if (ch === "#") {
    const close = p.src.indexOf(")", p.pos);
    if (close < 0) p.fail("missing ) after comment", p.src.length);
    p.pos = close + 1;
    return null;
  }
  if (ch === "|") {
    p.pos++;
    p.backtrackOnly("branch reset group (?|…)");
    return { type: "group", capture: null, body: branchReset(p, opts, depth) };
  }
  if (p.pcre2 && (ch === "*" || (ch === "<" && p.peek(1) === 0x2a))) {
    // PCRE2 10.34+: non-atomic lookarounds (?* and (?<*
    p.pcre2Differs(`the non-atomic lookaround (?${ch === "*" ? "*" : "<*"}`);
    p.pos += ch === "*" ? 1 : 2;
    const body = p.lookBody(opts, depth, open);
    return ch === "*" ? { type: "look", behind: false, negate: false, body } : p.lookbehind(false, body, p.pos - 1);
  }
  if (ch === ":" || ch === ">" || ch === "=" || ch === "!") {
    p.pos++;
    const body = ch === "=" || ch === "!" ? p.lookBody(opts, depth, open) : p.groupBody(opts, depth, open);
    if (ch === ">") return { type: "atomic", body };
    if (ch === "=" || ch === "!") return { type: "look", behind: false, negate: ch === "!", body };
    return { type: "group", capture: null, body };
  }
  if (ch === "<" && (p.peek(1) === 0x3d || p.peek(1) === 0x21)) {
    const negate = p.peek(1) === 0x21;
    p.pos += 2;
    const body = p.lookBody(opts, depth, open);
    return p.lookbehind(negate, body, p.pos - 1);
  }
  if (ch === "<" || ch === "'" || (ch === "P" && p.peek(1) === 0x3c)) {
    if (ch === "P") p.pos++;
    const close = p.peek() === 0x3c ? 0x3e : 0x27;
    if (ch === "<" && !p.isNameChar(p.peek(1)) && p.peek(1) !== -1)
      p.fail("unrecognized character after (?<", p.pos + 1);
    if (ch === "<" && p.pos + 1 >= p.src.length) p.fail("unrecognized character after (?<", p.pos + 1);
    const name = p.readName(p.pos + 1, close, true);
    const n = ++p.groupCount;
    const prev = p.names.get(name);
    // in a branch reset group a number may come back, under the same name only
    for (const [other, nums] of p.names)
      if (other !== name && nums.includes(n))
        p.fail("different names for subpatterns of the same number are not allowed", p.pos - 1);
    if (prev && !opts.J && !prev.includes(n)) p.fail("two named subpatterns have the same name", p.pos - 1);
    if (!prev?.includes(n)) p.names.set(name, [...(prev ?? []), n]);
    return { type: "group", capture: n, name, body: p.captureBody(opts, depth, open) };
  }
  if (ch === "P") return pExtension(p, opts);
  if (ch === "+" && !/^\+\d/.test(p.src.slice(p.pos, p.pos + 2))) p.fail("digit expected after (?+", p.pos + 1);
  if (ch === "&" && /^&\d/.test(p.src.slice(p.pos, p.pos + 2)))
    p.fail("group name must start with a non-digit", p.pos + 1);
  if (ch === "&" && !new RegExp(`^&${p.nameStart}`).test(p.src.slice(p.pos, p.pos + 2)))
    p.fail("subpattern name expected", p.pos + 1);
  if (ch === "R" || ch === "&" || /^[+-]?\d/.test(p.src.slice(p.pos, p.pos + 2))) return recursion(p);
  if (ch === "(") return conditional(p, opts, depth);
  if (ch === "C") return p.noRepeat(callout(p), opts);
  return optionSetting(p, opts, depth, open);
}

/**
 * `(?|a|b)`: each branch numbers its groups from the same start; the group count after it
 * is the largest any branch reached. Options persist across branches, as in any group.
 */
function branchReset(p: Parser, opts: Options, depth: number): RegexNode {
  const base = p.groupCount;
  let max = base;
  const inner = { ...opts };
  const alts: RegexNode[] = [];
  for (;;) {
    p.groupCount = base;
    alts.push(p.sequence(inner, depth + 1));
    max = Math.max(max, p.groupCount);
    if (p.peek() !== 0x7c) break;
    p.pos++;
  }
  p.groupCount = max;
  if (p.peek() !== 0x29) p.fail("missing )");
  p.pos++;
  return alts.length === 1 ? alts[0] : { type: "alt", alts };
}

function pExtension(p: Parser, opts: Options): RegexNode {
  const n = p.peek(1);
  if (n === 0x3d) {
    const offset = p.pos - 2;
    const name = p.readName(p.pos + 2, 0x29);
    const node = { type: "backref" as const, group: 0, caseless: opts.i, offset };
    p.pendingRefs.push({ ref: name, offset: p.pos - 1, node });
    return node;
  }
  if (n === 0x3e) {
    p.backtrackOnly("subroutine call (?P>name)");
    const name = p.readName(p.pos + 2, 0x29);
    return subroutineCall(p, name, p.pos - 1);
  }
  p.fail("unrecognized character after (?P", p.pos + 1);
}

function recursion(p: Parser): RegexNode {
  const m = new RegExp(`^(?:R|[+-]?\\d+|&${p.nameChar}+)\\)`).exec(p.src.slice(p.pos));
  if (!m) p.fail("(?R or (?[+-]digits must be followed by )", p.pos + 1);
  p.backtrackOnly(`recursion or subroutine call (?${m[0]}`);
  p.pos += m[0].length;
  const ref = m[0].slice(0, -1);
  return subroutineCall(p, ref === "R" ? 0 : ref.startsWith("&") ? ref.slice(1) : ref, p.pos - 1);
}

/**
 * A call node for `ref`: 0 (the whole pattern), a number (`+n`/`-n` relative to the groups
 * opened so far) or a name; numbers and names are checked once all groups are known, with
 * PCRE's offset (the call's closing byte, `closeAt`).
 */
export function subroutineCall(p: Parser, ref: number | string, closeAt: number): RegexNode {
  const node: Extract<RegexNode, { type: "call" }> = { type: "call", group: 0, offset: closeAt };
  if (typeof ref === "string" && /^[+-]?\d+$/.test(ref)) {
    const n = Number(ref);
    const abs = ref.startsWith("-") ? p.groupCount + 1 + n : ref.startsWith("+") ? p.groupCount + n : n;
    if (abs <= 0 && n !== 0) p.fail("reference to non-existent subpattern", closeAt);
    ref = abs;
  }
  if (ref === 0) return node;
  if (typeof ref === "number") node.group = ref;
  // a name already defined resolves now (the left-recursion check needs it)
  else node.group = p.names.get(ref)?.[0] ?? -1;
  p.pendingRefs.push({ ref, offset: closeAt, node, exactOffset: true, kind: "call" });
  return node;
}

/**
 * `(?(cond)yes|no)`: validated like PCRE 8 (condition syntax, referenced groups, at most two
 * branches) and recorded as unsupported.
 */
function conditional(p: Parser, opts: Options, depth: number): RegexNode {
  p.backtrackOnly("conditional group (?(…)…)");
  p.pos++;
  const c = p.peek();
  let cond: Condition;
  if (c === 0x3f && /^\?(?:=|!|<=|<!)/.test(p.src.slice(p.pos))) {
    p.pos--;
    const look = p.group(opts, depth);
    if (look === null || look.type !== "look") throw new Error("unreachable: a lookaround was expected");
    cond = { kind: "look", look };
  } else cond = conditionReference(p);
  const inner = { ...opts };
  const body = p.alternation(inner, depth + 1);
  if (body.type === "alt" && body.alts.length > 2) p.fail("conditional group contains more than two branches", p.pos);
  if (p.peek() !== 0x29) p.fail("missing )", p.src.length);
  p.pos++;
  const [yes, no] = body.type === "alt" ? body.alts : [body, null];
  return { type: "cond", cond, yes, no };
}

/**
 * The reference inside `(?(…)`: a group number (absolute or relative), `<name>`, `'name'`,
 * `R`, `Rn`, `R&name`, `DEFINE` or a bare name; names use PCRE's word table.
 */
function conditionReference(p: Parser): Condition {
  let q = p.pos;
  let term = ")";
  if (p.src[q] === "<" || p.src[q] === "'") term = p.src[q++] === "<" ? ">" : "'";
  const special = new RegExp(`^(?:R\\d+|R&(\\d?)${p.nameChar}*|R|DEFINE)\\)`).exec(p.src.slice(q));
  if (term === ")" && special) {
    if (special[1]) p.fail("group name must start with a non-digit", q + 2);
    p.pos = q + special[0].length;
    const word = special[0].slice(0, -1);
    if (word === "DEFINE") return { kind: "define" };
    const cond: Condition = { kind: "recursion", group: word === "R" ? null : 0 };
    if (word.startsWith("R&"))
      p.pendingRefs.push({
        ref: word.slice(2),
        offset: q + special[0].length,
        node: cond as { group: number },
        exactOffset: true,
      });
    else if (word !== "R") {
      cond.group = Number(word.slice(1));
      // PCRE 8 takes (?(Rn) of a group that does not exist as never true; PCRE2 refuses it
      if (p.pcre2 && cond.group > 0)
        p.pendingRefs.push({ ref: cond.group, offset: q, node: { group: 0 }, exactOffset: true });
    }
    return cond;
  }
  // Numbers only in the bare form; a sign must be followed by digits.
  const num = term === ")" ? /^[+-]?\d+/.exec(p.src.slice(q)) : null;
  if (!num && term === ")" && /^[+-]/.test(p.src.slice(q))) p.fail("malformed number or name after (?(", q + 1);
  const name = num ? null : new RegExp(`^${p.nameStart}${p.nameChar}*`).exec(p.src.slice(q));
  if (!num && !name) p.fail("assertion expected after (?( or (?(?C)", q);
  const end = q + (num ?? name)![0].length;
  const close = term === ")" ? ")" : term + ")";
  if (!p.src.startsWith(close, end)) p.fail("malformed number or name after (?(", end);
  p.pos = end + close.length;
  if (name) {
    const cond = { kind: "group" as const, group: 0 };
    p.pendingRefs.push({ ref: name[0], offset: p.pos, node: cond, exactOffset: true });
    return cond;
  }
  const n = Number(num![0]);
  if (n === 0) p.fail("invalid condition (?(0)", p.pos);
  const abs = num![0].startsWith("-") ? p.groupCount + 1 + n : num![0].startsWith("+") ? p.groupCount + n : n;
  // PCRE 8 checks against the number of groups in the whole pattern, right away.
  if (abs <= 0 || abs > countGroups(p.src)) p.fail("reference to non-existent subpattern", p.pos);
  return { kind: "group", group: abs };
}

function callout(p: Parser): RegexNode {
  const m = /^C(\d*)\)/.exec(p.src.slice(p.pos));
  if (!m) p.fail("closing ) for (?C expected", p.pos + 1);
  if (m[1] !== "" && Number(m[1]) > 255) p.fail("number after (?C is > 255", p.pos + m[0].length - 1);
  // Erlang registers no callout function: PCRE then passes over callouts
  p.backtrackOnly("callout (?C)");
  p.pos += m[0].length;
  return { type: "seq", items: [] };
}

/** `(?imsxJUX-imsxJUX)` (changes the rest of the enclosing group) or `(?…:…)`. */
function optionSetting(p: Parser, opts: Options, depth: number, open: number): RegexNode | null {
  const next = { ...opts };
  let on = true;
  const first = p.pos;
  for (;;) {
    const c = p.peek();
    const ch = c < 0 ? "" : String.fromCharCode(c);
    if (p.pcre2 && pcre2Option(p, next, ch, p.pos === first)) continue;
    if (ch === "-" && p.pcre2 && (!on || p.src[first] === "^")) p.fail("invalid hyphen in option setting", p.pos);
    if (ch === "-" && on) {
      on = false;
      p.pos++;
    } else if ((p.pcre2 ? "imsxJU" : "imsxJUX").includes(ch) && ch !== "") {
      next[ch as keyof Options] = on;
      p.pos++;
    } else if (ch === ")") {
      p.pos++;
      Object.assign(opts, next);
      return null;
    } else if (ch === ":") {
      p.pos++;
      return { type: "group", capture: null, body: p.groupBody(next, depth, open) };
    } else p.fail("unrecognized character after (? or (?-", p.pos);
  }
}

/** Capturing groups in the whole pattern (PCRE's pre-scan): `(` not followed by `?`/`*`, plus named groups. */
export function countGroups(src: string): number {
  let n = 0;
  let inClass = false;
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === "\\") {
      if (src[i + 1] === "Q") {
        const e = src.indexOf("\\E", i + 2);
        i = e < 0 ? src.length : e + 1;
      } else i++;
    } else if (inClass) {
      if (c === "]") inClass = false;
    } else if (c === "[") {
      inClass = true;
      if (src[i + 1] === "^") i++;
      if (src[i + 1] === "]") i++;
    } else if (c === "(") {
      const rest = src.slice(i + 1, i + 4);
      const condition = src.slice(i - 2, i) === "(?";
      if (!condition && !rest.startsWith("?") && !rest.startsWith("*")) n++;
      else if (/^\?(?:<[A-Za-z_]|'|P<)/.test(rest)) n++;
    }
  }
  return n;
}

/**
 * PCRE2's own option letters (pcre2_compile.c, 10.45): `^` first, `n`, `r`, `a` with an
 * optional D/P/S/T/W, and `xx`. `(?^` is followed; `r` and `a` only change UTF-8 and UCP
 * matching, so outside those modes they change nothing; `n` and `xx` are not modelled.
 * Moves past what it reads; false when `ch` is none of them.
 */
function pcre2Option(p: Parser, next: Options, ch: string, first: boolean): boolean {
  if (ch === "^" && first) {
    Object.assign(next, { i: false, m: false, s: false, x: false });
    p.pos++;
    return true;
  }
  if (ch === "x" && p.peek(1) === 0x78) {
    p.pcre2Differs("(?xx) (spaces and tabs in classes ignored)");
    next.x = true;
    p.pos += 2;
    return true;
  }
  if (ch === "n") p.pcre2Differs("(?n) (no automatic captures)");
  else if (ch === "r" || ch === "a") {
    if (p.utf || p.ucp) p.pcre2Differs(`(?${ch}) in UTF-8 or UCP mode`);
  } else return false;
  p.pos++;
  if (ch === "a" && "DPSTW".includes(String.fromCharCode(p.peek())) && p.peek() >= 0) p.pos++;
  return true;
}
