import { describe, expect, it } from "vitest";
import { lower, type Dialect, type Rule } from "@emqx-acl/core";
import { parseDocument } from "@emqx-acl/syntax";
import { rules } from "../testing/build-rules";
import { firstMatch } from "./concrete";
import { analyzeReachability, analyzeReachabilityGlobal, wireToRequest, type ReachabilityResult } from "./reachability";

function run(dialect: Dialect, rs: Rule[]): ReachabilityResult[] {
  const res = analyzeReachability(rs, { dialect });
  for (const r of res)
    if (r.status === "reachable") expect(firstMatch(rs, wireToRequest(r.witness), dialect)).toBe(r.rule);
  return res;
}

/** A file's rules, lowered for one dialect. */
const load = (dialect: Dialect, text: string) => lower(parseDocument(text), dialect).ruleSet.rules;

const status = (res: ReachabilityResult[]) =>
  res.map((r) => (r.status === "unreachable" ? `U${JSON.stringify(r.coveredBy)}` : r.status[0]));

describe("reachability", () => {
  it("finds a rule shadowed by one earlier rule", () => {
    const res = run("v5", rules("v5", ["deny", "all", "all", ["#"]], ["allow", "all", "publish", ["a/b"]]));
    expect(status(res)).toEqual(["r", "U[1]"]);
  });

  it("finds a rule hidden only by the union of two earlier rules (CIDR halves)", () => {
    const res = run(
      "v5",
      rules(
        "v5",
        ["allow", { ip: "10.0.0.0/25" }, "all", ["#"]],
        ["deny", { ip: "10.0.0.128/25" }, "all", ["#"]],
        ["allow", { ip: "10.0.0.0/24" }, "all", ["#"]],
      ),
    );
    expect(status(res)).toEqual(["r", "r", "U[1,2]"]);
  });

  it("union of topic filters: a/+ and a/+/+ hide a/b/c but not a", () => {
    const res = run(
      "v5",
      rules(
        "v5",
        ["deny", "all", "publish", ["a/+"]],
        ["deny", "all", "publish", ["a/+/+"]],
        ["allow", "all", "publish", ["a/b/c", "a/x"]],
        ["allow", "all", "publish", ["a/#"]],
      ),
    );
    expect(status(res)).toEqual(["r", "r", "U[1,2]", "r"]);
    expect((res[3] as { witness: { topic: string } }).witness.topic).toBe("a");
  });

  it("a subscribe filter is matched literally: a/+ grants a/#, not the other way round", () => {
    const res = run("v5", rules("v5", ["deny", "all", "subscribe", ["a/+"]], ["allow", "all", "subscribe", ["a/#"]]));
    expect(status(res)).toEqual(["r", "r"]);
    const res2 = run(
      "v5",
      rules("v5", ["allow", "all", "subscribe", ["a/+"]], ["deny", "all", "subscribe", ["eq a/#"]]),
    );
    expect(status(res2)).toEqual(["r", "U[1]"]);
  });

  it("applies the $ guard in v5 but not in v4", () => {
    const v5 = run("v5", rules("v5", ["deny", "all", "all", ["#"]], ["allow", "all", "all", ["$SYS/#"]]));
    expect(status(v5)).toEqual(["r", "r"]);
    expect((v5[1] as { witness: { topic: string } }).witness.topic.startsWith("$SYS")).toBe(true);
    const v4 = run("v4", rules("v4", ["deny", "all", "all", ["#"]], ["allow", "all", "all", ["$SYS/#"]]));
    expect(status(v4)).toEqual(["r", "U[1]"]);
  });

  it("a placeholder at the start of a topic renders a $-topic for a value starting with $ (v5/v6 guard)", () => {
    for (const d of ["v5", "v6"] as const) {
      const res = run(d, rules(d, ["deny", "all", "all", ["#"]], ["allow", "all", "subscribe", ["${username}/#"]]));
      expect(status(res), d).toEqual(["r", "r"]);
      expect((res[1] as { witness: { username: string } }).witness.username.startsWith("$"), d).toBe(true);
    }
    // a rule that names the $ word keeps its own point: "$SYS" differs from other $ values
    const named = run(
      "v5",
      rules(
        "v5",
        ["deny", "all", "all", ["#"]],
        ["deny", "all", "all", ["$SYS/#"]],
        ["allow", "all", "subscribe", ["${username}/#"]],
      ),
    );
    expect(status(named)).toEqual(["r", "r", "r"]);
    expect((named[2] as { witness: { username: string } }).witness.username).not.toBe("$SYS");
    // EMQX 4 has no $ guard: `#` matches every topic
    expect(
      status(run("v4", rules("v4", ["deny", "all", "all", ["#"]], ["allow", "all", "subscribe", ["%u/#"]]))),
    ).toEqual(["r", "U[1]"]);
  });

  it("knows the topic `all` covers $-topics", () => {
    expect(status(run("v5", rules("v5", ["deny", "all", "all", "all"], ["allow", "all", "all", ["$SYS/#"]])))).toEqual([
      "r",
      "U[1]",
    ]);
  });

  it("reaches share-prefixed rule topics the way EMQX does (one prefix stripped, names never parsed)", () => {
    for (const d of ["v4", "v5", "v6"] as const) {
      const sub = run(d, rules(d, ["allow", "all", "subscribe", ["$share/g/#"]]));
      expect(sub[0], d).toMatchObject({ status: "reachable" });
      const pub = run(d, rules(d, ["allow", "all", "publish", ["$share/#"]]));
      expect(pub[0], d).toMatchObject({ status: "reachable" });
      expect((pub[0] as { witness: { topic: string } }).witness.topic, d).toMatch(/^\$share(\/|$)/);
    }
    const v4 = run("v4", rules("v4", ["allow", "all", "subscribe", ["$share/g/t"]]));
    expect(v4[0]).toMatchObject({ witness: { topic: "$exclusive/$share/g/t" } });
  });

  it("$delayed/… never reaches the rules in v5/v6 (stripped or refused), but does in v4", () => {
    const v5 = run(
      "v5",
      rules("v5", ["allow", "all", "all", ["$delayed/+/#"]], ["allow", "all", "all", ["$delayed/#"]]),
    );
    expect(status(v5)).toEqual(["U[]", "r"]);
    expect(v5[1]).toMatchObject({ witness: { topic: "$delayed" } });
    expect(status(run("v4", rules("v4", ["allow", "all", "all", ["$delayed/+/#"]])))).toEqual(["r"]);
  });

  it("the empty topic reaches the rules as what is left of `$queue/` and (v5/v6) `$delayed/0/`", () => {
    const one = (d: "v4" | "v5", a: "publish" | "subscribe") => run(d, rules(d, ["allow", "all", a, ["eq "]]))[0];
    expect(one("v4", "subscribe")).toMatchObject({ status: "reachable", witness: { topic: "$queue/" } });
    expect(one("v5", "publish")).toMatchObject({ status: "reachable", witness: { topic: "$delayed/0/" } });
    expect(one("v4", "publish")).toMatchObject({ status: "unreachable" });
  });

  it("relates a v4 %u level to the username", () => {
    const res = run(
      "v4",
      rules(
        "v4",
        ["allow", "all", "publish", ["t/%u"]],
        ["deny", { user: "bob" }, "publish", ["t/bob"]],
        ["deny", "all", "publish", ["t/bob"]],
      ),
    );
    expect(status(res)).toEqual(["r", "U[1]", "r"]);
  });

  it("v5 usernames with wildcards widen a template rule", () => {
    const res = run(
      "v5",
      rules("v5", ["deny", "all", "publish", ["t/${username}"]], ["allow", "all", "publish", ["t/+/x"]]),
    );
    expect(status(res)).toEqual(["r", "r"]);
    const res2 = run(
      "v5",
      rules("v5", ["allow", "all", "publish", ["t/${username}"]], ["deny", { user: "#" }, "publish", ["t/q/r"]]),
    );
    expect(status(res2)).toEqual(["r", "U[1]"]);
  });

  it("a username with a slash (from a condition) renders several levels and is reachable", () => {
    const res = run(
      "v5",
      rules(
        "v5",
        ["allow", { user: "x/y" }, "publish", ["t/${username}"]],
        ["deny", { user: "x/y" }, "publish", ["t/x/y"]],
      ),
    );
    expect(status(res)).toEqual(["r", "U[1]"]);
    expect(res[0]).toMatchObject({ witness: { username: "x/y", topic: "t/x/y" } });
  });

  it("splits by qos and retain", () => {
    const res = run(
      "v5",
      rules(
        "v5",
        ["deny", "all", { action: "publish", qos: [0, 1] }, ["#"]],
        ["deny", "all", { action: "publish", retain: true }, ["#"]],
        ["allow", "all", "publish", ["#"]],
      ),
    );
    expect(status(res)).toEqual(["r", "r", "r"]);
    expect(res[2]).toMatchObject({ witness: { qos: 2, retain: false } });
  });

  it("handles literal and regex usernames", () => {
    const res = run(
      "v5",
      rules(
        "v5",
        ["deny", { userRe: "^adm" }, "all", ["#"]],
        ["allow", { user: "admin" }, "all", ["#"]],
        ["allow", "all", "all", ["#"]],
      ),
    );
    expect(status(res)).toEqual(["r", "U[1]", "r"]);
  });

  it("treats and/or conditions and absent usernames", () => {
    const res = run(
      "v5",
      rules(
        "v5",
        ["deny", { or: [{ user: "a" }, { client: "c" }] }, "all", ["#"]],
        ["allow", { and: [{ user: "a" }, { client: "c" }] }, "all", ["#"]],
        ["allow", { user: "" }, "all", ["#"]],
      ),
    );
    expect(status(res)).toEqual(["r", "U[1]", "r"]);
  });

  it("reports rules that match nothing as unreachable with an empty cover", () => {
    const res = run(
      "v5",
      rules("v5", ["allow", "all", "publish", ["a/#/b"]], ["allow", "all", { action: "publish", qos: [] }, ["#"]]),
    );
    expect(res.map((r) => r.status)).toEqual(["unreachable", "unreachable"]);
  });

  it("treats the IPv6 /48 quirk as /32", () => {
    const res = run(
      "v5",
      rules(
        "v5",
        ["deny", { ip: "2001:db8:abcd::/48" }, "all", ["#"]],
        ["allow", { ip: "2001:db8:ffff::/48" }, "all", ["#"]],
      ),
    );
    expect(status(res)).toEqual(["r", "U[1]"]);
  });
});

describe("global and per-rule algorithms agree", () => {
  it("on a mixed file", () => {
    const rs = rules(
      "v5",
      ["allow", { ip: "10.0.0.0/25" }, "all", ["#"]],
      ["deny", { ip: "10.0.0.128/25" }, "all", ["#"]],
      ["allow", { ip: "10.0.0.0/24" }, "all", ["a"]],
      ["deny", { or: [{ user: "a" }, { client: "c" }] }, "all", ["x/#"]],
      ["allow", { and: [{ user: "a" }, { ip: "10.0.0.0/8" }] }, "publish", ["x/+", "y"]],
      ["allow", "all", "publish", ["t/${username}"]],
      ["deny", { userRe: "^ad" }, "publish", ["t/admin"]],
      ["deny", "all", "all", "all"],
    );
    const key = (r: ReachabilityResult) =>
      r.status === "unreachable" ? `U${r.coveredBy.length ? "" : "0"}` : r.status;
    expect(analyzeReachability(rs, { dialect: "v5" }).map(key)).toEqual(
      analyzeReachabilityGlobal(rs, { dialect: "v5" }).map(key),
    );
  });

  it("work budget: rules past it are not analysed (never unreachable), earlier verdicts unchanged", () => {
    const rs = rules(
      "v5",
      ["deny", "all", "all", ["#"]],
      ["allow", "all", "publish", ["a/b"]],
      ["allow", { user: "u" }, "publish", ["c"]],
    );
    const full = run("v5", rs);
    const cut = analyzeReachability(rs, { dialect: "v5", budget: 1 });
    expect(cut[0]).toEqual(full[0]);
    expect(cut.slice(1).map((r) => r.status === "unknown" && r.notAnalysed)).toEqual([true, true]);
    const progress: number[] = [];
    analyzeReachability(rs, { dialect: "v5", onProgress: (done) => progress.push(done) });
    expect(progress).toEqual([3]);
  });
});

describe("topic levels EMQX refuses", () => {
  it("a rule level that is not UTF-8 matches nothing (validate3/1 walks levels as utf8)", () => {
    const res = run("v5", rules("v5", ["allow", "all", "publish", ["t/\xff"]]));
    expect(res[0]).toMatchObject({ status: "unreachable", coveredBy: [] });
  });
});

describe("rules that match no request the broker authorises", () => {
  it("a level rendered from a template that holds `#` among other bytes matches nothing (no witness `g/u1/a#`)", () => {
    for (const dialect of ["v5", "v6"] as const) {
      const res = run(
        dialect,
        load(dialect, '{allow, {username, {re, "^u[0-9]+$"}}, all, ["g/${username}/a#"]}.\n{deny, all}.\n'),
      );
      expect(res[0]).toMatchObject({ status: "unreachable", coveredBy: [] });
      expect(res[1].status).toBe("reachable");
    }
  });

  it("is not covered by an earlier rule that contains it: it matches nothing to cover", () => {
    const res = run("v5", load("v5", '{allow, all, all, ["#"]}.\n{deny, {username, "a"}, publish, [{eq, "a/+"}]}.\n'));
    expect(res[1]).toMatchObject({
      status: "unreachable",
      coveredBy: [],
      reason: "matches no request the broker can authorise",
    });
  });
});

describe("zone and listener names outside ASCII", () => {
  // a request's zone is a name (an EMQX atom), text, while the analysis holds bytes: the
  // witness carries the text, or the engine reads another zone and rejects it (this was
  // "unknown: internal: witness decided by rule null"); EMQX 6 allows rule 1 on it (a1,
  // scripts/emqx-differential)
  it("a witness whose zone is 用户 is decided by its rule", () => {
    const res = run("v6", load("v6", '{allow, {zone, "用户"}, publish, ["${zone}/x"]}.\n'));
    expect(res[0]).toMatchObject({ status: "reachable", witness: { zone: "用户", topic: "用户/x" } });
  });

  it("a witness rendered from ${zone} alone (EMQX 5) is decided by its rule", () => {
    const res = run(
      "v5",
      load(
        "v5",
        '{allow, {username, "é"}, publish, ["用户/${username}"]}.\n{allow, {username, "é"}, all, ["${zone}/x"]}.\n',
      ),
    );
    expect(res.map((r) => r.status)).toEqual(["reachable", "reachable"]);
  });

  it("an attribute name outside ASCII is shown as text in an unknown's reason", () => {
    const res = run(
      "v5",
      load(
        "v5",
        '{deny, {client_attr, "ü", {re, "(*UTF8)^\\\\p{L}+$"}}, publish, ["a"]}.\n' +
          '{allow, {client_attr, "ü", {re, "(*UTF8)^\\\\p{Lu}+$"}}, publish, ["a"]}.\n',
      ),
    );
    expect(res[1]).toMatchObject({ status: "unknown", reason: expect.stringContaining("classes of attr:ü ") });
  });
});

describe("witnesses read like ordinary clients", () => {
  it("a topic sent as it is, when one exists, rather than one the broker rewrites", () => {
    // "$share/g/a/b" as a rule topic is reached only as `$exclusive/$share/g/a/b` (v4) or
    // `$delayed/0/$share/g/a/b` (v5): "a/b" shows the rule firing more plainly
    for (const dialect of ["v4", "v5"] as const) {
      const text =
        dialect === "v4"
          ? '{allow, {client, "c"}, subscribe, ["$share/g/a/b", "a/b"]}.\n'
          : '{allow, {clientid, "c"}, subscribe, ["$share/g/a/b", "a/b"]}.\n';
      expect(run(dialect, load(dialect, text))[0]).toMatchObject({ status: "reachable", witness: { topic: "a/b" } });
    }
  });

  it("the rewritten topic when it is the only way", () => {
    const res = run("v5", load("v5", '{allow, {clientid, "c"}, subscribe, ["$share/g/a/b"]}.\n'));
    expect(res[0]).toMatchObject({ status: "reachable" });
    expect(res[0].status === "reachable" && res[0].witness.topic).not.toBe("$share/g/a/b");
  });
});
