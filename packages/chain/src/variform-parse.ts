/**
 * Variform expressions, parsed as EMQX parses them (emqx/emqx master, 6.3.0-beta.1+:
 * `apps/emqx_utils/src/emqx_variform_scan.xrl`, `emqx_variform_parser.yrl`):
 * - tokens (longest match, the first rule on a tie): whitespace (space, tab, newline)
 *   skipped; `true`/`false` (a boolean, before identifiers); identifiers
 *   `[a-zA-Z][-a-zA-Z0-9_.]*`; strings in single or double quotes, no escapes, the other
 *   quote allowed inside; integers `[+-]?[0-9]+`; floats `[+-]?[0-9]+.[0-9]+(e[+-]?[0-9]+)?`;
 *   `( ) [ ] ,`; anything else is a syntax error;
 * - an expression is a call `name(args)`, a variable `name`, a boolean, a number or a
 *   string; an argument is an expression or an array `[args]` (arrays only as arguments).
 * A syntax error makes EMQX refuse the source (`emqx_authz_schema:validate_precondition/1`).
 */
export type VfExpr =
  | { kind: "str"; value: string }
  | { kind: "int"; value: bigint }
  | { kind: "float"; text: string }
  | { kind: "bool"; value: boolean }
  | { kind: "var"; name: string }
  | { kind: "call"; name: string; args: VfExpr[] }
  | { kind: "array"; items: VfExpr[] };

type Token = { t: "id" | "str" | "int" | "float" | "bool"; text: string } | { t: "(" | ")" | "[" | "]" | "," };

const PATTERNS: [Token["t"], RegExp][] = [
  ["bool", /^(true|false)/],
  ["id", /^[a-zA-Z][-a-zA-Z0-9_.]*/],
  ["str", /^'[^']*'|^"[^"]*"/],
  ["int", /^[+-]?[0-9]+/],
  ["float", /^[+-]?[0-9]+\.[0-9]+(e[+-]?[0-9]+)?/],
];

function scan(text: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const rest = text.slice(i);
    const ws = /^[ \t\n]+/.exec(rest);
    if (ws) {
      i += ws[0].length;
      continue;
    }
    if ("()[],".includes(rest[0])) {
      out.push({ t: rest[0] as "(" });
      i++;
      continue;
    }
    // leex: the longest match wins, the earlier rule on a tie
    let best: { t: Token["t"]; text: string } | null = null;
    for (const [t, re] of PATTERNS) {
      const m = re.exec(rest);
      if (m && (best === null || m[0].length > best.text.length)) best = { t, text: m[0] };
    }
    if (best === null) throw new SyntaxError(`illegal characters at ${JSON.stringify(rest.slice(0, 10))}`);
    out.push(best as Token);
    i += best.text.length;
  }
  return out;
}

/** Parses an expression; throws SyntaxError as EMQX's compile would fail. */
export function parseVariform(text: string): VfExpr {
  const tokens = scan(text);
  let p = 0;
  const peek = () => tokens[p]?.t;
  const expect = (t: Token["t"]) => {
    if (peek() !== t) throw new SyntaxError(`expected '${t}'`);
    p++;
  };
  const args = (close: ")" | "]"): VfExpr[] => {
    const out = [arg()];
    while (peek() === ",") {
      p++;
      out.push(arg());
    }
    expect(close);
    return out;
  };
  const arg = (): VfExpr => {
    if (peek() !== "[") return expr();
    p++;
    return { kind: "array", items: args("]") };
  };
  const expr = (): VfExpr => {
    const tok = tokens[p++];
    if (tok === undefined) throw new SyntaxError("unexpected end");
    switch (tok.t) {
      case "bool":
        return { kind: "bool", value: tok.text === "true" };
      case "int":
        return { kind: "int", value: BigInt(tok.text) };
      case "float":
        return { kind: "float", text: tok.text };
      case "str":
        return { kind: "str", value: tok.text.slice(1, -1) };
      case "id":
        if (peek() !== "(") return { kind: "var", name: tok.text };
        p++;
        if (peek() === ")") {
          p++;
          return { kind: "call", name: tok.text, args: [] };
        }
        return { kind: "call", name: tok.text, args: args(")") };
      default:
        throw new SyntaxError(`unexpected '${tok.t}'`);
    }
  };
  const e = expr();
  if (p !== tokens.length) throw new SyntaxError(`unexpected '${tokens[p].t}' after the expression`);
  return e;
}
