/** Catalogue entries of the acl.conf reader's ids (`file:consult` refuses the file; spec §1). */
import { catalogDoc, type DiagnosticDoc } from "./diagnostic-doc";

// acl-language.md §6
const REFUSED =
  "EMQX reads acl.conf with Erlang's `file:consult/1`. When it fails, EMQX 5 and 6 refuse the configuration (the node does not start; an update through the dashboard or REST API is refused and the previous file kept); EMQX 4 logs an alert and loads no rule from the file, so every request falls through to the other sources and `acl_nomatch`.";

const doc = (id: string, summary: string, why: string, examples?: { bad: string; good: string }): DiagnosticDoc =>
  catalogDoc("syntax", { id, summary, rationale: `${why} ${REFUSED}`, ...(examples ? { examples } : {}) });

/** Every `syntax-*` id. */
export const syntaxDiagnosticDocs: DiagnosticDoc[] = [
  doc(
    "syntax-missing-dot",
    "A term is not ended by a `.` followed by whitespace, a comment or the end of the file.",
    "Every rule is an Erlang term ended by a dot; without it the next rule is read as part of this one.",
    {
      bad: '{allow, all, publish, ["t"]}\n{deny, all}.',
      good: '{allow, all, publish, ["t"]}.\n{deny, all}.',
    },
  ),
  doc(
    "syntax-unexpected-token",
    "A token stands where Erlang's term grammar does not allow it (often a missing `,` or a stray `.`).",
    "The parser names the token and what it expected there.",
    {
      bad: '{allow, all publish, ["t"]}.',
      good: '{allow, all, publish, ["t"]}.',
    },
  ),
  doc(
    "syntax-bad-term",
    "An expression stands where only a literal term is allowed (a call, an operator, a record, `a:b` without quotes).",
    "`file:consult` evaluates nothing: atoms, strings, numbers, tuples, lists, binaries and maps only. `tcp:default` must be quoted as `'tcp:default'`.",
    {
      bad: '{allow, {listener, tcp:default}, publish, ["t"]}.',
      good: "{allow, {listener, 'tcp:default'}, publish, [\"t\"]}.",
    },
  ),
  doc(
    "syntax-bad-number",
    "A number Erlang cannot read: a base outside 2..36, a base without digits, a float without exponent digits or out of range.",
    "Erlang's scanner refuses such a number.",
    {
      bad: '{allow, all, {publish, [{qos, 37#1}]}, ["t"]}.',
      good: '{allow, all, {publish, [{qos, 1}]}, ["t"]}.',
    },
  ),
  doc(
    "syntax-bad-escape",
    "A backslash escape in a string, atom or character that Erlang does not define.",
    "Erlang's escapes are `\\b \\d \\e \\f \\n \\r \\s \\t \\v \\\\ \\' \\\"`, octal `\\ooo`, `\\xHH`, `\\x{H…}` and `\\^c`; a regex escape such as `\\d` must be written `\\\\d` inside an Erlang string.",
  ),
  doc(
    "syntax-unterminated-string",
    "A string, quoted atom or binary is never closed.",
    "The quote opened here swallows the rest of the file.",
    {
      bad: '{allow, all, publish, ["t]}.',
      good: '{allow, all, publish, ["t"]}.',
    },
  ),
  doc(
    "syntax-unterminated-char",
    "A `$` character literal has no character after it.",
    "`$a` is the integer 97 in Erlang; a `$` at the end of the file is incomplete.",
  ),
  doc(
    "syntax-illegal-character",
    "A character that cannot start any Erlang token.",
    "Erlang's scanner stops at it (a `#` comment or a non-ASCII quote copied from a document are the usual causes).",
  ),
  doc(
    "syntax-atom-too-long",
    "An atom longer than 255 characters.",
    "Erlang refuses atoms of more than 255 characters (`system_limit`).",
  ),
  doc(
    "syntax-reserved-word",
    "An Erlang reserved word (`and`, `or`, `not`, `when`, …) used as an atom without quotes.",
    "Reserved words are operators and keywords, not atoms: `{'and', […]}` needs the quotes.",
    {
      bad: '{allow, {and, [{ipaddr, "10.0.0.0/8"}]}, publish, ["t"]}.',
      good: '{allow, {\'and\', [{ipaddr, "10.0.0.0/8"}]}, publish, ["t"]}.',
    },
  ),
  doc(
    "syntax-invalid-unicode",
    "The file's bytes are not valid in its encoding (UTF-8 unless a `coding:` comment says latin-1).",
    "`file:consult` decodes the file before parsing; invalid UTF-8 fails to read.",
  ),
  doc(
    "syntax-too-deep",
    "Terms nested deeper than emqx-acl reads (or too complex to parse).",
    "No real rule nests this deep; emqx-acl stops here to stay within its stack, so the file is reported instead of analysed.",
  ),
];
