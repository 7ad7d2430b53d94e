/**
 * VS Code in a browser for end-to-end tests of the extension: code-server (installed into a
 * cache outside the repository by scripts/install-code-server.mjs, pinned there) run on a free
 * loopback port with its own user-data, extensions and config directories, nothing reaching
 * out (no telemetry, update check or extension gallery), and Debian's Chromium driven by
 * playwright-core.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./shared";

export interface CodeServerInstall {
  /** the Node 24 that runs code-server */
  node: string;
  /** code-server's `out/node/entry.js` */
  entry: string;
  version: string;
}

/** Debian's Chromium (`apt-get install -y chromium`); $EMQX_ACL_CHROMIUM names another. */
export const chromiumPath = process.env.EMQX_ACL_CHROMIUM || "/usr/bin/chromium";

/** Headless, no sandbox (root in CI), and nothing fetched from outside. */
export const chromiumArgs = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
];

/** Runs a command to its end: exit code and everything it printed. */
function run(
  cmd: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; echo?: boolean } = {},
): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(cmd, args, { env: options.env ?? process.env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d));
    child.stderr.on("data", (d: Buffer) => {
      err += d;
      if (options.echo) process.stderr.write(d);
    });
    child.on("error", reject);
    child.on("close", (code) => resolve({ code: code ?? -1, out, err }));
  });
}

/**
 * Installs code-server into the cache when it is not there yet (a few minutes, from the npm
 * registry; progress on stderr), else returns at once.
 */
export async function installCodeServer(): Promise<CodeServerInstall> {
  const r = await run(process.execPath, [join(repoRoot, "scripts", "install-code-server.mjs")], { echo: true });
  if (r.code !== 0) {
    throw new Error(
      `scripts/install-code-server.mjs failed (exit ${r.code}):\n${r.err.split("\n").slice(-20).join("\n")}`,
    );
  }
  return JSON.parse(r.out.trim().split("\n").at(-1)!) as CodeServerInstall;
}

/** A user's directories for one code-server, all below `home`. */
export interface Profile {
  home: string;
  userData: string;
  extensions: string;
  config: string;
}

/** VS Code settings for a quiet, predictable workbench (no welcome page, trust prompt, chat, minimap). */
const SETTINGS = {
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "workbench.secondarySideBar.defaultVisibility": "hidden",
  "workbench.colorTheme": "Default Dark Modern",
  "security.workspace.trust.enabled": false,
  "editor.semanticHighlighting.enabled": false,
  "editor.minimap.enabled": false,
  "editor.hover.delay": 300,
  "files.autoSave": "off",
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "chat.disableAIFeatures": true,
  "git.enabled": false,
  "npm.fetchOnlinePackageInfo": false,
};

export function makeProfile(home: string): Profile {
  const p = {
    home,
    userData: join(home, "user-data"),
    extensions: join(home, "extensions"),
    config: join(home, "config.yaml"),
  };
  mkdirSync(join(p.userData, "User"), { recursive: true });
  mkdirSync(p.extensions, { recursive: true });
  writeFileSync(join(p.userData, "User", "settings.json"), `${JSON.stringify(SETTINGS, null, 2)}\n`);
  writeFileSync(p.config, "bind-addr: 127.0.0.1:0\nauth: none\ncert: false\n");
  return p;
}

/** code-server's environment: its config and data under the profile, no extension gallery. */
function env(p: Profile): NodeJS.ProcessEnv {
  const e: NodeJS.ProcessEnv = {};
  // not the variables of a VS Code this test may itself run in
  for (const [k, v] of Object.entries(process.env)) if (!k.startsWith("VSCODE_")) e[k] = v;
  // its IPC sockets too (in the profile, removed with it), where the path fits a socket's 107 bytes
  const tmp = join(p.home, "tmp");
  mkdirSync(tmp, { recursive: true });
  const sockets = tmp.length <= 50 ? { TMPDIR: tmp } : {};
  return {
    ...e,
    ...sockets,
    XDG_CONFIG_HOME: join(p.home, "xdg-config"),
    XDG_DATA_HOME: join(p.home, "xdg-data"),
    EXTENSIONS_GALLERY: "{}",
  };
}

function profileArgs(p: Profile): string[] {
  return [
    "--config",
    p.config,
    "--user-data-dir",
    p.userData,
    "--extensions-dir",
    p.extensions,
    "--disable-telemetry",
    "--disable-update-check",
  ];
}

/** `code-server --install-extension <vsix>` into the profile's extensions directory. */
export async function installExtension(cs: CodeServerInstall, p: Profile, vsix: string): Promise<string> {
  const r = await run(cs.node, [cs.entry, ...profileArgs(p), "--install-extension", vsix], { env: env(p) });
  const out = `${r.out}${r.err}`;
  if (r.code !== 0 || !/successfully installed/.test(out))
    throw new Error(`code-server --install-extension ${vsix} failed (exit ${r.code}):\n${out}`);
  return out;
}

export interface RunningCodeServer {
  /** the workbench's address with `folder` open */
  url: string;
  /** what code-server has printed so far */
  log(): string;
  stop(): Promise<void>;
}

/** Starts code-server on a free loopback port (its own process group, stopped whole). */
export async function startCodeServer(
  cs: CodeServerInstall,
  p: Profile,
  folder: string,
  timeoutMs = 120_000,
): Promise<RunningCodeServer> {
  const args = [
    cs.entry,
    ...profileArgs(p),
    "--auth",
    "none",
    "--bind-addr",
    "127.0.0.1:0",
    "--disable-workspace-trust",
    "--disable-getting-started-override",
    "--ignore-last-opened",
  ];
  const child: ChildProcess = spawn(cs.node, args, { env: env(p), stdio: ["ignore", "pipe", "pipe"], detached: true });
  let log = "";
  child.stdout!.on("data", (d: Buffer) => (log += d));
  child.stderr!.on("data", (d: Buffer) => (log += d));
  const exited = new Promise<void>((resolve) => child.on("exit", () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const group = (signal: NodeJS.Signals) => {
      try {
        process.kill(-child.pid!, signal);
      } catch {
        // already gone
      }
    };
    group("SIGTERM");
    const timer = setTimeout(() => group("SIGKILL"), 10_000);
    await exited;
    clearTimeout(timer);
    group("SIGKILL"); // the extension host and language server, should any outlive it
  };
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      clearInterval(poll);
      reject(new Error(`code-server did not start listening within ${timeoutMs / 1000} s:\n${log}`));
    }, timeoutMs);
    const poll = setInterval(() => {
      const m = /HTTP server listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(log);
      if (m || child.exitCode !== null) {
        clearInterval(poll);
        clearTimeout(timer);
        if (m) resolve(m[1]);
        else reject(new Error(`code-server exited (${child.exitCode}):\n${log}`));
      }
    }, 100);
  }).catch(async (err: unknown) => {
    await stop();
    throw err;
  });
  return { url: `${url}/?folder=${encodeURIComponent(folder)}`, log: () => log, stop };
}

/** Chromium's environment: its config and cache (the crash-report database) under `home`. */
export function chromiumEnv(home: string): Record<string, string> {
  const e: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined) e[k] = v;
  return { ...e, XDG_CONFIG_HOME: join(home, "config"), XDG_CACHE_HOME: join(home, "cache") };
}

/** The message when Chromium is missing; null when it is there. */
export function chromiumMissing(): string | null {
  if (existsSync(chromiumPath)) return null;
  return `no Chromium at ${chromiumPath}: run \`apt-get install -y chromium\` (as root; .ci/run does), or set EMQX_ACL_CHROMIUM to another Chromium`;
}
