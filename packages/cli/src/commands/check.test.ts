import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough, Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { runCheck } from "./check";
import { runExplain, type ExplainOptions } from "./explain";

function sink() {
  const s = new PassThrough();
  let text = "";
  s.on("data", (c) => (text += c));
  return { stream: s, text: () => text };
}

const dir = mkdtempSync(join(tmpdir(), "emqx-acl-check-"));
const acl = join(dir, "acl.conf");
writeFileSync(acl, '{allow, {username, "u1"}, publish, ["t/${username}/#"]}.\n{deny, all}.\n');
const req = (o: object) =>
  JSON.stringify({
    username: "u1",
    clientid: "c1",
    peerhost: null,
    zone: "default",
    listener: "tcp:default",
    cert_common_name: null,
    client_attrs: {},
    action: "publish",
    qos: 0,
    retain: false,
    topic: "t/u1/x",
    ...o,
  });

describe("check", () => {
  it("answers every line in the conformance format and flags malformed lines", async () => {
    const out = sink();
    const err = sink();
    const input = Readable.from([
      `${req({})}\n${req({ topic: "t/u2" })}\n{"action":"jump"}\n\n${req({ topic: "$delayed/x" })}\n`,
    ]);
    const code = await runCheck(acl, "-", { engine: "v5" }, { stdin: input, stdout: out.stream, stderr: err.stream });
    expect(code).toBe(1);
    expect(out.text().split("\n")).toEqual([
      '{"decision":"allow","rule":1}',
      '{"decision":"deny","rule":2}',
      '{"error":"line 3: \\"action\\" must be \\"publish\\" or \\"subscribe\\", got \\"jump\\""}',
      '{"decision":"deny","rule":null,"note":"invalid $delayed topic"}',
      "",
    ]);
    expect(err.text()).toMatch(/^<stdin>:3: malformed request/);
  });
  it("prints the single load_error line for a refused file", async () => {
    const bad = join(dir, "bad.conf");
    writeFileSync(bad, '{allow, all}.\n{allow, all, pubsub, ["a"]}.\n');
    const out = sink();
    const err = sink();
    const code = await runCheck(
      bad,
      "-",
      { engine: "v6" },
      { stdin: Readable.from([]), stdout: out.stream, stderr: err.stream },
    );
    expect(code).toBe(0);
    expect(JSON.parse(out.text())).toMatchObject({ term: 2 });
    expect(err.text()).toMatch(/bad\.conf:2:14: EMQX v6 refuses this file/);
  });
  it("draws a progress line on stderr only when stderr is a terminal", async () => {
    const reqFile = join(dir, "reqs.jsonl");
    writeFileSync(reqFile, `${req({})}\n${req({ topic: "x" })}\n`);
    const out = sink();
    const tty = Object.assign(sink(), {});
    const errStream = Object.assign(tty.stream, { isTTY: true });
    expect(
      await runCheck(
        acl,
        reqFile,
        { engine: "v5" },
        { stdin: Readable.from([]), stdout: out.stream, stderr: errStream },
      ),
    ).toBe(0);
    expect(tty.text()).toMatch(/\r\x1b\[K2 requests, \d+\/s 100% ETA 0s\n$/);
    const plain = sink();
    await runCheck(
      acl,
      reqFile,
      { engine: "v5" },
      { stdin: Readable.from([]), stdout: sink().stream, stderr: plain.stream },
    );
    expect(plain.text()).toBe("");
  });
  it("reports unreadable request files as usage errors", async () => {
    const out = sink();
    await expect(
      runCheck(
        acl,
        join(dir, "missing.jsonl"),
        { engine: "v5" },
        { stdin: Readable.from([]), stdout: out.stream, stderr: out.stream },
      ),
    ).rejects.toThrow(/no such file/);
  });
});

describe("explain", () => {
  const base: ExplainOptions = {
    engine: "v5",
    clientid: "c1",
    zone: "default",
    listener: "tcp:default",
    clientAttr: [],
    qos: 0,
    format: "pretty",
    securityProfile: "legacy",
  };
  it("names the deciding rule and why earlier rules missed, with rendered topics", () => {
    const out = sink();
    const code = runExplain(
      acl,
      { ...base, username: "u2", publish: "t/u1/x" },
      { write: (s: string) => out.stream.write(s) },
      { write: () => true },
    );
    expect(code).toBe(0);
    expect(out.text()).toMatch(/decision: deny by rule 2/);
    expect(out.text()).toMatch(/rule 1 \(line 1\): who/);
  });
  it("shows the rendered topic when the topic is what failed", () => {
    const out = sink();
    runExplain(
      acl,
      { ...base, username: "u1", publish: "t/u9", format: "json" },
      { write: (s: string) => out.stream.write(s) },
      { write: () => true },
    );
    const j = JSON.parse(out.text());
    expect(j.decision).toEqual({ decision: "deny", rule: 2 });
    expect(j.misses[0]).toMatchObject({
      rule: 1,
      reason: "topic",
      topics: [{ topic: "t/${username}/#", rendered: "t/u1/#" }],
    });
  });
});
