#!/usr/bin/env node
// Enforces issue #10: every public export of a publishable package carries a TSDoc comment, and the
// ones a reader calls carry a short usage example, so the TypeDoc API reference (`pnpm docs`) never
// shows a bare signature.
//
// Rule, per exported symbol reached from a package.json "exports" entry (re-exports followed to the
// declaration that defines the symbol):
//   - every symbol needs a JSDoc comment (`/** … */`) on its declaration;
//   - functions, classes and constants (`const`/`let` bindings, enums) also need an `@example` tag;
//     types and interfaces need only the comment — their use shows in the examples of what takes them;
//     so does a class exported only as a type (`export type { WebgpuContext }`): users never construct it.
// For overloaded functions or merged declarations, one declaration carrying the comment/tag suffices.
// The source behind an entry is found by mapping its "types" path from the package's outDir to its
// rootDir (dist/testing/index.d.ts → src/testing/index.ts).
//
// Usage: node tools/check-tsdoc.mjs [--list]   exit 1 with the missing list when anything lacks docs;
// --list prints every checked export with its kind.
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const packages = ['core', 'backend-cpu', 'backend-webgpu', 'backend-metal', 'nn'];
const listAll = process.argv.includes('--list');

/** The src .ts file behind each "types" entry of a package's exports map. */
function entryPoints(pkgDir) {
  const pkg = JSON.parse(readFileSync(join(pkgDir, 'package.json'), 'utf8'));
  const tsconfig = ts.readConfigFile(join(pkgDir, 'tsconfig.json'), ts.sys.readFile).config;
  const outDir = tsconfig?.compilerOptions?.outDir ?? 'dist';
  const rootDir = tsconfig?.compilerOptions?.rootDir ?? 'src';
  const entries = [];
  for (const [subpath, target] of Object.entries(pkg.exports ?? {})) {
    const types = typeof target === 'string' ? target : target.types;
    if (typeof types !== 'string' || !types.endsWith('.d.ts')) {
      throw new Error(`${pkg.name}: exports["${subpath}"] has no .d.ts "types" entry`);
    }
    const rel = relative(join(pkgDir, outDir), join(pkgDir, types));
    if (rel.startsWith('..')) throw new Error(`${pkg.name}: ${types} is outside ${outDir}`);
    entries.push({
      name: subpath === '.' ? pkg.name : `${pkg.name}/${subpath.replace(/^\.\//, '')}`,
      file: join(pkgDir, rootDir, rel.replace(/\.d\.ts$/, '.ts')),
    });
  }
  return entries;
}

const entries = packages.flatMap((p) => entryPoints(join(root, 'packages', p)));
const program = ts.createProgram(
  entries.map((e) => e.file),
  {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  },
);
const checker = program.getTypeChecker();

function kindOf(decl) {
  if (ts.isFunctionDeclaration(decl)) return 'function';
  if (ts.isClassDeclaration(decl)) return 'class';
  if (ts.isVariableDeclaration(decl)) return 'const';
  if (ts.isEnumDeclaration(decl)) return 'enum';
  if (ts.isInterfaceDeclaration(decl)) return 'interface';
  if (ts.isTypeAliasDeclaration(decl)) return 'type';
  if (ts.isModuleDeclaration(decl)) return 'namespace';
  return ts.SyntaxKind[decl.kind];
}

/** JSDoc blocks attached to a declaration (for a variable, the ones on its `const` statement). */
function jsDocs(decl) {
  return ts.getJSDocCommentsAndTags(decl).filter(ts.isJSDoc);
}

/** `export type { X }` / `export { type X }`: users only name X in types, never call it. */
function isTypeOnlyExport(decl) {
  if (ts.isExportSpecifier(decl)) return decl.isTypeOnly || decl.parent.parent.isTypeOnly;
  if (ts.isImportSpecifier(decl)) return decl.isTypeOnly || decl.parent.parent.isTypeOnly;
  if (ts.isImportClause(decl)) return decl.isTypeOnly;
  return false;
}

const missing = [];
let checked = 0;
for (const entry of entries) {
  const source = program.getSourceFile(entry.file);
  if (!source) throw new Error(`${entry.name}: source ${entry.file} not found`);
  const moduleSymbol = checker.getSymbolAtLocation(source);
  if (!moduleSymbol) continue;
  for (const exported of checker.getExportsOfModule(moduleSymbol)) {
    // Walk the re-export chain one hop at a time, noting any `export type` along the way.
    let symbol = exported;
    let typeOnly = false;
    while (symbol.flags & ts.SymbolFlags.Alias) {
      typeOnly ||= (symbol.declarations ?? []).some(isTypeOnlyExport);
      const next = checker.getImmediateAliasedSymbol(symbol);
      if (!next || next === symbol) break;
      symbol = next;
    }
    const decls = (symbol.declarations ?? []).filter((d) => !ts.isSourceFile(d));
    if (decls.length === 0) continue;
    const kinds = [...new Set(decls.map(kindOf))];
    const needsExample =
      !typeOnly && kinds.some((k) => ['function', 'class', 'const', 'enum'].includes(k));
    const docs = decls.flatMap(jsDocs);
    const hasComment = docs.length > 0;
    const hasExample = docs.some((d) => (d.tags ?? []).some((t) => t.tagName.text === 'example'));
    const where = `${relative(root, decls[0].getSourceFile().fileName)}:${
      ts.getLineAndCharacterOfPosition(decls[0].getSourceFile(), decls[0].getStart()).line + 1
    }`;
    const label = `${entry.name} ${exported.name} (${kinds.join('/')}) ${where}`;
    checked++;
    if (listAll) console.log(label);
    if (!hasComment) missing.push({ label, what: 'no comment' });
    else if (needsExample && !hasExample) missing.push({ label, what: 'no @example' });
  }
}

const noComment = missing.filter((m) => m.what === 'no comment').length;
const noExample = missing.length - noComment;
if (missing.length > 0) {
  for (const m of missing) console.log(`${m.what.padEnd(11)} ${m.label}`);
  console.log(
    `\ncheck-tsdoc: ${missing.length} of ${checked} public exports lack docs ` +
      `(${noComment} without a comment, ${noExample} without an @example)`,
  );
  process.exit(1);
}
console.log(`check-tsdoc: all ${checked} public exports documented`);
