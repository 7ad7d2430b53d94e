/**
 * JSON as Erlang decoders read it: `1.0` and `1e0` are floats, never equal to the integer
 * 1 (JavaScript's JSON.parse cannot tell them apart). Float literals are turned into
 * strings of their own text before parsing, so `qos: 1.0` reaches the rule parser as
 * `"1.0"` and is refused as EMQX refuses the float, instead of passing as QoS 1.
 */

const NUMBER = /-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?/y;

/** JSON.parse, with every float literal kept as a string of its text. */
export function parseJsonFloatsAsText(text: string): unknown {
  let out = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i];
    if (c === '"') {
      // copy a string literal whole (escapes included)
      let j = i + 1;
      while (j < text.length && text[j] !== '"') j += text[j] === "\\" ? 2 : 1;
      out += text.slice(i, j + 1);
      i = j + 1;
    } else if (c === "-" || (c >= "0" && c <= "9")) {
      NUMBER.lastIndex = i;
      const m = NUMBER.exec(text);
      if (!m) return JSON.parse(text); // let JSON.parse report the syntax error
      out += /[.eE]/.test(m[0]) ? JSON.stringify(m[0]) : m[0];
      i += m[0].length;
    } else {
      out += c;
      i++;
    }
  }
  return JSON.parse(out);
}
