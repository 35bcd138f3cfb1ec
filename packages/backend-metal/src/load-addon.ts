import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { BackendUnavailableError } from '@weightnorm/core';
import type { NativeAddon } from './native-addon.js';

/** Where scripts/build-native.mjs leaves the addon, from src/ and dist/ alike. */
export const addonPath = fileURLToPath(new URL('../build/Release/weightnorm_metal.node', import.meta.url));

let cached: NativeAddon | undefined;

/**
 * Loads the built addon once. Throws BackendUnavailableError naming `backend` and saying why when
 * there is none (Windows, or no compiler at build time) or it fails to load.
 */
export function loadAddon(backend: string): NativeAddon {
  if (cached) return cached;
  const details = { op: 'setBackend', argument: 'name', allowed: 'a backend whose native addon is built', received: backend };
  if (!existsSync(addonPath)) {
    throw new BackendUnavailableError(
      details,
      process.platform === 'darwin' || process.platform === 'linux'
        ? `setBackend: backend "${backend}" needs the native addon, which was not built (${addonPath} is missing); run \`pnpm --filter @weightnorm/backend-metal build\` with a C++ compiler (Xcode command line tools on macOS)`
        : `Metal needs macOS with a Metal device; this is ${process.platform}, where the addon is not built`,
    );
  }
  try {
    cached = createRequire(import.meta.url)(addonPath) as NativeAddon;
  } catch (e) {
    throw new BackendUnavailableError(
      details,
      `setBackend: backend "${backend}" could not load ${addonPath}: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  return cached;
}
