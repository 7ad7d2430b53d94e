/**
 * Catalogue entries of the loader's ids: `schema-*` for what EMQX's rule compiler refuses
 * (spec §2, §4), and the loader's warnings.
 */
import { catalogDoc, dialectsFrom, type DiagnosticDoc } from "@emqx-acl/syntax";

// acl-language.md §6
const REFUSED =
  "EMQX refuses the whole file at the first such rule: EMQX 5 and 6 refuse the configuration (the node does not start; an update through the dashboard or REST API is refused and the previous file kept), EMQX 4 fails to start or to reload.";

const doc = (
  id: string,
  summary: string,
  why: string,
  examples: { bad: string; good: string },
  dialects?: DiagnosticDoc["dialects"],
): DiagnosticDoc =>
  catalogDoc("schema", { id, summary, rationale: `${why} ${REFUSED}`, examples, ...(dialects ? { dialects } : {}) });

/** Every id the loader emits. */
export const schemaDiagnosticDocs: DiagnosticDoc[] = [
  doc(
    "schema-invalid-rule",
    "The term is not a rule of the version's shapes (`{Permission, Who, Action, Topics}` or `{Permission, all}`).",
    "The rule compiler matches these shapes only.",
    {
      bad: "{allow, all, publish}.",
      good: '{allow, all, publish, ["t"]}.',
    },
  ),
  doc(
    "schema-invalid-permission",
    "The permission is not the atom `allow` or `deny`.",
    "Any other first element is refused.",
    {
      bad: '{permit, all, publish, ["t"]}.',
      good: '{allow, all, publish, ["t"]}.',
    },
  ),
  doc(
    "schema-invalid-condition",
    "The who part is not a condition the version knows (EMQX 4: `user`/`client`; EMQX 5: `username`/`clientid`, `client_attr`; EMQX 6 also `zone`, `listener`, `security_profile`).",
    "Each EMQX version accepts its own set of conditions; one written for another version is refused.",
    {
      bad: '{allow, {peerhost, "10.0.0.1"}, publish, ["t"]}.',
      good: '{allow, {ipaddr, "10.0.0.1"}, publish, ["t"]}.',
    },
  ),
  doc(
    "schema-invalid-name",
    "A username, client id or attribute value is not a string or binary (or an atom, from EMQX e5.9).",
    "The compiler converts the value with `bin/1`, which raises on anything else.",
    {
      bad: '{allow, {client, 42}, publish, ["t"]}.',
      good: '{allow, {client, "c1"}, publish, ["t"]}.',
    },
  ),
  doc(
    "schema-invalid-regex",
    "A `{re, Pattern}` pattern that `re:compile` refuses.",
    "EMQX compiles every pattern when it loads the file.",
    {
      bad: '{allow, {username, {re, "^(a"}}, publish, ["t"]}.',
      good: '{allow, {username, {re, "^(a)"}}, publish, ["t"]}.',
    },
    ["v5", "v6"],
  ),
  doc(
    "schema-invalid-cidr",
    "An `{ipaddr, …}`/`{ipaddrs, …}` address that is not a valid IP or CIDR string.",
    "`esockd_cidr:parse/2` raises on it.",
    {
      bad: '{allow, {ipaddr, "10.0.0.0/33"}, publish, ["t"]}.',
      good: '{allow, {ipaddr, "10.0.0.0/8"}, publish, ["t"]}.',
    },
  ),
  doc(
    "schema-invalid-action",
    "The action is not one the version knows (EMQX 4: `publish`, `subscribe`, `pubsub`; EMQX 5+: `publish`, `subscribe`, `all` or `{Action, [Option]}`).",
    "`pubsub` was renamed `all` in EMQX 5, and options exist only from EMQX 5.",
    {
      bad: '{allow, all, pub, ["t"]}.',
      good: '{allow, all, publish, ["t"]}.',
    },
  ),
  doc(
    "schema-invalid-qos",
    "A `{qos, …}` option that is not 0, 1, 2 or a list of them.",
    "The compiler checks every QoS option.",
    {
      bad: '{allow, all, {publish, [{qos, 3}]}, ["t"]}.',
      good: '{allow, all, {publish, [{qos, 2}]}, ["t"]}.',
    },
    ["v5", "v6"],
  ),
  doc(
    "schema-invalid-retain",
    "A `{retain, …}` option that is not `true`, `false` or `all`.",
    "The compiler checks the retain option.",
    {
      bad: '{allow, all, {publish, [{retain, maybe}]}, ["t"]}.',
      good: '{allow, all, {publish, [{retain, false}]}, ["t"]}.',
    },
    ["v5", "v6"],
  ),
  doc(
    "schema-invalid-topic",
    "A topic the version cannot load: a bare string where a list is expected, a malformed `{eq, …}`, or text the version cannot encode.",
    'A topic list is a list: `"t"` alone is a list of characters.',
    {
      bad: '{allow, all, publish, "t"}.',
      good: '{allow, all, publish, ["t"]}.',
    },
  ),
  catalogDoc("schema", {
    id: "regex-unsupported",
    summary:
      "A regex uses a PCRE feature emqx-acl cannot evaluate faithfully; decisions that depend on it are reported as unknown.",
    rationale:
      "EMQX loads and runs the pattern; emqx-acl's matcher covers PCRE 8 (EMQX up to 6.0) and PCRE2 10.45 (EMQX 6.1+, on OTP 28) as Erlang's `re` runs them, except a few constructs (see docs/regex-matching.md). The file is analysed, but requests this regex decides are answered `unknown` instead of guessed: all of them, or, where only some values are in doubt (PCRE's start-of-match optimisations around a verb or a first character asserted by a lookahead; under PCRE2, a recursion that may loop), just those values.",
    dialects: dialectsFrom("v5"),
    defaultSeverity: "warning",
  }),
  catalogDoc("schema", {
    id: "dialect-mixed",
    summary: "The file mixes EMQX 4 syntax with EMQX 5+ syntax; no single EMQX version loads both as intended.",
    rationale:
      "With `--dialect auto` the version is inferred from the constructs used. A file holding `{user, …}` or `pubsub` beside `${username}` or `{re, …}` was probably half migrated: pick the version it runs on (`--dialect`) and migrate the rest (`compile --to acl`).",
    defaultSeverity: "warning",
  }),
];
