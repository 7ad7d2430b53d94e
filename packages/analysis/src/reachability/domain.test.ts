import { describe, expect, it } from "vitest";
import { prepareRequest, type Dialect, type Request } from "@emqx-acl/core";
import { inRequestDomain, sendableTopic } from "./domain";
import { hasMember, rootDomain } from "./topic-tree";

const req = (action: "publish" | "subscribe", topic: string): Request => ({
  username: "u",
  clientid: "c",
  peerhost: "10.0.0.1",
  zone: "default",
  listener: "tcp:default",
  cert_common_name: null,
  client_attrs: {},
  action,
  qos: 0,
  retain: false,
  topic,
});

const WORDS = ["$share", "$queue", "$exclusive", "$delayed", "g", "", "+", "#", "$SYS", "a+", "\xd0"];

/** Every topic of 1..4 words over WORDS. */
function pool(): string[] {
  let level: string[][] = WORDS.map((w) => [w]);
  const out: string[] = [];
  for (let n = 1; n <= 4; n++) {
    out.push(...level.map((ws) => ws.join("/")));
    if (n < 4) level = level.flatMap((ws) => WORDS.map((w) => [...ws, w]));
  }
  return out;
}

describe("request domain (emqx_topic:validate/2, parse/2, $delayed stripping)", () => {
  const topics = pool();
  for (const dialect of ["v4", "v5", "v6"] as Dialect[])
    for (const action of ["publish", "subscribe"] as const) {
      it(`${dialect} ${action}: the analysis domain is exactly what reaches the rules`, () => {
        const root = rootDomain(action, dialect, { invalid: ["a+", "\xd0"] });
        const reached = new Set<string>();
        for (const raw of topics) {
          if (!inRequestDomain(req(action, raw), dialect)) continue;
          const t = prepareRequest(req(action, raw), dialect).topic;
          reached.add(t);
          expect(hasMember(root, t.split("/")), `${raw} → ${t}`).toBe(true);
        }
        for (const t of [...topics, ""]) {
          if (!hasMember(root, t.split("/"))) continue;
          const raw = sendableTopic(t, action, dialect);
          expect(inRequestDomain(req(action, raw), dialect), `${t} sent as ${raw}`).toBe(true);
          expect(prepareRequest(req(action, raw), dialect).topic).toBe(t);
        }
        expect(reached.size).toBeGreaterThan(100);
      });
    }

  it("strips one prefix only; v4 parses an $exclusive/ after a share prefix again", () => {
    const auth = (d: Dialect, a: "publish" | "subscribe", t: string) =>
      inRequestDomain(req(a, t), d) ? prepareRequest(req(a, t), d).topic : null;
    for (const d of ["v4", "v5", "v6"] as Dialect[]) {
      expect(auth(d, "subscribe", "$exclusive/$share/g/t")).toBe("$share/g/t");
      expect(auth(d, "publish", "$share/g/t")).toBe("$share/g/t");
      expect(auth(d, "subscribe", "$queue/$share/g/t")).toBeNull();
      expect(auth(d, "subscribe", "$share/g/$queue/t")).toBeNull();
      expect(auth(d, "subscribe", "$share/g")).toBeNull();
      expect(auth(d, "subscribe", "$share/g+/t")).toBeNull();
      expect(auth(d, "subscribe", "$exclusive/")).toBeNull();
      expect(auth(d, "publish", "a/\xff")).toBeNull(); // validate3/1 matches `_/utf8`
      expect(auth(d, "subscribe", "$queue/")).toBe("");
    }
    expect(auth("v4", "subscribe", "$share/g/$exclusive/t")).toBe("t");
    expect(auth("v5", "subscribe", "$share/g/$exclusive/t")).toBe("$exclusive/t");
    expect(auth("v4", "subscribe", "$share//t")).toBe("t");
    expect(auth("v5", "subscribe", "$share//t")).toBeNull(); // validate_share: empty group
    expect(auth("v5", "publish", "$delayed/0/")).toBe("");
    expect(auth("v5", "publish", "$delayed/0/$share/g/t")).toBe("$share/g/t");
    expect(auth("v5", "subscribe", "$delayed/0/$share/g/t")).toBe("$share/g/t");
    expect(auth("v5", "publish", "$delayed/0")).toBeNull();
    expect(auth("v4", "publish", "$delayed/0/t")).toBe("$delayed/0/t");
  });
});
