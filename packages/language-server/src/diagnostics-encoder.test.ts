import { describe, expect, it } from "vitest";
import type { Message } from "vscode-languageserver/node";
import { diagnosticsCachingEncoder } from "./diagnostics-encoder";

const text = async (p: Promise<Uint8Array>) => Buffer.from(await p).toString("utf8");
const opts = { charset: "utf-8" as const };

function diagnostic(i: number, message = `rule ${i} is shadowed by “rule 1” ✓`) {
  return {
    range: { start: { line: i, character: 0 }, end: { line: i, character: 5 } },
    severity: 2,
    code: "rule-unreachable",
    source: "emqx-acl",
    message,
    data: { id: "x", term: i, fix: null },
  };
}

describe("diagnosticsCachingEncoder", () => {
  it("writes exactly what JSON.stringify writes, with and without a version, in the message's key order", async () => {
    const enc = diagnosticsCachingEncoder();
    const ds = [diagnostic(1), diagnostic(2, 'quote " and \\ and \u0000 and 用户')];
    const msgs = [
      {
        jsonrpc: "2.0",
        method: "textDocument/publishDiagnostics",
        params: { uri: "file:///a b/acl.conf", version: 3, diagnostics: ds },
      },
      { jsonrpc: "2.0", method: "textDocument/publishDiagnostics", params: { uri: "file:///x", diagnostics: [] } },
      {
        jsonrpc: "2.0",
        method: "textDocument/publishDiagnostics",
        params: { diagnostics: ds, uri: "file:///y", version: 0 },
      },
      {
        jsonrpc: "2.0",
        method: "textDocument/publishDiagnostics",
        params: { uri: "file:///z", version: undefined, diagnostics: ds },
      },
      { jsonrpc: "2.0", id: 4, result: { contents: "hover" } },
      {
        jsonrpc: "2.0",
        method: "textDocument/publishDiagnostics",
        params: { uri: "file:///w", diagnostics: ds, extra: 1 },
      },
    ];
    for (const m of msgs) expect(await text(enc.encode(m as unknown as Message, opts))).toBe(JSON.stringify(m));
  });

  it("stringifies a diagnostic object once, however often it is published", async () => {
    const enc = diagnosticsCachingEncoder();
    let calls = 0;
    const d = {
      ...diagnostic(7),
      toJSON() {
        calls++;
        return diagnostic(7);
      },
    };
    const msg = (v: number) =>
      ({
        jsonrpc: "2.0",
        method: "textDocument/publishDiagnostics",
        params: { uri: "file:///a", version: v, diagnostics: [d, diagnostic(8)] },
      }) as unknown as Message;
    const first = await text(enc.encode(msg(1), opts));
    const second = await text(enc.encode(msg(2), opts));
    expect(calls).toBe(1);
    expect(JSON.parse(second)).toEqual(JSON.parse(first.replace('"version":1', '"version":2')));
  });

  it.each([
    ["allocating a buffer per publication", false],
    ["writing over the publication before last when idle", true],
  ])("copies runs of earlier publications correctly through random edits of the list (%s)", async (_how, reuse) => {
    const enc = diagnosticsCachingEncoder(() => reuse);
    const older: object[] = [];
    let seed = 7;
    const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2147483648) % n;
    let list: object[] = Array.from({ length: 50 }, (_, i) => diagnostic(i));
    for (let v = 0; v < 200; v++) {
      const next = [...list];
      for (let e = rnd(4); e >= 0; e--) {
        const at = rnd(next.length + 1);
        const op = rnd(3);
        if (op === 0) next.splice(at, 0, diagnostic(1000 + v, `new ${v} ü`));
        else if (op === 1 && next.length) next.splice(at % next.length, 1);
        else if (next.length) next.splice(at % next.length, 1, diagnostic(2000 + v));
      }
      // sometimes an older object comes back, out of its old neighbourhood, or from long ago
      if (v % 7 === 0 && list.length) next.push(list[rnd(list.length)]);
      if (v % 5 === 0 && older.length) next.splice(rnd(next.length + 1), 0, older[rnd(older.length)]);
      older.push(...list.slice(0, 3));
      const msg = {
        jsonrpc: "2.0",
        method: "textDocument/publishDiagnostics",
        params: { uri: "file:///r", version: v, diagnostics: next },
      };
      expect(await text(enc.encode(msg as unknown as Message, opts))).toBe(JSON.stringify(msg));
      list = next;
    }
  });

  it("reuses the buffer of the publication before last only while idle", async () => {
    let idle = true;
    const enc = diagnosticsCachingEncoder(() => idle);
    const msg = (v: number) =>
      ({
        jsonrpc: "2.0",
        method: "textDocument/publishDiagnostics",
        params: { uri: "file:///a", version: v, diagnostics: [diagnostic(v), diagnostic(100)] },
      }) as unknown as Message;
    const bufs: ArrayBufferLike[] = [];
    for (let v = 1; v <= 4; v++) bufs.push((await enc.encode(msg(v), opts)).buffer);
    expect(bufs[2]).toBe(bufs[0]);
    expect(bufs[3]).toBe(bufs[1]);
    expect(bufs[1]).not.toBe(bufs[0]);
    idle = false;
    const busy = (await enc.encode(msg(5), opts)).buffer;
    expect([bufs[0], bufs[1]]).not.toContain(busy);
  });

  it("never copies from the buffer it writes over (an object back after a publication without it)", async () => {
    const enc = diagnosticsCachingEncoder(() => true);
    const x = diagnostic(1, "x was first");
    const rest = Array.from({ length: 20 }, (_, i) => diagnostic(10 + i));
    const msg = (v: number, diagnostics: object[]) => ({
      jsonrpc: "2.0",
      method: "textDocument/publishDiagnostics",
      params: { uri: "file:///a", version: v, diagnostics },
    });
    const long = diagnostic(99, "a long new message ".repeat(20));
    for (const [v, ds] of [
      [1, [x, ...rest]],
      [2, rest],
      [3, [long, ...rest, x]], // written over publication 1's buffer, where x sat at the start
    ] as [number, object[]][]) {
      const m = msg(v, ds);
      expect(await text(enc.encode(m as unknown as Message, opts))).toBe(JSON.stringify(m));
    }
  });
});
