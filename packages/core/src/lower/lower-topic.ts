/**
 * Topic lists → `TopicSpec` (spec §2, §3, §4.6): eq forms, plain filters, v4 whole-level
 * `%u`/`%c` templates, v5/v6 `${…}` templates with the allowed names, the `${$}` escape
 * and the constant-topic quirk (no allowed placeholder ⇒ the original text, unrendered).
 */
import type { Term } from "@emqx-acl/syntax";
import type { Bytes, Dialect, PlaceholderRef, TopicPattern, TopicSpec } from "../model/rule";
import { codePointsToUtf8, isValidUtf8 } from "../model/bytes";
import { words } from "../engine/topic";
import { isBinary, atomOf, charList, isList, listElements, listToBytes } from "./terms";
import { nameBytes } from "./lower-who";
import { compilerLog, emqxName, SchemaError } from "./schema-error";
import { capabilities, perDialect } from "../model/dialects";
import { isAllowedName, topicTemplate } from "./emqx-template";
import { shared } from "./shared-strings";
import { detach } from "@emqx-acl/syntax";

/** The topic with its text and levels as the strings every rule shares (fresh objects: changed in place). */
function shareStrings(t: TopicPattern): TopicPattern {
  t.text = shared(t.text);
  // the word and part arrays are fresh too: shared strings in place, no second array
  const items: (Bytes | PlaceholderRef)[] = t.kind === "text-template" ? t.parts : t.words;
  for (let i = 0; i < items.length; i++) {
    const x = items[i];
    if (typeof x === "string") items[i] = shared(x);
  }
  return t;
}

/** Lowers the topic container of a 4-tuple rule. */
export function lowerTopics(term: Term, dialect: Dialect): TopicSpec {
  const span = { start: term.start, end: term.end };
  const caps = capabilities(dialect);
  if (caps.topicsAll && atomOf(term) === "all") return { kind: "all", start: span.start, end: span.end };
  // emqx_access_rule:compile/1 takes one binary as a one-topic list
  if (caps.ruleCompiler === "emqx_access_rule" && isBinary(term))
    return { kind: "list", items: [lowerTopic(term, dialect)], start: span.start, end: span.end };
  const els = isList(term) ? listElements(term) : null;
  if (els === null) {
    const expected = caps.topicsAll ? "a list of topics or the atom all" : "a list of topics (or a single binary)";
    const log = compilerLog(dialect, "compile/1", "invalid_authorization_rule");
    throw new SchemaError(
      "schema-invalid-rule",
      `${emqxName(dialect)} expects ${expected} here (it would log: ${log})`,
      term,
    );
  }
  if (term.kind === "string" && term.codes.length > 0) {
    const log = compilerLog(dialect, "bin/1", "badarg in re:split/3");
    throw new SchemaError(
      "schema-invalid-topic",
      `a bare string is a list of characters, not a list of topics: write ["${term.value}"] (${emqxName(dialect)} would log: ${log})`,
      term,
    );
  }
  return { kind: "list", items: els.map((e) => memoTopic(e, dialect)), start: span.start, end: span.end };
}

/**
 * Lowered topics by dialect and literal text: real files repeat the same topic in thousands
 * of rules (`devices/${clientid}/state/#` once per user), and lowering each copy (split,
 * template parse, UTF-8 check) was a third of loading. Rules then share the words/parts
 * arrays, which nothing changes after lowering. Bounded; a full table starts over.
 */
/** The first rule's pattern: later ones copy all but its span. */
type Shape = TopicPattern;
/** One table per dialect and literal kind (a string's value and a binary's bytes differ). */
const memo = perDialect(() => ({ string: new Map<string, Shape>(), binary: new Map<string, Shape>() }));
const MEMO_LIMIT = 100_000;
const SURROGATE = /[\uD800-\uDFFF]/;

function memoTable(term: Term, dialect: Dialect): Map<string, Shape> | null {
  // a string's value with surrogates can stand for two code lists (one astral character or
  // two escaped halves): those are lowered each time
  if (term.kind === "string") return SURROGATE.test(term.value) ? null : memo[dialect].string;
  return term.kind === "binary" && term.bits === undefined ? memo[dialect].binary : null;
}

function memoTopic(term: Term, dialect: Dialect): TopicPattern {
  const table = memoTable(term, dialect);
  if (table === null) return shareStrings(lowerTopic(term, dialect));
  const key = term.kind === "string" ? term.value : (term as { bytes: string }).bytes;
  let shape = table.get(key);
  if (shape === undefined) {
    // errors are not remembered: they name their own term
    const t = shareStrings(lowerTopic(term, dialect));
    if (table.size >= MEMO_LIMIT) table.clear();
    // the key is a flat copy: a view would keep the whole document text alive
    table.set(detach(key), t);
    return t;
  }
  const { start, end } = term;
  switch (shape.kind) {
    case "text-template":
      return { kind: shape.kind, text: shape.text, parts: shape.parts, start, end };
    case "level-template":
      return { kind: shape.kind, text: shape.text, words: shape.words, start, end };
    default:
      return { kind: shape.kind, text: shape.text, words: shape.words, start, end };
  }
}

function badTopic(term: Term, dialect: Dialect, why: string): never {
  const log = compilerLog(dialect, "bin/1", "badarg in re:split/3");
  throw new SchemaError("schema-invalid-topic", `${why}; ${emqxName(dialect)} refuses it (it would log: ${log})`, term);
}

function topicBytes(term: Term, dialect: Dialect): Bytes {
  if (isBinary(term)) return term.bytes;
  if (isList(term)) {
    const b = listToBytes(term, dialect);
    if (b !== null) return b;
    if (capabilities(dialect).stringEncoding === "latin1") {
      throw new SchemaError(
        "schema-invalid-topic",
        'EMQX 4.4 turns strings into Latin-1 bytes (list_to_binary/1): a character above 255 fails to load; write a UTF-8 binary <<"…"/utf8>> instead (it would log: badarg in erlang:list_to_binary/1)',
        term,
      );
    }
  }
  return badTopic(term, dialect, "a topic must be a string or a binary");
}

/** Lowers one element of a topic list. */
export function lowerTopic(term: Term, dialect: Dialect): TopicPattern {
  const span = { start: term.start, end: term.end };
  if (term.kind === "tuple" && term.elements.length === 2 && atomOf(term.elements[0]) === "eq") {
    const inner = term.elements[1];
    const text =
      capabilities(dialect).atomNames && inner.kind === "atom"
        ? nameBytes(inner, dialect)!
        : topicBytes(inner, dialect);
    return { kind: "eq", text, words: words(text), start: span.start, end: span.end };
  }
  if (capabilities(dialect).placeholders === "percent") return v4Topic(topicBytes(term, dialect), span);
  const codes = term.kind === "string" || term.kind === "list" ? charList(term) : null;
  if (codes !== null && codes[0] === 101 && codes[1] === 113 && codes[2] === 32) {
    // "eq T" (string) form, 5.1.2+
    const text = codePointsToUtf8(codes.slice(3));
    if (text === null) badTopic(term, dialect, "a topic must be valid text");
    return { kind: "eq", text, words: words(text), start: span.start, end: span.end };
  }
  const text = topicBytes(term, dialect);
  if (isBinary(term) && text.startsWith("eq ")) {
    const rest = text.slice(3);
    return { kind: "eq", text: rest, words: words(rest), start: span.start, end: span.end };
  }
  if (!isValidUtf8(text)) {
    badTopic(
      term,
      dialect,
      'this binary is not valid UTF-8 (a Latin-1 <<"é">> binary?); EMQX 5+ parses topics as UTF-8 — write <<"…"/utf8>> or a string',
    );
  }
  return templateTopic(text, span);
}

const V4_VARS: Record<string, string> = { "%u": "username", "%c": "clientid" };

function v4Topic(text: Bytes, span: { start: number; end: number }): TopicPattern {
  const ws = words(text);
  // %cida / %cna exist in 4.4.19 but requests never carry the alias keys: they stay literal
  if (!ws.some((w) => w in V4_VARS)) return { kind: "filter", text, words: ws, start: span.start, end: span.end };
  const tws = ws.map((w): Bytes | PlaceholderRef => (w in V4_VARS ? placeholderRef(V4_VARS[w], w) : w));
  return { kind: "level-template", text, words: tws, start: span.start, end: span.end };
}

/** True for a `${…}` name the file source renders (5.8.9 and HEAD `?ALLOWED_VARS`). */
export function isAllowedPlaceholder(name: string): boolean {
  return isAllowedName(name);
}

/** One shared, frozen reference per spelling: files repeat the same few placeholders (100k rules, MBs). */
const refs = new Map<string, PlaceholderRef>();

function placeholderRef(name: string, raw: string): PlaceholderRef {
  let r = refs.get(raw);
  if (!r) refs.set(raw, (r = Object.freeze({ placeholder: name, raw })));
  return r;
}

/**
 * Splits `${…}` placeholders out of a topic the way EMQX keeps its template (see
 * emqx-template.ts: disallowed names make every non-member literal and undo `${$}` escapes);
 * a template without placeholders is the original text, unrendered (emqx_template:is_const).
 */
export function templateTopic(text: Bytes, span: { start: number; end: number }): TopicPattern {
  if (!text.includes("${")) return { kind: "filter", text, words: words(text), start: span.start, end: span.end };
  const pieces = topicTemplate(text);
  if (!pieces.some((p) => "name" in p))
    return { kind: "filter", text, words: words(text), start: span.start, end: span.end };
  const parts = pieces.map((p): Bytes | PlaceholderRef =>
    "text" in p ? p.text : placeholderRef(p.name, `\${${p.name}}`),
  );
  return { kind: "text-template", text, parts, start: span.start, end: span.end };
}
