// Dead exports: exported values (functions, constants, classes) of packages/*/src that no
// other file imports (tests and benchmarks count as users). The TypeScript compiler resolves
// every import, re-export and `import("…")` to the declaration it names. Today's are listed
// in dead-exports.baseline (debt to pay down, not to grow): the check fails on a dead
// export not in it, and on a line of it that is no longer dead (delete the line).
// `--list` prints every dead export and always exits 0; `--root DIR` checks another tree.
import ts from "typescript";
import { readFileSync } from "node:fs";
import { relative, resolve } from "node:path";

/** Exports used from outside the TypeScript program. */
const ALLOWED = new Set([
  // VS Code calls the extension's activate / deactivate
  "packages/vscode/src/extension.ts#activate",
  "packages/vscode/src/extension.ts#deactivate",
  // the bundles' build conditions pick these instead of their default modules (package.json)
  "packages/chain/src/live-external.ts#openLiveSources",
  "packages/syntax/src/chevrotain-parser-lazy.ts#termParser",
]);

// `--root DIR`: another tree with the same layout (the tests use a small one)
const rootArg = process.argv.indexOf("--root");
const root = rootArg > 0 ? resolve(process.argv[rootArg + 1]) : resolve(new URL("..", import.meta.url).pathname);
const configPath = ts.findConfigFile(root, ts.sys.fileExists, "tsconfig.json");
const parsed = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, root);
const program = ts.createProgram(parsed.fileNames, parsed.options);
const checker = program.getTypeChecker();
const own = (f) => !f.isDeclarationFile && relative(root, f.fileName).startsWith("packages/");
const sources = program.getSourceFiles().filter(own);

/** The declaration a symbol finally names (through aliases and re-exports). */
const original = (s) => (s && s.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(s) : s);

/** The module symbol `specifier` names from `file` (dynamic imports have no symbol of their own). */
function moduleOf(specifier, file) {
  const resolved = ts.resolveModuleName(specifier, file.fileName, parsed.options, ts.sys).resolvedModule;
  const target = resolved && program.getSourceFile(resolved.resolvedFileName);
  return target && checker.getSymbolAtLocation(target);
}

const used = new Set();
const markModule = (moduleSymbol) => {
  if (moduleSymbol) for (const e of checker.getExportsOfModule(moduleSymbol)) used.add(original(e));
};
for (const file of program.getSourceFiles().filter((f) => !f.isDeclarationFile)) {
  const visit = (node) => {
    if (ts.isImportSpecifier(node) || ts.isExportSpecifier(node) || ts.isImportClause(node)) {
      const s = checker.getSymbolAtLocation(node.name ?? node);
      if (s) used.add(original(s));
    } else if (ts.isNamespaceImport(node)) {
      markModule(checker.getSymbolAtLocation(node.parent.parent.moduleSpecifier));
    } else if (ts.isImportTypeNode(node) && node.qualifier) {
      // import("./x").name: just that export
      let q = node.qualifier;
      while (ts.isQualifiedName(q)) q = q.left;
      const sym = checker.getSymbolAtLocation(q);
      if (sym) used.add(original(sym));
    } else if (
      ts.isImportTypeNode(node) ||
      (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword)
    ) {
      const spec = ts.isImportTypeNode(node) ? node.argument.literal : node.arguments[0];
      if (spec && ts.isStringLiteral(spec)) markModule(moduleOf(spec.text, file));
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
}

const dead = [];
for (const file of sources) {
  const path = relative(root, file.fileName);
  if (/\.test\.ts$|test-support|test-helpers/.test(path)) continue;
  const moduleSymbol = checker.getSymbolAtLocation(file);
  if (!moduleSymbol) continue;
  for (const e of checker.getExportsOfModule(moduleSymbol)) {
    const s = original(e);
    // re-exports (index.ts) are judged where they are declared
    if (s.declarations?.some((d) => d.getSourceFile() !== file)) continue;
    // a type may be exported because exported signatures use it; values are the dead weight
    if (!(s.flags & ts.SymbolFlags.Value)) continue;
    const id = `${path}#${e.name}`;
    if (!used.has(s) && !ALLOWED.has(id)) dead.push(id);
  }
}
if (process.argv.includes("--list")) {
  for (const d of dead) process.stdout.write(`${d}\n`);
  process.stderr.write(`${dead.length} export${dead.length === 1 ? "" : "s"} no other file imports\n`);
} else {
  const baselinePath = resolve(root, "scripts/dead-exports.baseline");
  const baseline = new Set(
    readFileSync(baselinePath, "utf8")
      .split("\n")
      .filter((l) => l.trim() && !l.startsWith("#")),
  );
  const added = dead.filter((d) => !baseline.has(d));
  const paid = [...baseline].filter((d) => !dead.includes(d));
  for (const d of added)
    process.stderr.write(`${d}: exported but no other file imports it; drop the export (or use it)\n`);
  for (const d of paid)
    process.stderr.write(`${d}: no longer a dead export; delete its line from scripts/dead-exports.baseline\n`);
  process.exitCode = added.length || paid.length ? 1 : 0;
}
