/**
 * Soundness against the engine on random files: a request the engine decides by rule k
 * proves rule k reachable, so the analysis must never call it unreachable. The vocabulary
 * is built around what makes `$` topics special: templates at the first level, `#`, `+`,
 * `$SYS/#`, and usernames / client ids that start with `$` or hold wildcards.
 */
import { describe, expect, it } from "vitest";
import { compileDecider, lower, type Dialect, type Request } from "@emqx-acl/core";
import { parseDocument } from "@emqx-acl/syntax";
import { seeded, type Rng } from "../incremental/random-acl-text";
import { analyzeReachability } from "./reachability";

const pick = <T>(rng: Rng, xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];

function randomFile(rng: Rng, d: Dialect): string {
  const u = d === "v4" ? "%u" : "${username}";
  const c = d === "v4" ? "%c" : "${clientid}";
  const who =
    d === "v4"
      ? ["all", '{user, "$SYS"}', '{client, "a"}']
      : ["all", "all", '{username, "$SYS"}', '{clientid, "a"}', '{username, {re, "^\\\\$"}}'];
  const actions = d === "v4" ? ["publish", "subscribe", "pubsub"] : ["publish", "subscribe", "all"];
  const topics = ['"#"', '"+/#"', '"+"', '"$SYS/#"', '"$x/+"', `"${u}/#"`, `"${c}/+"`, `"${u}"`, '"a/b"', `"a/${u}"`];
  const n = 2 + Math.floor(rng() * 4);
  const lines = Array.from({ length: n }, () => {
    const ts = Array.from({ length: 1 + Math.floor(rng() * 2) }, () => pick(rng, topics));
    return `{${pick(rng, ["allow", "deny"])}, ${pick(rng, who)}, ${pick(rng, actions)}, [${ts.join(", ")}]}.`;
  });
  return lines.join("\n") + "\n";
}

const USERS = [null, "a", "$SYS", "$x", "+", "#", "", "b/c"];
const TOPICS = ["$SYS/x", "$SYS", "$x/y", "$x", "a/b", "a", "a/$SYS", "$SYS/#", "+/#", "#", "b/c/d"];

describe("reachability never calls a rule unreachable that the engine lets decide", () => {
  for (const d of ["v4", "v5", "v6"] as Dialect[]) {
    it(d, () => {
      let decided = 0;
      for (let seed = 1; seed <= 150; seed++) {
        const rng = seeded(seed);
        const text = randomFile(rng, d);
        const rs = lower(parseDocument(text), d).ruleSet;
        if (rs.loadError) continue;
        const res = analyzeReachability(rs.rules, { dialect: d });
        const engine = compileDecider(rs);
        for (const username of USERS)
          for (const clientid of ["a", "$x", "c"])
            for (const topic of TOPICS)
              for (const action of ["publish", "subscribe"] as const) {
                const req: Request = {
                  username,
                  clientid,
                  peerhost: "10.0.0.1",
                  zone: "default",
                  listener: "tcp:default",
                  cert_common_name: null,
                  client_attrs: {},
                  action,
                  qos: 0,
                  retain: false,
                  topic,
                };
                const got = engine.decide(req);
                if (got.rule === null || got.decision === "unknown") continue;
                decided++;
                const verdict = res[got.rule - 1];
                expect(
                  verdict.status,
                  `${d} seed ${seed}: rule ${got.rule} decides ${JSON.stringify(req)}\n${text}`,
                ).not.toBe("unreachable");
              }
      }
      expect(decided).toBeGreaterThan(1000);
    });
  }
});
