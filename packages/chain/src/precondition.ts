/**
 * An authorization source's `precondition` (EMQX master, 6.3.0-beta.1+), evaluated for one
 * request. Facts, from emqx/emqx master:
 * - `emqx_authz:do_authorize/4` consults a source with a precondition only when
 *   `check_precondition/4` gives `true`: `emqx_variform:render/2` of the expression must be
 *   `{ok, <<"true">>}`; any other string, and any evaluation error (an unbound variable, a
 *   function given what it does not take), skips the source (counted as `ignore`);
 * - the bindings are the client info with `cn`/`dn`/`protocol` renamed `cert_common_name`
 *   / `cert_subject` / `proto_name` (`emqx_auth_template:rename_client_info_vars/1`), plus
 *   `action` (`publish`/`subscribe`) and `topic`;
 * - `emqx_variform:render/3`: a variable with an empty value (undefined, null, "") is "";
 *   a missing one throws `var_unbound`, which `coalesce`, `iif`'s condition and `is_empty`
 *   read as ""; the result is made a string (`return_str/1`: booleans `true`/`false`);
 * - functions (`emqx_variform_bif`): `str_eq`/`str_neq` compare `any_to_str/1` of both
 *   (`emqx_utils_conv:bin/1`), `not/1` takes true/false as booleans or strings,
 *   `is_empty`, `coalesce`, `iif` are evaluated by `emqx_variform` itself,
 *   `topic_match/2` is `emqx_topic:match/2` on both as topic words.
 * Modelled exactly: those functions plus `concat`, ASCII `lower`/`upper`, and the
 * variables `clientid`, `username`, `listener`, `zone`, `client_attrs.<name>`, `action`,
 * `topic` (not after a `$share/`, `$queue/`, `$exclusive/` or `$delayed/` prefix) and a
 * given `cert_common_name`. Anything else is `unknown` with the reason: never a guess.
 */
import { fromBytes, toBytes, type Request } from "@emqx-acl/core";
import { parseVariform, type VfExpr } from "./variform-parse";

/** A value during evaluation: a byte string, a boolean (an Erlang atom), an integer, or a list. */
type Val = string | boolean | bigint | Val[];

/** The expression uses something not modelled here. */
class Unknown extends Error {}
/** EMQX's evaluation fails (the source is skipped); `unbound` is what coalesce/iif/is_empty forgive. */
class EvalError extends Error {
  constructor(
    message: string,
    readonly unbound = false,
  ) {
    super(message);
  }
}

export type PreconditionResult =
  | { holds: true }
  /** `result`: what the expression rendered to, or why EMQX's evaluation fails. */
  | { holds: false; why: string }
  | { holds: "unknown"; why: string };

const PREFIXED = /^\$(share|queue|exclusive|delayed)\//;

/** A top-level variable's value; undefined when it is not one modelled. */
function topVariable(name: string, request: Request): Val | Record<string, string> | undefined {
  switch (name) {
    case "clientid":
      return request.clientid;
    case "username":
      // undefined in the client info: rendered as ""
      return request.username ?? "";
    case "listener":
      return request.listener;
    case "zone":
      return request.zone;
    case "action":
      return request.action;
    case "topic":
      if (PREFIXED.test(request.topic))
        throw new Unknown(`the topic EMQX binds for '${fromBytes(request.topic)}' (after its prefix) is not modelled`);
      return request.topic;
    case "cert_common_name":
      if (request.cert_common_name === null) throw new Unknown("cert_common_name of a client without one");
      return request.cert_common_name;
    case "client_attrs":
      return request.client_attrs;
    case "peerhost":
      throw new Unknown("peerhost is an address tuple in the client info (its rendering is not modelled)");
  }
  return undefined;
}

/** A variable: its path split on dots (`string:tokens/2`: empty segments dropped), looked up level by level. */
function variable(name: string, request: Request): Val {
  const [top, ...path] = name.split(".").filter((s) => s !== "");
  let v = topVariable(top, request);
  if (v === undefined) throw new Unknown(`variable '${top}' is not modelled (not in a request line)`);
  for (const seg of path) {
    // only a map has keys; anything else fails the lookup (`var_unbound`)
    const key = toBytes(seg);
    if (typeof v !== "object" || Array.isArray(v) || !Object.prototype.hasOwnProperty.call(v, key))
      throw new EvalError(`variable ${name} is unbound`, true);
    v = (v as Record<string, string>)[key];
  }
  if (typeof v === "object" && !Array.isArray(v)) throw new Unknown(`the map ${name} as a value is not modelled`);
  return v;
}

const isEmpty = (v: Val) => v === "" || (Array.isArray(v) && v.length === 0);

/** `emqx_utils_conv:bin/1` for the values modelled. */
function str(v: Val): string {
  if (typeof v === "string") return v;
  if (typeof v === "boolean" || typeof v === "bigint") return String(v);
  throw new Unknown("a list made a string (JSON) is not modelled");
}

/** `emqx_topic:match/2` on the words of both. */
function topicMatch(topic: string, filter: string): boolean {
  const t = topic.split("/");
  const f = filter.split("/");
  if (t[0].startsWith("$") && (f[0] === "+" || f[0] === "#")) return false;
  for (let i = 0; i < f.length; i++) {
    if (f[i] === "#" && i === f.length - 1) return true;
    if (i >= t.length || (f[i] !== "+" && f[i] !== t[i])) return false;
  }
  return t.length === f.length;
}

function ascii(v: Val, fn: string): string {
  const s = str(v);
  if (/[^\x00-\x7f]/.test(s)) throw new Unknown(`${fn} of non-ASCII text (Unicode case mapping) is not modelled`);
  return s;
}

/** Evaluates, forgiving an unbound variable as "" (EMQX's `try_eval/3`). */
function tryEval(e: VfExpr, request: Request): Val {
  try {
    return evaluate(e, request);
  } catch (err) {
    if (err instanceof EvalError && err.unbound) return "";
    throw err;
  }
}

function call(name: string, args: VfExpr[], request: Request): Val {
  const ev = () => args.map((a) => evaluate(a, request));
  const arity = (n: number) => {
    if (args.length !== n) throw new EvalError(`${name}/${args.length} is not a function`);
  };
  switch (name) {
    case "coalesce": {
      if (args.length === 1 && args[0].kind !== "array") {
        const v = tryEval(args[0], request);
        if (Array.isArray(v)) return v.find((x) => !isEmpty(x)) ?? "";
        if (v === "") return "";
        throw new EvalError("coalesce: the argument did not yield an array");
      }
      const items = args.length === 1 && args[0].kind === "array" ? args[0].items : args;
      for (const a of items) {
        const v = tryEval(a, request);
        if (!isEmpty(v)) return v;
      }
      return "";
    }
    case "is_empty": {
      arity(1);
      return isEmpty(tryEval(args[0], request));
    }
    case "iif": {
      arity(3);
      const c = tryEval(args[0], request);
      const met = typeof c === "boolean" ? c : !isEmpty(c);
      return evaluate(args[met ? 1 : 2], request);
    }
    case "str_eq":
    case "str_neq": {
      arity(2);
      const [a, b] = ev();
      return (str(a) === str(b)) === (name === "str_eq");
    }
    case "not": {
      arity(1);
      const [a] = ev();
      if (typeof a === "boolean") return !a;
      if (a === "true" || a === "false") return a === "true" ? "false" : "true";
      throw new EvalError("not/1 takes true or false");
    }
    case "concat": {
      if (args.length === 2) return ev().map(str).join("");
      arity(1);
      const [list] = ev();
      if (!Array.isArray(list)) throw new EvalError("concat/1 takes an array");
      return list.map(str).join("");
    }
    case "lower":
    case "upper": {
      arity(1);
      const s = ascii(ev()[0], name);
      return name === "lower" ? s.toLowerCase() : s.toUpperCase();
    }
    case "topic_match": {
      arity(2);
      const [t, f] = ev().map(str);
      return topicMatch(t, f);
    }
  }
  throw new Unknown(`function '${name}' is not modelled`);
}

function evaluate(e: VfExpr, request: Request): Val {
  switch (e.kind) {
    case "str":
      return toBytes(e.value);
    case "int":
      return e.value;
    case "bool":
      return e.value;
    case "float":
      throw new Unknown(`the float ${e.text} is not modelled`);
    case "array":
      return e.items.map((i) => evaluate(i, request));
    case "var":
      return variable(e.name, request);
    case "call":
      return call(e.name, e.args, request);
  }
}

/** Parsed expressions by their text: every request of a chain evaluates the same few. */
const parsed = new Map<string, VfExpr | SyntaxError>();

/** Why EMQX refuses the expression (a syntax error), or null. */
export function preconditionSyntaxError(text: string): string | null {
  const p = parse(text);
  return p instanceof SyntaxError ? p.message : null;
}

function parse(text: string): VfExpr | SyntaxError {
  let p = parsed.get(text);
  if (p === undefined) {
    try {
      p = parseVariform(text);
    } catch (e) {
      if (!(e instanceof SyntaxError)) throw e;
      p = e;
    }
    parsed.set(text, p);
  }
  return p;
}

/** Whether EMQX consults the source for this request (the request as the sources see it). */
export function evaluatePrecondition(text: string, request: Request): PreconditionResult {
  const expr = parse(text);
  if (expr instanceof SyntaxError) return { holds: "unknown", why: `a syntax error: ${expr.message}` };
  try {
    const v = evaluate(expr, request);
    if (Array.isArray(v)) return { holds: false, why: "it renders a list, not a string (an error)" };
    const s = str(v);
    return s === "true" ? { holds: true } : { holds: false, why: `it renders '${fromBytes(s)}'` };
  } catch (err) {
    if (err instanceof Unknown) return { holds: "unknown", why: err.message };
    if (err instanceof EvalError) return { holds: false, why: `its evaluation fails (${err.message})` };
    throw err;
  }
}
