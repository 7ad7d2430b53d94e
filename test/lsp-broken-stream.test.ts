/**
 * A corrupt frame on stdin (bad or missing Content-Length, a length that disagrees with the
 * body, a frame that stops halfway) must not leave the bundled server alive but deaf: it
 * exits non-zero with a one-line reason on stderr, so the client restarts it.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { DocumentSymbolRequest, InitializeRequest, InitializedNotification } from "vscode-languageserver-protocol/node";
import { bundleServer, startClient, type TestClient } from "../packages/language-server/src/testing/stdio-client";

let server: string;

beforeAll(async () => {
  server = await bundleServer();
}, 60_000);

const frame = (body: string, length = Buffer.byteLength(body)) => `Content-Length: ${length}\r\n\r\n${body}`;
const request = (id: number, method: string, params: unknown) => JSON.stringify({ jsonrpc: "2.0", id, method, params });
const symbols = request(90, "textDocument/documentSymbol", { textDocument: { uri: "file:///tmp/x.conf" } });

/** The exit code, or "still running" if the server has not exited within `ms` (it hangs on today's main). */
const exitWithin = (client: TestClient, ms: number) =>
  new Promise<number | string | null>((res) => {
    const timer = setTimeout(() => res("still running"), ms);
    client.process.on("exit", (code) => (clearTimeout(timer), res(code)));
  });

/** A working server, then `raw` bytes written straight to its stdin. */
async function corrupt(
  raw: string,
  env: NodeJS.ProcessEnv = {},
): Promise<{ code: number | string | null; stderr: string }> {
  const client = startClient(server, ["--stdio"], env);
  try {
    await client.connection.sendRequest(InitializeRequest.type, {
      processId: process.pid,
      rootUri: null,
      capabilities: {},
    });
    await client.connection.sendNotification(InitializedNotification.type, {});
    expect(
      await client.connection.sendRequest(DocumentSymbolRequest.type, { textDocument: { uri: "file:///tmp/x.conf" } }),
    ).toEqual([]);
    const exited = exitWithin(client, 8000);
    client.process.stdin.write(raw);
    return { code: await exited, stderr: client.stderr() };
  } finally {
    await client.close();
  }
}

function expectRestartable({ code, stderr }: { code: number | string | null; stderr: string }, reason: RegExp) {
  expect(code).toBe(1);
  const lines = stderr.trim().split("\n");
  expect(lines.at(-1)).toMatch(
    /^emqx-acl: the message stream from the client is broken \(.+\); exiting so that the client restarts the server$/,
  );
  expect(lines.at(-1)).toMatch(reason);
  expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
}

describe("a broken stream from the client", () => {
  it("a garbage header line", async () => {
    expectRestartable(await corrupt(`garbage\r\n\r\n${frame(symbols)}`), /header/i);
  });

  it("a header without Content-Length", async () => {
    expectRestartable(
      await corrupt(`Content-Type: application/vscode-jsonrpc; charset=utf-8\r\n\r\n${symbols}`),
      /Content-Length/,
    );
  });

  it("a Content-Length that is not a number", async () => {
    expectRestartable(await corrupt(`Content-Length: lots\r\n\r\n${symbols}`), /Content-Length/);
  });

  it("a Content-Length shorter than the body", async () => {
    expectRestartable(await corrupt(frame(symbols, symbols.length - 7) + frame(symbols)), /.+/);
  });

  it("a Content-Length longer than the body, then the next frame", async () => {
    expectRestartable(await corrupt(frame(symbols, symbols.length + 40) + frame(request(91, "shutdown", null))), /.+/);
  });

  it("a frame that stops arriving before its Content-Length is reached", async () => {
    expectRestartable(
      await corrupt(frame(symbols, symbols.length + 100_000), { EMQX_ACL_LSP_STALLED_FRAME_MS: "500" }),
      /stopped arriving/,
    );
  });
});
