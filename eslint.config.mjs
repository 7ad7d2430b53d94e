// Guardrails, not style: the package layering, where the LSP library may be used, and no
// file / process / network IO in the library packages (the CLI, the language server and the
// extension are where IO happens). `pnpm lint:code` runs it; .ci/run too.
import tseslint from "typescript-eslint";

/** Each package and the workspace packages it may import (syntax ← core ← … ← cli). */
const LAYERS = {
  syntax: [],
  core: ["syntax"],
  analysis: ["syntax", "core"],
  emitters: ["syntax", "core"],
  audit: ["syntax", "core", "analysis"],
  chain: ["syntax", "core", "analysis", "emitters", "audit"],
  "language-server": ["syntax", "core", "analysis", "emitters"],
  cli: ["syntax", "core", "analysis", "emitters", "audit", "chain", "language-server"],
  vscode: [],
};
const PACKAGES = Object.keys(LAYERS);

/** Packages whose code runs inside others: no IO of their own (the callers hand it in). */
const LIBRARIES = ["syntax", "core", "analysis", "emitters", "audit", "chain"];

/** Library files allowed to do IO, each for a reason. */
const IO_ALLOWED = [
  // the live database adapters: check/explain --source-url and import --url talk to servers
  "packages/emitters/src/sql-live.ts",
  "packages/emitters/src/sql-column-kinds.ts",
  "packages/emitters/src/redis-live.ts",
  // check/explain --source-url http=…: sends the http source's request to the origin given
  "packages/chain/src/live-http.ts",
  // audit reads the emqx.conf tree it is pointed at through this one adapter (bounded reads)
  "packages/audit/src/node-fs.ts",
  // loads the live-sources bundle beside the CLI bundle at run time (require of a path)
  "packages/chain/src/live-external.ts",
  // finds and reads the nearest .emqx-acl.json for lint and the language server (one implementation for both)
  "packages/analysis/src/settings-discovery.ts",
  // the test oracle that runs real `erl`; only tests import it
  "packages/core/src/regex/erl-oracle.ts",
];

const IO_MODULES = [
  "fs",
  "fs/promises",
  "child_process",
  "net",
  "http",
  "https",
  "http2",
  "tls",
  "dgram",
  "worker_threads",
];
const DRIVERS = ["mysql2", "mysql2/promise", "pg", "ioredis", "mongodb"];

const layering = (pkg) => ({
  group: PACKAGES.filter((p) => p !== pkg && !LAYERS[pkg].includes(p)).map((p) => `@emqx-acl/${p}`),
  message: `${pkg} may import only ${LAYERS[pkg].map((p) => `@emqx-acl/${p}`).join(", ") || "no workspace package"} (layering: docs/architecture.md)`,
});
const crossRelative = {
  regex: `^(\\.\\./)+(packages/)?(${PACKAGES.join("|")})/src(/|$)`,
  message: "import another package by its name (@emqx-acl/…), not by a relative path into its sources",
};
const lspLibrary = {
  group: [
    "vscode-languageserver",
    "vscode-languageserver/*",
    "vscode-languageserver-*",
    "vscode-languageclient",
    "vscode-languageclient/*",
  ],
  message: "the LSP libraries belong to packages/language-server and packages/vscode",
};
const ioPaths = [
  ...IO_MODULES.flatMap((m) => [m, `node:${m}`]).map((name) =>
    name.endsWith("net")
      ? {
          name,
          allowImportNames: ["isIP", "isIPv4", "isIPv6"],
          message: "no network IO in library packages (isIP is fine)",
        }
      : {
          name,
          message: "no file, process or network IO in library packages: take the data or a reader from the caller",
        },
  ),
  ...DRIVERS.map((name) => ({
    name,
    message: "database drivers belong to the live adapters (allow-listed in eslint.config.mjs)",
  })),
];

const restrict = (pkg, { io }) => ({
  files: [`packages/${pkg}/src/**/*.ts`],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          layering(pkg),
          crossRelative,
          ...(pkg === "language-server" || pkg === "vscode" ? [] : [lspLibrary]),
        ],
        paths: io ? ioPaths : [],
      },
    ],
  },
});

const TESTS = ["**/*.test.ts", "**/*.test-support.ts", "**/test-support.ts", "**/test-helpers.ts", "**/testing/**"];

export default tseslint.config(
  { ignores: ["**/dist/**", "**/node_modules/**", "**/*.cjs", "**/*.js", "**/*.mjs"] },
  {
    files: ["packages/*/src/**/*.ts"],
    languageOptions: { parser: tseslint.parser },
    plugins: { "@typescript-eslint": tseslint.plugin },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" },
      ],
      "@typescript-eslint/no-explicit-any": "error",
      "no-debugger": "error",
      eqeqeq: ["error", "always", { null: "ignore" }],
    },
  },
  ...PACKAGES.map((pkg) => restrict(pkg, { io: LIBRARIES.includes(pkg) })),
  // tests read untyped JSON reports
  { files: TESTS.map((t) => `packages/*/src/${t}`), rules: { "@typescript-eslint/no-explicit-any": "off" } },
  // tests read fixtures and run tools; allow-listed files do IO by design
  ...LIBRARIES.map((pkg) => ({
    files: [
      ...TESTS.map((t) => `packages/${pkg}/src/${t}`),
      ...IO_ALLOWED.filter((f) => f.startsWith(`packages/${pkg}/`)),
    ],
    rules: { "no-restricted-imports": ["error", { patterns: [layering(pkg), crossRelative, lspLibrary] }] },
  })),
);
