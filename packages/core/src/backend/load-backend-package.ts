import type { BackendDescriptor } from './registry.js';

/**
 * Finds `@weightnorm/backend-<name>` (or, for `metal-emulated`, `@weightnorm/backend-metal`) when a
 * name was never registered, so `WEIGHTNORM_BACKEND=webgpu` works with no code change.
 *
 * This is plugin lookup by name, not a dependency: core's package.json names no backend. Node
 * resolves a bare import from core's own folder, which under pnpm's strict layout cannot see the
 * app's packages, so we also resolve upward from the entry script's folder and the working directory. In browsers, bundlers cannot
 * follow a computed import: register backends explicitly there.
 */
export async function loadBackendPackage(name: string): Promise<BackendDescriptor[]> {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) return [];
  const candidates = [`@weightnorm/backend-${name}`];
  const base = name.split('-')[0]!;
  if (base !== name) candidates.push(`@weightnorm/backend-${base}`);
  for (const spec of candidates) {
    const mod = (await importFromHere(spec)) ?? (await importFromApp(spec));
    const found = (mod as { backends?: unknown } | undefined)?.backends;
    if (Array.isArray(found)) return found as BackendDescriptor[];
  }
  return [];
}

async function importFromHere(spec: string): Promise<unknown> {
  try {
    return await import(/* @vite-ignore */ spec);
  } catch {
    return undefined;
  }
}

/** Resolves from the entry script's folder (the app), then from the working directory. */
async function importFromApp(spec: string): Promise<unknown> {
  if (typeof process === 'undefined' || !process.versions?.node) return undefined;
  const { dirname, resolve } = await import('node:path');
  const roots = [process.argv[1] ? dirname(resolve(process.argv[1])) : undefined, process.cwd()];
  for (const root of roots) {
    if (!root) continue;
    const mod = await importFrom(root, spec);
    if (mod) return mod;
  }
  return undefined;
}

async function importFrom(root: string, spec: string): Promise<unknown> {
  try {
    const { createRequire } = await import('node:module');
    const { pathToFileURL } = await import('node:url');
    const { dirname, join } = await import('node:path');
    const { readFileSync } = await import('node:fs');
    // Resolve the package.json (always reachable through the exports-free path lookup), then its ESM entry.
    const req = createRequire(join(root, 'noop.js'));
    const pkgPath = findPackageJson(req, spec);
    if (!pkgPath) return undefined;
    const pkg = JSON.parse(readFileSync(pkgPath, 'utf8')) as { exports?: any; module?: string; main?: string };
    const main = pkg.exports?.['.'] ?? pkg.exports;
    const entry: string | undefined =
      (typeof main === 'string' ? main : (main?.import ?? main?.default)) ?? pkg.module ?? pkg.main;
    if (!entry) return undefined;
    return await import(pathToFileURL(join(dirname(pkgPath), entry)).href);
  } catch {
    return undefined;
  }
}

function findPackageJson(req: NodeRequire, spec: string): string | undefined {
  for (const dir of req.resolve.paths(spec) ?? []) {
    try {
      return req.resolve(`${dir}/${spec}/package.json`);
    } catch {
      // keep walking up
    }
  }
  return undefined;
}
