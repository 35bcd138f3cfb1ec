import { existsSync } from 'node:fs';
import { createMetalBackend } from '../src/index.js';
import { addonPath } from '../src/load-addon.js';

/**
 * The device the suites run on: the real GPU on macOS, the emulated device elsewhere;
 * WEIGHTNORM_METAL=real or =emulated picks one explicitly.
 */
const choice = process.env.WEIGHTNORM_METAL ?? (process.platform === 'darwin' ? 'real' : 'emulated');
if (choice !== 'real' && choice !== 'emulated') throw new Error(`WEIGHTNORM_METAL must be real or emulated; received ${choice}`);
export const device: 'metal' | 'emulated' = choice === 'real' ? 'metal' : 'emulated';
export const targetName = device === 'metal' ? 'metal' : 'metal-emulated';

export const createTarget = () => createMetalBackend({ device });

/**
 * Why the suites are skipped, or undefined when they run. Only a Mac without a built addon (no
 * Xcode command line tools) skips, so `pnpm test` passes there; on Linux, where CI runs, a missing
 * addon is a failure, not a skip.
 */
export const skipReason: string | undefined =
  process.platform === 'darwin' && !existsSync(addonPath)
    ? `the addon was not built (${addonPath} missing; install Xcode command line tools and run pnpm build)`
    : undefined;
