import { describe, expect, it } from "vitest";
import type { ReachabilityResult } from "@emqx-acl/analysis";
import { DocumentAnalyzer } from "./incremental-analysis";
import { ReachabilityReceiver, ReachabilitySender } from "./reachability-delta";

const rules = (n: number, edited = -1) =>
  Array.from(
    { length: n },
    (_, i) => `{allow, {username, "u${i}"}, publish, ["t/${i}${i === edited ? "x" : ""}"]}.`,
  ).join("\n") + "\n{deny, all}.\n";

describe("reachability results between the worker and the server thread", () => {
  it("after an edit inside one rule, only that rule's result is sent, and the server rebuilds the whole list", () => {
    const analyzer = new DocumentAnalyzer();
    const sender = new ReachabilitySender();
    const receiver = new ReachabilityReceiver();
    const send = (text: string) => {
      const a = analyzer.analyze("u", text, { dialect: "v5" });
      const wire = structuredClone(sender.encode("u", a.reachability ?? null));
      return { wire, got: receiver.decode("u", wire), want: a.reachability };
    };
    const first = send(rules(40));
    expect("full" in first.wire).toBe(true);
    const second = send(rules(40, 7));
    expect(second.wire).toMatchObject({ length: 41 });
    expect("changed" in second.wire && second.wire.changed.map(([i]) => i)).toEqual([7]);
    expect(second.got).toEqual(second.want);
    // a new rule renumbers the rest: sent whole
    const third = send(`{deny, all, subscribe, ["x"]}.\n${rules(40, 7)}`);
    expect("full" in third.wire).toBe(true);
    expect(third.got).toEqual(third.want);
  });

  it("rebuilds arbitrary changes exactly and leaves the previous array alone", () => {
    const sender = new ReachabilitySender();
    const receiver = new ReachabilityReceiver();
    const r = (rule: number, status: "reachable" | "unknown"): ReachabilityResult =>
      status === "unknown" ? { rule, status, reason: "r" } : { rule, status, witness: { topic: `t/${rule}` } as never };
    const a = Array.from({ length: 10 }, (_, i) => r(i + 1, "reachable"));
    const ga = receiver.decode("d", structuredClone(sender.encode("d", a)))!;
    const b = a.slice();
    b[3] = r(4, "unknown");
    b[9] = r(10, "unknown");
    const gb = receiver.decode("d", structuredClone(sender.encode("d", b)));
    expect(gb).toEqual(b);
    expect(ga).toEqual(a);
    expect(receiver.decode("d", structuredClone(sender.encode("d", null)))).toBeNull();
  });
});
