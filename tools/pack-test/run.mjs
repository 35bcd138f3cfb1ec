#!/usr/bin/env node
// Pack-and-install test (issue #10): builds the publishable packages, packs them with `pnpm pack`
// (which rewrites workspace: ranges), lints each tarball with publint and attw, installs the
// tarballs with npm into a scratch project OUTSIDE the workspace and runs the README's example
// there — first on the default cpu backend, then with @weightnorm/backend-webgpu added and
// WEIGHTNORM_BACKEND=webgpu, with no code change. Last, it generates a backend package from
// templates/backend, installs it against the tarballs and runs its conformance suite (npm test).
// Exits non-zero on the first failure.
//
//   node tools/pack-test/run.mjs [--skip-build] [--keep] [--no-webgpu]
//
// --no-webgpu exists for machines with no Vulkan/GPU adapter; it prints a visible SKIPPED line, and
// CI (.ci/run) does not pass it.
import { execFileSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = resolve(here, '../..');
const args = new Set(process.argv.slice(2));
const bin = (name) => join(root, 'node_modules/.bin', name);

/** Published packages we install; backend-metal is linted but not installed (macOS-only addon). */
const PACKED = ['core', 'backend-cpu', 'nn', 'backend-webgpu', 'backend-metal'];
/** attw profile: the packages are ESM-only on purpose, so node10 and node16-from-CJS resolution are not goals. */
const ATTW_PROFILE = 'esm-only';

function step(title) {
  console.log(`\n== pack-test: ${title}`);
}
function sh(cmd, argv, opts = {}) {
  console.log(`$ ${cmd} ${argv.join(' ')}${opts.cwd ? `   (in ${opts.cwd})` : ''}`);
  return execFileSync(cmd, argv, { stdio: opts.capture ? ['ignore', 'pipe', 'inherit'] : 'inherit', encoding: 'utf8', ...opts });
}
/** Throws, so the finally below still removes the scratch folder. */
function fail(message) {
  throw new Error(message);
}

const work = mkdtempSync(join(tmpdir(), 'weightnorm-pack-'));
const tarballs = join(work, 'tarballs');
const app = join(work, 'app');
mkdirSync(tarballs);
mkdirSync(app);

try {
  if (!relative(root, app).startsWith('..')) fail(`scratch project ${app} is inside the workspace ${root}`);
  if (!args.has('--skip-build')) {
    step('build');
    // turbo, as `pnpm build` does: in CI this runs after `pnpm test` and is a cache hit.
    const filters = PACKED.flatMap((p) => [`--filter=@weightnorm/${p}`]);
    sh('pnpm', ['exec', 'turbo', 'run', 'build', ...filters, '--output-logs=errors-only'], { cwd: root });
  }

  step('pack');
  const tgz = {};
  for (const p of PACKED) {
    const dir = join(root, 'packages', p);
    const before = new Set(readdirSync(tarballs));
    sh('pnpm', ['pack', '--pack-destination', tarballs], { cwd: dir, capture: true });
    const made = readdirSync(tarballs).filter((f) => !before.has(f));
    if (made.length !== 1) fail(`pnpm pack in packages/${p} made ${made.length} tarballs`);
    tgz[p] = join(tarballs, made[0]);
    checkTarball(p, tgz[p]);
  }

  step('publint + attw');
  for (const p of PACKED) {
    sh(bin('publint'), ['run', tgz[p], '--strict']);
    sh(bin('attw'), [tgz[p], '--profile', ATTW_PROFILE, '--format', 'table-flipped']);
  }

  step(`npm install core, backend-cpu, nn into ${app}`);
  writeFileSync(join(app, 'package.json'), JSON.stringify({ name: 'pack-test-app', private: true, type: 'module' }, null, 2));
  for (const f of ['make-checkpoint.mjs', 'example.mjs', 'require-check.cjs']) copyFileSync(join(here, f), join(app, f));
  const npmArgs = ['install', '--no-audit', '--no-fund', '--no-package-lock'];
  sh('npm', [...npmArgs, tgz.core, tgz['backend-cpu'], tgz.nn], { cwd: app });
  assertInstalledFromTarballs(['core', 'backend-cpu', 'nn']);

  step('README example on the default backend (cpu)');
  const env = { ...process.env };
  delete env.WEIGHTNORM_BACKEND;
  sh('node', ['make-checkpoint.mjs'], { cwd: app, env });
  sh('node', ['example.mjs'], { cwd: app, env });
  const cpu = checkResult('cpu');

  step('require() from CommonJS');
  // Both outcomes are checked where this Node can show both: with require(esm) (default on 20.19+)
  // and with it switched off, which is what older Node versions do.
  const modes = process.features?.require_module ? [[], ['--no-experimental-require-module']] : [[]];
  for (const flags of modes) {
    const req = JSON.parse(sh('node', [...flags, 'require-check.cjs'], { cwd: app, env, capture: true }));
    console.log(JSON.stringify(req, null, 2));
    for (const [name, r] of Object.entries(req.packages)) {
      if (req.requireModule) {
        // require(esm): the module loads synchronously (no top-level await anywhere in the graph).
        if (!r.ok || r.exports < 1) fail(`require('${name}') on a Node with require(esm) should load it: ${JSON.stringify(r)}`);
      } else if (r.ok || r.code !== 'ERR_REQUIRE_ESM') {
        fail(`require('${name}') should fail with ERR_REQUIRE_ESM on a Node without require(esm): ${JSON.stringify(r)}`);
      }
    }
  }

  if (args.has('--no-webgpu')) {
    console.log('\nSKIPPED: webgpu run (--no-webgpu given; CI does not pass it)');
  } else {
    step('add backend-webgpu; same example with WEIGHTNORM_BACKEND=webgpu');
    sh('npm', [...npmArgs, tgz.core, tgz['backend-cpu'], tgz.nn, tgz['backend-webgpu']], { cwd: app });
    assertInstalledFromTarballs(['core', 'backend-cpu', 'nn', 'backend-webgpu']);
    sh('node', ['example.mjs'], { cwd: app, env: { ...env, WEIGHTNORM_BACKEND: 'webgpu' } });
    const gpu = checkResult('webgpu');
    const err = maxRelErr(gpu.normed, cpu.normed);
    console.log(`webgpu vs cpu, weight-normed conv: max |diff|/max|cpu| ${err.toExponential(2)}`);
    if (!(err <= 1e-5)) fail(`webgpu and cpu outputs differ: max rel err ${err}`);
  }
  step('template backend: generate with tools/create-backend.mjs, install, build, run its conformance suite');
  const generated = join(work, 'backend-template-check');
  sh('node', [join(root, 'tools/create-backend.mjs'), 'template-check', generated]);
  // --no-save keeps the generated package.json as a user gets it; the tarballs satisfy its
  // @weightnorm ranges, typescript and @types/node come from the registry.
  sh('npm', ['install', '--no-audit', '--no-fund', '--no-package-lock', '--no-save', tgz.core, tgz['backend-cpu']], { cwd: generated });
  sh('npm', ['test'], { cwd: generated });

  console.log('\npack-test: all checks passed');
} catch (e) {
  // A failed command (execFileSync) has already printed its own output; say which step failed.
  console.error(`\npack-test FAILED: ${e instanceof Error ? e.message : String(e)}`);
  process.exitCode = 1;
} finally {
  if (args.has('--keep')) console.log(`kept ${work}`);
  else rmSync(work, { recursive: true, force: true });
}

/** Only dist/, README, LICENSE, package.json (+ backend-metal's native sources) and rewritten ranges. */
function checkTarball(p, file) {
  const listing = sh('tar', ['tzf', file], { capture: true }).trim().split('\n');
  const allowed = [/^package\/dist\/.+\.(js|d\.ts|js\.map|d\.ts\.map)$/, /^package\/(README\.md|LICENSE|package\.json)$/];
  if (p === 'backend-metal') allowed.push(/^package\/(binding\.gyp|native\/.+|kernels\/.+|scripts\/.+\.mjs)$/);
  if (p === 'nn') allowed.push(/^package\/bin\/weightnorm\.js$/);
  const extra = listing.filter((f) => !allowed.some((re) => re.test(f)));
  if (extra.length > 0) fail(`${p} tarball holds files outside its allow-list: ${extra.join(', ')}`);
  for (const must of ['package/LICENSE', 'package/README.md', 'package/dist/index.js', 'package/dist/index.d.ts']) {
    if (!listing.includes(must)) fail(`${p} tarball lacks ${must}`);
  }
  if (listing.some((f) => /\.test\.(js|d\.ts)$/.test(f))) fail(`${p} tarball ships test files`);
  const manifest = sh('tar', ['xzf', file, '-O', 'package/package.json'], { capture: true });
  if (manifest.includes('workspace:')) fail(`${p} tarball's package.json still has a workspace: range`);
  const pkg = JSON.parse(manifest);
  if (p.startsWith('backend-') && !pkg.peerDependencies?.['@weightnorm/core']) fail(`${p} does not peer on @weightnorm/core`);
  if (pkg.sideEffects !== false || pkg.type !== 'module' || !pkg.engines?.node) fail(`${p}: sideEffects/type/engines not set`);
  console.log(`${p}: ${listing.length} files, ok`);
}

function assertInstalledFromTarballs(names) {
  for (const n of names) {
    const pkg = join(app, 'node_modules/@weightnorm', n, 'package.json');
    if (!existsSync(pkg)) fail(`@weightnorm/${n} is not installed in ${app}`);
    const wanted = JSON.parse(readFileSync(join(root, 'packages', n, 'package.json'), 'utf8')).version;
    const got = JSON.parse(readFileSync(pkg, 'utf8')).version;
    if (got !== wanted) fail(`@weightnorm/${n} installed ${got}, the workspace has ${wanted}`);
  }
}

function checkResult(backend) {
  const file = join(app, `result-${backend}.json`);
  if (!existsSync(file)) fail(`example.mjs did not write ${file}`);
  const r = JSON.parse(readFileSync(file, 'utf8'));
  if (r.backend !== backend) fail(`example ran on ${r.backend}, expected ${backend}`);
  if (JSON.stringify(r.shape) !== '[1,512,100]') fail(`output shape ${JSON.stringify(r.shape)}, expected [1,512,100]`);
  if (r.normed.length !== 512 * 100 || !r.normed.every(Number.isFinite)) fail('weight-normed output is not 51200 finite numbers');
  if (r.normed.every((v) => v === 0)) fail('weight-normed output is all zeros');
  const err = maxRelErr(r.folded, r.normed);
  console.log(`${backend}: folded vs weight-normed conv, max rel err ${err.toExponential(2)}`);
  if (!(err <= 1e-5)) fail(`${backend}: removeWeightNorm changed the output (max rel err ${err})`);
  return r;
}

/** max |a-b| / max |b|: error relative to the output's scale (single outputs near zero would make a per-element ratio meaningless). */
function maxRelErr(a, b) {
  if (a.length !== b.length) return Infinity;
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return scale === 0 ? diff : diff / scale;
}
