// Makes a fresh clone usable with only Node and npm: installs the workspace with the
// pinned pnpm (through npx when pnpm is not on PATH) and builds the bundles.
import { execSync } from "node:child_process";
import { readFileSync } from "node:fs";

const pinned = JSON.parse(readFileSync(new URL("../package.json", import.meta.url))).packageManager;
const run = (cmd) => execSync(cmd, { stdio: "inherit", cwd: new URL("..", import.meta.url) });

function hasPnpm() {
  try {
    return (
      execSync("pnpm --version", { stdio: ["ignore", "pipe", "ignore"] })
        .toString()
        .trim() === pinned.split("@")[1]
    );
  } catch {
    return false;
  }
}

const pnpm = hasPnpm() ? "pnpm" : `npx --yes ${pinned}`;
try {
  run(`${pnpm} install --frozen-lockfile --prefer-offline --reporter=silent`);
  run("node scripts/build.mjs");
} catch (err) {
  process.stderr.write(`bootstrap failed: ${err.message.split("\n")[0]}\n`);
  process.exit(1);
}
