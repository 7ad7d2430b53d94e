/**
 * For tests of database failures: a TCP server that accepts connections and never sends a
 * byte, a port nobody listens on, the CLI run asynchronously (the servers live in this
 * process), and URLs with a password that must never be printed.
 */
import { spawn } from "node:child_process";
import { createServer, type Server, type Socket } from "node:net";
import { cliBin } from "./cli";

export interface Unresponsive {
  /** Accepts and stays silent. */
  silentPort: number;
  /** Refuses (it was bound once, then closed). */
  closedPort: number;
  close(): Promise<void>;
}

export async function unresponsiveServers(): Promise<Unresponsive> {
  const sockets: Socket[] = [];
  const silent: Server = createServer((s) => sockets.push(s));
  await new Promise<void>((r) => silent.listen(0, "127.0.0.1", r));
  const probe = createServer();
  await new Promise<void>((r) => probe.listen(0, "127.0.0.1", r));
  const closedPort = (probe.address() as { port: number }).port;
  await new Promise<void>((r) => probe.close(() => r()));
  return {
    silentPort: (silent.address() as { port: number }).port,
    closedPort,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => silent.close(() => r()));
    },
  };
}

/** The password in every URL of `DATABASE_URLS`. */
export const SECRET = "S3cr3t";

/** Per database type, a URL to 127.0.0.1 at a port, with credentials. */
export const DATABASE_URLS: [string, (port: number) => string][] = [
  ["postgresql", (p) => `postgres://u:${SECRET}@127.0.0.1:${p}/db`],
  ["mysql", (p) => `mysql://u:${SECRET}@127.0.0.1:${p}/db`],
  ["redis", (p) => `redis://u:${SECRET}@127.0.0.1:${p}/0`],
];

/** Runs the built CLI without blocking this process; exit code, stderr and wall time. */
export function runCliAsync(args: string[], cwd: string): Promise<{ code: number | null; stderr: string; ms: number }> {
  const t0 = Date.now();
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [cliBin, ...args], { cwd, stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    p.stderr.on("data", (b) => (stderr += b));
    p.on("close", (code) => resolve({ code, stderr, ms: Date.now() - t0 }));
  });
}
