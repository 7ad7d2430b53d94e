/**
 * Property: any JSON-like tree written out as HOCON — in several styles (braces or dotted
 * keys, `=` or `:`, newlines or commas, quoted or unquoted where allowed, comments between
 * fields) — loads back to the same tree, and every scalar's span covers its own text.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { ConfigValue } from "./config";
import { loadHocon } from "./load";

type Tree = string | Tree[] | { [k: string]: Tree };

const key = fc.stringMatching(/^[a-z_][a-z0-9_-]{0,8}$/);
const scalar = fc.oneof(
  fc.stringMatching(/^[a-z][a-z0-9_]{0,6}$/),
  fc.stringMatching(/^[0-9]{1,4}(ms|s|m|h|KB|MB)?$/),
  fc.string({ maxLength: 12 }).filter((s) => !s.includes("\u0000")),
);
const tree: fc.Arbitrary<Tree> = fc.letrec((tie) => ({
  node: fc.oneof({ depthSize: "small" }, scalar, tie("arr"), tie("obj")),
  arr: fc.array(tie("node"), { maxLength: 3 }),
  obj: fc.dictionary(key, tie("node"), { maxKeys: 4 }),
})).obj as fc.Arbitrary<Tree>;

interface Style {
  sep: "=" | ":";
  comma: boolean;
  dotted: boolean;
  comments: boolean;
}

function str(s: string, style: Style): string {
  // unquoted only when it cannot be mistaken for anything else
  return /^[a-z][a-z0-9_]*$/.test(s) && !style.comma && s !== "include" && s !== "true" ? s : JSON.stringify(s);
}

function write(t: Tree, style: Style, indent = ""): string {
  if (typeof t === "string") return str(t, style);
  if (Array.isArray(t)) return `[${t.map((x) => write(x, style, indent)).join(", ")}]`;
  const inner = indent + "  ";
  const fields = Object.entries(t).map(([k, v]) => field(k, v, style, inner));
  return fields.length ? `{\n${fields.join(style.comma ? ",\n" : "\n")}\n${indent}}` : "{}";
}

function field(k: string, v: Tree, style: Style, indent: string): string {
  const comment = style.comments ? `${indent}# about ${k}\n` : "";
  if (style.dotted && v && typeof v === "object" && !Array.isArray(v) && Object.keys(v).length === 1) {
    const [k2, v2] = Object.entries(v)[0];
    return comment + field(`${k}.${k2}`, v2, style, indent).trimStart().replace(/^/, indent);
  }
  const value = write(v, style, indent);
  const op = typeof v === "object" && !Array.isArray(v) && style.sep === "=" ? " " : ` ${style.sep} `;
  return `${comment}${indent}${k}${op}${value}`;
}

function plain(v: ConfigValue): Tree {
  if (v.kind === "scalar") return v.value;
  if (v.kind === "array") return v.items.map(plain);
  return Object.fromEntries([...v.fields].map(([k, f]) => [k, plain(f.value)]));
}

describe("HOCON round trip", () => {
  it("loads what it was written from, with exact spans", () => {
    const style = fc.record({
      sep: fc.constantFrom("=", ":"),
      comma: fc.boolean(),
      dotted: fc.boolean(),
      comments: fc.boolean(),
    });
    fc.assert(
      fc.property(tree, style, (t, s) => {
        const obj = t as { [k: string]: Tree };
        const text =
          Object.entries(obj)
            .map(([k, v]) => field(k, v, s as Style, ""))
            .join("\n") + "\n";
        const loaded = loadHocon(text, "/t.conf");
        expect(loaded.diagnostics.map((d) => d.diagnostic.message)).toEqual([]);
        expect(plain(loaded.root)).toEqual(obj);
        const check = (v: ConfigValue): void => {
          if (v.kind === "scalar") {
            const src = text.slice(v.loc.start, v.loc.end);
            expect(v.quoted ? JSON.parse(src) : src).toBe(v.value);
          } else if (v.kind === "array") v.items.forEach(check);
          else v.fields.forEach((f) => check(f.value));
        };
        check(loaded.root);
      }),
      { numRuns: 300 },
    );
  });
});
