/**
 * Writing a long output to stdout with backpressure. A pipe's writes are asynchronous on
 * Linux: a loop that writes chunk after chunk without returning to the event loop queues
 * the whole output in memory (lint's JSON report of the 610k-rule fleet file is 357 MB; piped,
 * the run's peak grew by ~740 MB). Waiting for 'drain' keeps one pipe's worth pending.
 */

/** What a chunk can be written to: a stream, or a test's plain sink (never waited on). */
export interface ChunkSink {
  write(s: string): unknown;
  once?(event: "drain", listener: () => void): unknown;
}

/** Writes the chunk; resolves once the stream can take more (null: it can already). */
export function writeChunk(out: ChunkSink, chunk: string): Promise<void> | null {
  if (out.write(chunk) !== false || !out.once) return null;
  return new Promise((resolve) => out.once!("drain", resolve));
}
