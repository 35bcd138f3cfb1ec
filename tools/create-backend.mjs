#!/usr/bin/env node
// Generates a backend package from templates/backend:
//
//   pnpm create-backend <name> [dir] [--package <npm name>]
//
// <name> is the backend's name for setBackend/WEIGHTNORM_BACKEND (lowercase, digits, dashes).
// [dir] defaults to packages/backend-<name>; the package name defaults to @weightnorm/backend-<name>
// (the name core's lookup by name finds). Inside this workspace the weightnorm dependencies are
// `workspace:^`; anywhere else they are ^<current version>, to be installed from npm.
import { cpSync, existsSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const template = join(root, 'templates/backend');

function usage(message) {
  console.error(`create-backend: ${message}\nusage: pnpm create-backend <name> [dir] [--package <npm name>]`);
  process.exit(1);
}

const argv = process.argv.slice(2);
let packageName;
const positional = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === '--package') packageName = argv[++i];
  else if (argv[i].startsWith('--')) usage(`unknown option ${argv[i]}`);
  else positional.push(argv[i]);
}
const [name, dirArg] = positional;
if (!name || positional.length > 2) usage('expected a backend name and at most one directory');
if (!/^[a-z][a-z0-9-]*$/.test(name)) usage(`name must match [a-z][a-z0-9-]*; received "${name}"`);
packageName ??= `@weightnorm/backend-${name}`;
if (!/^(@[a-z0-9-~][a-z0-9-._~]*\/)?[a-z0-9-~][a-z0-9-._~]*$/.test(packageName)) usage(`--package must be a valid npm name; received "${packageName}"`);

const target = resolve(process.cwd(), dirArg ?? join(root, 'packages', `backend-${name}`));
if (existsSync(target) && readdirSync(target).length > 0) usage(`${target} exists and is not empty`);

const inWorkspace = !relative(root, target).startsWith('..');
const read = (p) => JSON.parse(readFileSync(join(root, p), 'utf8'));
const coreVersion = read('packages/core/package.json').version;
const rootPkg = read('package.json');
const camel = name.replace(/-([a-z0-9])/g, (_, c) => c.toUpperCase());
const replacements = {
  __PACKAGE_NAME__: packageName,
  __BACKEND_NAME__: name,
  __BACKEND_CAMEL__: camel,
  __BACKEND_IDENT__: camel[0].toUpperCase() + camel.slice(1),
  __WEIGHTNORM_RANGE__: inWorkspace ? 'workspace:^' : `^${coreVersion}`,
  __TYPES_NODE_RANGE__: rootPkg.devDependencies['@types/node'],
  __TYPESCRIPT_RANGE__: rootPkg.devDependencies.typescript,
};

cpSync(template, target, { recursive: true });
for (const file of walk(target)) {
  let text = readFileSync(file, 'utf8');
  for (const [from, to] of Object.entries(replacements)) text = text.replaceAll(from, to);
  writeFileSync(file, text);
}
console.log(`created ${packageName} (backend "${name}") in ${target}`);
console.log(inWorkspace ? 'next: pnpm install, then pnpm test in that folder' : 'next: npm install, then npm test in that folder');

function walk(dir) {
  return readdirSync(dir).flatMap((f) => {
    const p = join(dir, f);
    return statSync(p).isDirectory() ? walk(p) : [p];
  });
}
