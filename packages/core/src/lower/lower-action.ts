/**
 * Action terms → `Action` (spec §2.3, §4.5): v4 `publish|subscribe|pubsub`; v5/v6
 * `publish|subscribe|all` or `{A, Opts}` with `qos` collected from every occurrence and
 * `retain` taken from the first (proplists semantics), unknown options ignored.
 */
import type { Term } from "@emqx-acl/syntax";
import type { Action, Dialect, Qos } from "../model/rule";
import { atomOf, listElements } from "./terms";
import { compilerLog, emqxName, SchemaError } from "./schema-error";
import { capabilities } from "../model/dialects";

const ALL_QOS: Qos[] = [0, 1, 2];

/** Lowers the action position of a 4-tuple rule. */
export function lowerAction(term: Term, dialect: Dialect): Action {
  const span = { start: term.start, end: term.end };
  const a = atomOf(term);
  const caps = capabilities(dialect);
  const both = caps.bothAction;
  if (a === "publish" || a === "subscribe" || a === both) {
    return {
      publish: a !== "subscribe",
      subscribe: a !== "publish",
      qos: ALL_QOS,
      retain: "all",
      start: span.start,
      end: span.end,
    };
  }
  if (!caps.actionOptions) {
    throw new SchemaError(
      "schema-invalid-action",
      `${emqxName(dialect)} expects the action publish, subscribe or ${both} (it would log: ${compilerLog(dialect, "compile/1", "invalid_authorization_action")})`,
      term,
    );
  }
  if (term.kind === "tuple" && term.elements.length === 2) {
    const kind = atomOf(term.elements[0]);
    const opts = listElements(term.elements[1]);
    if ((kind === "publish" || kind === "subscribe" || kind === both) && opts !== null) {
      const qos = qosFromOpts(opts, dialect);
      const retain = kind === "subscribe" ? "all" : retainFromOpts(opts, dialect);
      return {
        publish: kind !== "subscribe",
        subscribe: kind !== "publish",
        qos,
        retain,
        start: span.start,
        end: span.end,
      };
    }
  }
  const hint = a === "pubsub" ? " (pubsub was removed in EMQX 5: write all)" : "";
  throw new SchemaError(
    "schema-invalid-action",
    `${emqxName(dialect)} expects the action publish, subscribe, all or {Action, [Option]} with a list of options${hint} (it would log: invalid_authorization_action)`,
    term,
  );
}

function optValues(opts: Term[], key: string): Term[] {
  const out: Term[] = [];
  for (const o of opts) {
    if (atomOf(o) === key) out.push({ kind: "atom", value: "true", quoted: false, start: o.start, end: o.end });
    else if (o.kind === "tuple" && o.elements.length === 2 && atomOf(o.elements[0]) === key) out.push(o.elements[1]);
  }
  return out;
}

function qosFromOpts(opts: Term[], dialect: Dialect): Qos[] {
  const values = optValues(opts, "qos");
  if (values.length === 0) return ALL_QOS;
  const out: Qos[] = [];
  const bad = (t: Term): never => {
    throw new SchemaError(
      "schema-invalid-qos",
      `QoS must be 0, 1 or 2 (or a list of them); ${emqxName(dialect)} refuses it (it would log: invalid_authorization_qos)`,
      t,
    );
  };
  for (const v of values) {
    if (v.kind === "integer") {
      if (v.value < 0n || v.value > 2n) bad(v);
      out.push(Number(v.value) as Qos);
      continue;
    }
    const items = listElements(v);
    if (items === null) {
      throw new SchemaError(
        "schema-invalid-qos",
        `{qos, V} takes an integer 0..2 or a list of them; ${emqxName(dialect)} crashes on this (function_clause in qos_from_opts)`,
        v,
      );
    }
    for (const i of items) {
      if (i.kind !== "integer" || i.value < 0n || i.value > 2n)
        bad(i.kind === "integer" && i.start === v.start ? v : i);
      out.push(Number((i as { value: bigint }).value) as Qos);
    }
  }
  return [...new Set(out)].sort();
}

function retainFromOpts(opts: Term[], dialect: Dialect): "all" | boolean {
  const values = optValues(opts, "retain");
  if (values.length === 0) return "all";
  const v = atomOf(values[0]);
  if (v === "all") return "all";
  if (v === "true" || v === "false") return v === "true";
  throw new SchemaError(
    "schema-invalid-retain",
    `retain must be true, false or all; ${emqxName(dialect)} refuses it (it would log: invalid_authorization_retain)`,
    values[0],
  );
}
