/**
 * Generated acl.conf files and requests for the differential test against EMQX's own rule
 * code (`scripts/emqx-differential/`). Unlike the conformance vectors, every file mixes the
 * corners at once: aliases (`user`, `client`), binaries beside strings, nested `and`/`or`,
 * address forms (leading zeros, scope ids, mapped IPv4, odd masks), placeholders EMQX allows,
 * forbids or escapes, `{eq, …}`, rich actions, empty levels, values holding `/`, `+`, `#`.
 * Values and topic words come from one small vocabulary, so rules and requests meet.
 *
 * Deterministic: the same seed gives the same cases, which is what lets the test replay
 * EMQX's answers (stored per case, in order) without Erlang.
 */
import { createHash } from "node:crypto";
import type { Dialect, WireRequest } from "../../packages/core/src/index";
import { prng } from "./prng";

/** The runs whose answers are stored in test/fixtures/emqx-differential/<dialect>.answers. */
export const DIFFERENTIAL_RUNS: readonly { dialect: Dialect; seed: number; count: number }[] = [
  { dialect: "v4", seed: 404, count: 250 },
  { dialect: "v5", seed: 505, count: 250 },
  { dialect: "v6", seed: 606, count: 250 },
];

/** A digest of generated cases: stored answers belong to exactly these cases. */
export function fingerprint(cases: DifferentialCase[]): string {
  return createHash("sha256").update(JSON.stringify(cases)).digest("hex").slice(0, 16);
}

export interface DifferentialCase {
  /** The acl.conf text (one rule per line). */
  text: string;
  requests: WireRequest[];
}

/**
 * Whether EMQX's harness sends topics through the broker's own rewriting before the rules
 * (scripts/emqx-differential, `broker` mode): emqx_topic:parse/1 on SUBSCRIBE filters
 * (EMQX 4.4.19); for EMQX 5.8.9 and 6 also get_shared_real_topic/1 and the `$delayed/<n>/`
 * strip of emqx_access_control:authorize/3. EMQX 6 under its defaults: the `$queue` alias
 * on, no subscription message filter, no mountpoint in authorization.
 */
export const BROKER_TOPICS: Readonly<Record<Dialect, boolean>> = { v4: true, v5: true, v6: true };

/** Topics the broker rewrites before authorization. */
const PREFIXED = /^\$(share|queue|exclusive|delayed)(\/|$)/;

const VALUES = [
  "u1",
  "u2",
  "",
  "a/b",
  "u+",
  "ü",
  "c1",
  "g1",
  "x",
  "#",
  "$SYS",
  "default",
  "10.0.0.5",
  "U1",
  "用户",
  "é",
  "Ω1",
];
const REGEXES = [
  "^u",
  "^u[0-9]$",
  "1$",
  ".*",
  "^$",
  "u1|c1",
  "(*UTF8)^.$",
  "^[[:alpha:]]+$",
  "^.{2}$",
  "(?i)^U1$",
  "^u1\\\\z",
  "^u1$",
  "\\\\d",
  "^[^/]*$",
  "a/b",
  "\\\\+",
  "^$|^u2$",
  "(*UTF8)^..$",
  "(*UCP)^\\\\w+$",
  "(*UTF8)^\\\\p{L}+$",
  "(*UTF8)(*UCP)^[[:alpha:]]+$",
  "(*UTF8)\\\\x{7528}",
  "(*UTF8)^\\\\X$",
];
const GOOD_CIDRS = [
  "10.0.0.0/8",
  "10.0.0.5",
  "10.0.0.5/32",
  "127.0.0.1",
  "::1",
  "fe80::1/64",
  "0.0.0.0/0",
  "10.1.2.3/24",
  "010.0.0.5",
  "::ffff:10.0.0.5",
  "::/0",
  "10.0.0.5/0",
  "fe80::1%eth0",
  "192.168.1.0/24",
  "10.0.0.05/31",
  "::ffff:10.0.0.0/104",
  "0:0:0:0:0:ffff:a00:5",
  "10.0.0.4/30",
];
const BAD_CIDRS = ["10.0.0.0/33", " 10.0.0.5", "10.0.0.256", "10.0.0/8"];
const TOPICS_V4 = [
  "a/+",
  "a/#",
  "#",
  "+/b",
  "$SYS/#",
  "a/%u",
  "%c/#",
  "%u/%c",
  "%u",
  "a/%%u",
  "a/${username}",
  "a//b",
  "",
  "+",
  "u1/#",
  "$share/g/a/b",
  "x/#",
  "%u#",
  "a+/b",
  "%c%u/x",
  "a/b",
  "%U/x",
  "%",
];
const TOPICS = [
  "a/+",
  "a/#",
  "#",
  "+/b",
  "$SYS/#",
  "a/${username}",
  "${clientid}/#",
  "d/${client_attrs.group}",
  "${cert_common_name}/x",
  "${zone}/x",
  "a/${peerhost}",
  "%u/a",
  "%c/#",
  "a//b",
  "",
  "+",
  "+/+",
  "${username}",
  "${username}/${clientid}",
  "${.username}/x",
  "a/${client_attrs.zz}",
  "$$/a",
  "${$}{username}/a",
  "a/b",
  "u1/#",
  "$share/g/a/b",
  "$queue/a",
  "x/#",
  "${username}#",
  "a+/b",
  "${ username }/a",
  "${client_attrs.group}/${username}",
  "eq ${zone}-${username}/用户/${.}",
  "g/${client_attrs.tenant}/$${username}",
  "x.y/$delayed/${.}/${clientid}/${username}",
  " /y/+/all",
  "$exclusive/#x/$share",
  "eq a/#",
  "${client_attrs}/x",
  "用户/${username}",
];
const WORDS = [
  "a",
  "b",
  "u1",
  "c1",
  "x",
  "g1",
  "$SYS",
  "+",
  "#",
  "",
  "10.0.0.5",
  "default",
  "ü",
  "a/b",
  "d",
  "u2",
  "$share",
  "%u",
  "${username}",
  "$queue",
  "$exclusive",
  "$delayed",
  "0",
  "用户",
  "é",
  "eq",
  "x.y",
  " ",
];

/** `count` cases for `dialect` from `seed`. */
export function differentialCases(dialect: Dialect, seed: number, count: number): DifferentialCase[] {
  const rnd = prng(seed);
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)];
  const chance = (p: number) => rnd() < p;
  /** An Erlang string: mostly a charlist, sometimes a binary (non-ASCII: mostly `/utf8`, else truncated bytes). */
  const str = (s: string) => {
    if (!chance(0.25)) return `"${s}"`;
    return /[^\x00-\x7f]/.test(s) && chance(0.8) ? `<<"${s}"/utf8>>` : `<<"${s}">>`;
  };
  const cidr = () => (chance(0.04) ? pick(BAD_CIDRS) : pick(GOOD_CIDRS));
  // esockd only takes charlists: a binary address is a (rare) load error
  const cidrStr = (c: string) => (chance(0.03) ? str(c) : `"${c}"`);
  const junction = () => (chance(0.03) ? pick(["and", "or"]) : pick(["'and'", "'or'"]));
  const valueOrRe = (p: number) => (chance(p) ? `{re, ${str(pick(REGEXES))}}` : str(pick(VALUES)));

  function who4(depth: number): string {
    const k = rnd();
    if (k < 0.1) return "all";
    if (k < 0.3) return `{user, ${chance(0.1) ? "all" : str(pick(VALUES))}}`;
    if (k < 0.5) return `{client, ${chance(0.1) ? "all" : str(pick(VALUES))}}`;
    if (k < 0.65) return `{ipaddr, ${cidrStr(cidr())}}`;
    if (k < 0.72) return `{ipaddrs, [${cidrStr(cidr())}, ${cidrStr(cidr())}]}`;
    if (k < 0.78) return `{${pick(["username", "clientid"])}, ${str(pick(VALUES))}}`;
    if (depth < 2) return `{${junction()}, [${who4(depth + 1)}, ${who4(depth + 1)}]}`;
    return "all";
  }
  function who(depth: number): string {
    if (dialect === "v4") return who4(depth);
    const k = rnd();
    if (k < 0.1) return "all";
    if (k < 0.3) return `{username, ${valueOrRe(0.35)}}`;
    if (k < 0.45) return `{clientid, ${valueOrRe(0.35)}}`;
    if (k < 0.6) return `{ipaddr, ${cidrStr(cidr())}}`;
    if (k < 0.67) return `{ipaddrs, [${cidrStr(cidr())}, ${cidrStr(cidr())}]}`;
    if (k < 0.77)
      return `{client_attr, ${str(pick(["group", "zz", "g", "ü", "tenant"]))}, ${chance(0.4) ? `{re, ${str(pick(REGEXES))}}` : str(pick(["g1", "x", "", "g"]))}}`;
    if (k < 0.8) return `{${pick(["user", "client"])}, ${valueOrRe(0.3)}}`;
    if (k < 0.86 && dialect === "v6") {
      const v = chance(0.4)
        ? `{re, ${str(pick(["^d", "default", "^tcp:", ":x$", "."]))}}`
        : pick(["default", "x", "'tcp:default'", '"tcp:default"', '<<"ssl:x">>', "'x'"]);
      return `{${pick(["zone", "listener"])}, ${v}}`;
    }
    if (k < 0.88 && dialect === "v6") return `{security_profile, ${pick(["legacy", "hardened"])}}`;
    if (depth < 2) return `{${junction()}, [${who(depth + 1)}, ${who(depth + 1)}]}`;
    return "all";
  }
  const actions =
    dialect === "v4"
      ? ["publish", "subscribe", "pubsub"]
      : [
          "publish",
          "subscribe",
          "all",
          "{publish, [{qos, 1}]}",
          "{publish, [{retain, true}]}",
          "{subscribe, [{qos, [0, 2]}]}",
          "{all, [{qos, 0}, {retain, false}]}",
          "{publish, [{retain, all}]}",
          "{all, [{qos, [1, 2]}]}",
          "{subscribe, [{retain, true}]}",
        ];
  const topics = dialect === "v4" ? TOPICS_V4 : TOPICS;
  const topic = () => (chance(0.1) ? `{eq, ${str(pick(topics))}}` : str(pick(topics)));
  function rule(): string {
    const permission = () => pick(["allow", "deny"]);
    if (chance(0.05)) return `{${permission()}, all}.`;
    if (dialect === "v6" && chance(0.05))
      return `{${permission()}, {security_profile, ${pick(["legacy", "hardened"])}}}.`;
    if (dialect !== "v4" && chance(0.05)) return `{${permission()}, ${who(0)}, ${pick(actions)}, all}.`;
    const n = 1 + Math.floor(rnd() * 3);
    return `{${permission()}, ${who(0)}, ${pick(actions)}, [${Array.from({ length: n }, topic).join(", ")}]}.`;
  }
  function request(): WireRequest {
    const action = pick(["publish", "subscribe"] as const);
    let t = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => pick(WORDS)).join("/");
    if (!BROKER_TOPICS[dialect] && PREFIXED.test(t)) t = `a/${t}`;
    return {
      username: chance(0.15) ? null : pick(VALUES),
      clientid: pick(VALUES),
      peerhost: chance(0.1)
        ? null
        : pick(["10.0.0.5", "127.0.0.1", "::1", "fe80::1", "192.168.1.1", "10.1.2.3", "::ffff:10.0.0.5"]),
      zone: pick(["default", "x"]),
      listener: pick(["tcp:default", "ssl:x"]),
      cert_common_name: chance(0.7) ? null : pick(["u1", "c1", "a/b"]),
      client_attrs: chance(0.4)
        ? {}
        : chance(0.5)
          ? { group: pick(["g1", "x", "", "a/b", "用户"]) }
          : { group: "g1", zz: "q", ü: pick(["é", "ab", "用户"]), tenant: pick(["t1", "+", "a/b"]) },
      action,
      qos: Math.floor(rnd() * 3),
      retain: action === "publish" ? chance(0.3) : false,
      topic: t,
    };
  }
  return Array.from({ length: count }, () => {
    const rules = Array.from({ length: 2 + Math.floor(rnd() * 8) }, rule);
    return { text: rules.join("\n") + "\n", requests: Array.from({ length: 60 }, request) };
  });
}
