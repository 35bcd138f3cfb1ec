import { existsSync } from 'node:fs';
import { useBackend } from '@weightnorm/core/testing';
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

/**
 * Creates the target, records the name of every op its addon runs into `dispatched`, and makes it
 * the current backend, so a suite can prove its results came through JS → addon → kernel.
 */
export async function useCountingTarget(dispatched: Set<string>): Promise<void> {
  const backend = createTarget();
  const device = backend.context.device;
  const run = device.run.bind(device);
  const counting: typeof run = (op, ...rest) => {
    dispatched.add(op);
    return run(op, ...rest);
  };
  // The addon's methods are read-only prototype properties; an own property shadows one.
  Object.defineProperty(device, 'run', { value: counting });
  await useBackend(backend);
}
