// Builds the native addon with node-gyp as part of `pnpm build`. Where it cannot build (Windows, no
// C++ toolchain, a Mac without Xcode command line tools) it says why and exits 0: the package still
// installs and setBackend('metal') then rejects with BackendUnavailableError. Where a toolchain
// exists, a failed compile fails the build.
//
// With --install it is the package's install script. That script must exist: a package holding a
// binding.gyp and no install script gets an implicit `node-gyp rebuild` from npm and pnpm, which
// fails the whole install on a machine without a compiler. Inside this monorepo it defers to
// `pnpm build`; for an installed tarball it builds if it can and never fails the install.
//
// Offline: node-gyp is pointed at the headers that ship with this Node (<prefix>/include/node) when
// they are there, so it downloads nothing.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const say = (msg) => console.log(`@weightnorm/backend-metal: ${msg}`);

function has(cmd, args = ['--version']) {
  try {
    execFileSync(cmd, args, { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

function missingToolchain() {
  if (process.platform === 'win32') return 'Windows has no Metal and the emulated device is not built there';
  if (process.platform === 'darwin') {
    return has('xcrun', ['--find', 'clang++']) ? undefined : 'no Xcode command line tools (xcode-select --install)';
  }
  const missing = [['c++', 'a C++ compiler (c++)'], ['make', 'make'], ['python3', 'python3 (for node-gyp)']]
    .filter(([cmd]) => !has(cmd))
    .map(([, what]) => what);
  return missing.length > 0 ? `missing ${missing.join(', ')}` : undefined;
}

const atInstall = process.argv.includes('--install');
if (atInstall && existsSync(join(root, '..', '..', 'pnpm-workspace.yaml'))) {
  say('inside the weightnorm workspace: the addon is built by `pnpm build`, not at install.');
  process.exit(0);
}
// At install a failure must not fail the user's `npm install`; the backend then reports why.
const fail = (code) => process.exit(atInstall ? 0 : code);

const reason = missingToolchain();
if (reason) {
  say(`skipping the native addon: ${reason}. The package still works as a library; setBackend('metal') will reject.`);
  process.exit(0);
}

// Our devDependency in the workspace; at a user's install, the node-gyp that npm/pnpm ship with.
let nodeGyp;
try {
  nodeGyp = createRequire(import.meta.url).resolve('node-gyp/bin/node-gyp.js');
} catch {
  nodeGyp = process.env.npm_config_node_gyp;
}
if (!nodeGyp || !existsSync(nodeGyp)) {
  say('skipping the native addon: node-gyp was not found. setBackend(\'metal\') will reject.');
  fail(0);
}
const prefix = resolve(dirname(process.execPath), '..');
const headers = join(prefix, 'include', 'node');
const nodedir = existsSync(join(headers, 'node_api.h')) && existsSync(join(headers, 'common.gypi')) ? [`--nodedir=${prefix}`] : [];
const jobs = String(Math.max(1, Math.min(4, availableParallelism())));
const started = Date.now();

for (const args of [['configure', ...nodedir], ['build', '-j', jobs]]) {
  const r = spawnSync(process.execPath, [nodeGyp, ...args, '--loglevel=warn'], { cwd: root, stdio: 'inherit' });
  if (r.status !== 0) {
    say(`node-gyp ${args[0]} failed (exit ${r.status ?? r.signal}); see the output above.`);
    fail(1);
  }
}
const device = process.platform === 'darwin' ? 'Metal device' : 'emulated device (backend metal-emulated)';
say(`built build/Release/weightnorm_metal.node with the ${device} in ${((Date.now() - started) / 1000).toFixed(1)} s`);
