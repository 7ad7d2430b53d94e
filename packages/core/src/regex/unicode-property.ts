/**
 * `\p{Name}` without UTF-8 mode: PCRE 8 tests the Unicode properties of the byte's value as
 * a code point (Latin-1), caseless or not (measured on OTP 25: property.vectors.jsonl).
 * Computed with JS's own Unicode property escapes; null when JS does not know the name.
 */
import { emptySet, type ByteSet } from "./byte-set";

/** PCRE's names that are not plain general categories or scripts, as JS class bodies. */
const SPECIAL: Record<string, string> = {
  Any: "\\u{0}-\\u{ff}",
  "L&": "\\p{Lu}\\p{Ll}\\p{Lt}",
  Xan: "\\p{L}\\p{N}",
  Xps: "\\p{Z}\\t\\n\\v\\f\\r\\x85",
  Xsp: "\\p{Z}\\t\\n\\v\\f\\r\\x85",
  Xwd: "\\p{L}\\p{N}_",
  Xuc: "$@`\\u{a0}-\\u{ff}",
};
const GENERAL = /^(?:C[cfnos]?|L[lmotu]?|M[cen]?|N[dlo]?|P[cdefios]?|S[ckmo]?|Z[lps]?)$/;

const cache = new Map<string, ByteSet | null>();

/** The bytes whose code point has the property, or null when it cannot be evaluated here. */
export function propertySet(name: string): ByteSet | null {
  let set = cache.get(name);
  if (set !== undefined) return set;
  const body = SPECIAL[name] ?? (GENERAL.test(name) ? `\\p{${name}}` : `\\p{Script=${name}}`);
  let re: RegExp | null = null;
  try {
    re = new RegExp(`^[${body}]$`, "u");
  } catch {
    re = null;
  }
  if (re === null) set = null;
  else {
    set = emptySet();
    for (let b = 0; b < 256; b++) if (re.test(String.fromCharCode(b))) set[b] = 1;
  }
  cache.set(name, set);
  return set;
}

/** UTF-8 mode: the property's members above U+00FF, as a `v`-flag class. */
export function propertyWide(name: string): string {
  if (name === "Any" || name === "Xuc") return "[\\u{100}-\\u{10ffff}]";
  if (name === "Xps" || name === "Xsp") return "[\\p{Z}\\u{180e}]";
  return `[${SPECIAL[name] ?? (GENERAL.test(name) ? `\\p{${name}}` : `\\p{Script=${name}}`)}]`;
}
