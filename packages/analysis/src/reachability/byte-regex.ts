/**
 * Erlang `re` patterns (bytes, no unicode flag) as membership tests over byte strings, via
 * core's faithful translation; patterns it cannot translate yield null and make dependent
 * verdicts `unknown`. Also a crude generator of sample members used to find the regex
 * classes of a dimension.
 */
import { compileErlangRegex } from "@emqx-acl/core";

/** A tester for the pattern, or null when it cannot be decided exactly. */
export function compileByteRegex(pattern: string): { test(s: string): boolean } | null {
  const r = compileErlangRegex(pattern);
  return r.kind === "ok" ? r : null;
}

/** Strings likely to fall in different membership classes of `pattern` (not exhaustive). */
export function regexCandidates(pattern: string): string[] {
  const out = new Set<string>();
  const body = pattern.replace(/^\(\?[a-z]+\)/, "");
  for (const branch of splitTop(body)) {
    out.add(sample(branch, 1));
    out.add(sample(branch, 0));
    out.add(sample(branch, 2));
  }
  return [...out];
}

function splitTop(s: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = "";
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (c === "\\") {
      cur += c + (s[i + 1] ?? "");
      i++;
      continue;
    }
    if (c === "(") depth++;
    if (c === ")") depth--;
    if (c === "|" && depth === 0) {
      parts.push(cur);
      cur = "";
    } else cur += c;
  }
  parts.push(cur);
  return parts;
}

const ESC: Record<string, string> = { d: "0", w: "a", s: " ", D: "a", W: "-", S: "a", n: "\n", t: "\t", r: "\r" };

/** A crude generator: each atom once (or `rep` times under `*`/`+`/`?`/`{}`), first class member. */
function sample(src: string, rep: number): string {
  let out = "";
  let last = "";
  for (let i = 0; i < src.length; i++) {
    const c = src[i];
    if (c === "^" || c === "$" || c === "(" || c === ")" || c === "|") continue;
    if (c === "?" && src[i - 1] === "(") continue;
    if (c === "\\") {
      const e = src[i + 1] ?? "";
      i++;
      last = ESC[e] ?? e;
      out += last;
    } else if (c === ".") {
      last = "a";
      out += last;
    } else if (c === "[") {
      const end = src.indexOf("]", i + 2);
      const cls = src.slice(i + 1, end < 0 ? src.length : end);
      i = end < 0 ? src.length : end;
      last = classMember(cls);
      out += last;
    } else if (c === "*" || c === "+" || c === "?") {
      out = out.slice(0, out.length - last.length) + last.repeat(c === "+" ? Math.max(rep, 1) : rep);
    } else if (c === "{") {
      const end = src.indexOf("}", i);
      const n = Number.parseInt(src.slice(i + 1, end), 10) || 0;
      i = end < 0 ? src.length : end;
      out = out.slice(0, out.length - last.length) + last.repeat(Math.max(n, rep === 0 ? n : n));
    } else {
      last = c;
      out += c;
    }
  }
  return out;
}

function classMember(cls: string): string {
  const neg = cls.startsWith("^");
  const body = neg ? cls.slice(1) : cls;
  if (!neg) {
    if (body.startsWith("\\")) return ESC[body[1]] ?? body[1] ?? "a";
    return body[0] ?? "a";
  }
  let re: RegExp;
  try {
    re = new RegExp(`[${cls}]`);
  } catch {
    return "~";
  }
  for (const ch of "aZ0_-.x") if (re.test(ch)) return ch;
  return "~";
}
