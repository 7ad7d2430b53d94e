/**
 * A corrupt stream from the client (a header without a usable Content-Length, a body that
 * is not JSON, a frame that stops arriving halfway) cannot be realigned reliably: with a
 * wrong length the reader has already taken the next frame's bytes as this body or as
 * headers. vscode-jsonrpc only reports the error and reads on, which leaves the server
 * deaf for good. Exiting non-zero with the reason on stderr lets the client see the crash
 * and restart the server.
 */
import type { MessageReader } from "vscode-languageserver/node";

/** How long a frame may stall halfway before the stream counts as broken (vscode-jsonrpc's own default). */
export const STALLED_FRAME_MS = 10_000;

export interface BrokenStreamOptions {
  /** The raw input the reader reads (to tell a stalled frame from a busy server). */
  input: NodeJS.ReadableStream;
  exit?: (code: number) => void;
}

/** Exits with 1 and a one-line reason when `reader` reports a corrupt or stalled stream. */
export function exitOnBrokenStream(
  reader: MessageReader,
  { input, exit = (code) => process.exit(code) }: BrokenStreamOptions,
): void {
  const quit = (reason: string) => {
    process.stderr.write(
      `emqx-acl: the message stream from the client is broken (${reason}); exiting so that the client restarts the server\n`,
    );
    exit(1);
  };
  reader.onError((err) => quit(firstLine(err instanceof Error ? err.message : String(err))));
  let chunks = 0;
  input.on("data", () => chunks++);
  reader.onPartialMessage(({ waitingTime }) => {
    // the stall timer can fire before input that arrived while this thread was busy is read:
    // after setImmediate that input has been read, and then only a frame still stuck counts
    const seen = chunks;
    setImmediate(() => {
      if (chunks === seen) quit(`a frame stopped arriving ${waitingTime} ms ago, shorter than its Content-Length says`);
    });
  });
}

function firstLine(message: string): string {
  return message.split("\n", 1)[0].trim() || "unreadable input";
}
