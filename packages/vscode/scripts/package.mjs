// `node packages/vscode/scripts/package.mjs [--out DIR] [--grammar-dir DIR]`: bundles the extension and the
// language server with esbuild and writes an installable .vsix (no node_modules inside).
// The TextMate grammar and language configuration are copied from the repository's grammar/.
import { build } from "esbuild";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { zip } from "./zip.mjs";

const pkgDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const repo = resolve(pkgDir, "..", "..");
const outArg = process.argv.indexOf("--out");
const outDir = outArg > 0 ? resolve(process.argv[outArg + 1]) : join(pkgDir, "dist");
const grammarArg = process.argv.indexOf("--grammar-dir");
const grammarDir = grammarArg > 0 ? resolve(process.argv[grammarArg + 1]) : join(repo, "grammar");

function fail(message) {
  process.stderr.write(`package.mjs: ${message}\n`);
  process.exit(1);
}

async function bundle(entry) {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: "node",
    target: "node18",
    format: "cjs",
    external: ["vscode"],
    minify: true,
    legalComments: "none",
    logLevel: "error",
    outfile: "out.cjs",
  });
  return Buffer.from(result.outputFiles[0].contents);
}

function readRequired(path, what) {
  if (!existsSync(path)) fail(`${what} not found at ${path}`);
  return readFileSync(path);
}

/** The manifest VS Code reads: the package's, minus workspace-only fields. */
function extensionManifest(pkg) {
  const { dependencies, devDependencies, private: _p, type: _t, ...rest } = pkg;
  return { ...rest, name: "emqx-acl", main: "./dist/extension.js" };
}

const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

function vsixManifest(m) {
  return `<?xml version="1.0" encoding="utf-8"?>
<PackageManifest Version="2.0.0" xmlns="http://schemas.microsoft.com/developer/vsx-schema/2011" xmlns:d="http://schemas.microsoft.com/developer/vsx-schema-design/2011">
  <Metadata>
    <Identity Language="en-US" Id="${esc(m.name)}" Version="${esc(m.version)}" Publisher="${esc(m.publisher)}" />
    <DisplayName>${esc(m.displayName)}</DisplayName>
    <Description xml:space="preserve">${esc(m.description)}</Description>
    <Tags>emqx,mqtt,acl,emqx-acl</Tags>
    <Categories>${esc(m.categories.join(","))}</Categories>
    <GalleryFlags>Public</GalleryFlags>
    <Properties>
      <Property Id="Microsoft.VisualStudio.Code.Engine" Value="${esc(m.engines.vscode)}" />
      <Property Id="Microsoft.VisualStudio.Code.ExtensionDependencies" Value="" />
      <Property Id="Microsoft.VisualStudio.Code.ExtensionPack" Value="" />
      <Property Id="Microsoft.VisualStudio.Code.ExtensionKind" Value="workspace" />
      <Property Id="Microsoft.VisualStudio.Code.LocalizedLanguages" Value="" />
      <Property Id="Microsoft.VisualStudio.Services.GitHubFlavoredMarkdown" Value="true" />
    </Properties>
  </Metadata>
  <Installation>
    <InstallationTarget Id="Microsoft.VisualStudio.Code" />
  </Installation>
  <Dependencies />
  <Assets>
    <Asset Type="Microsoft.VisualStudio.Code.Manifest" Path="extension/package.json" Addressable="true" />
    <Asset Type="Microsoft.VisualStudio.Services.Content.Details" Path="extension/README.md" Addressable="true" />
  </Assets>
</PackageManifest>
`;
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="utf-8"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">
  <Default Extension=".json" ContentType="application/json" />
  <Default Extension=".vsixmanifest" ContentType="text/xml" />
  <Default Extension=".cjs" ContentType="application/javascript" />
  <Default Extension=".js" ContentType="application/javascript" />
  <Default Extension=".md" ContentType="text/markdown" />
  <Default Extension=".txt" ContentType="text/plain" />
</Types>
`;

const pkg = JSON.parse(readFileSync(join(pkgDir, "package.json"), "utf8"));
const manifest = extensionManifest(pkg);
const [extension, server, worker] = await Promise.all([
  bundle(join(pkgDir, "src/extension.ts")),
  bundle(join(repo, "packages/language-server/src/server-main.ts")),
  bundle(join(repo, "packages/language-server/src/analysis-worker-main.ts")),
]);
const grammar = readRequired(join(grammarDir, "acl-conf.tmLanguage.json"), "the TextMate grammar");
const langConfig = readRequired(join(grammarDir, "language-configuration.json"), "the language configuration");
for (const [name, buf] of [
  ["grammar", grammar],
  ["language configuration", langConfig],
]) {
  try {
    JSON.parse(buf.toString("utf8"));
  } catch (err) {
    fail(`the ${name} is not valid JSON: ${err.message}`);
  }
}
const entries = [
  { name: "[Content_Types].xml", data: Buffer.from(CONTENT_TYPES) },
  { name: "extension.vsixmanifest", data: Buffer.from(vsixManifest(manifest)) },
  { name: "extension/package.json", data: Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`) },
  { name: "extension/README.md", data: readRequired(join(pkgDir, "README.md"), "the extension README") },
  { name: "extension/dist/extension.js", data: extension },
  { name: "extension/dist/server.cjs", data: server },
  { name: "extension/dist/analysis-worker.cjs", data: worker },
  { name: "extension/syntaxes/acl-conf.tmLanguage.json", data: grammar },
  { name: "extension/language-configuration.json", data: langConfig },
];
mkdirSync(outDir, { recursive: true });
const out = join(outDir, `${manifest.name}-${manifest.version}.vsix`);
writeFileSync(out, zip(entries));
process.stdout.write(`${out}\n`);
