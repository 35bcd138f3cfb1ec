import { BackendError, BackendUnavailableError, WeightnormError } from '../errors/index.js';
import type { Backend } from './backend.js';
import { loadBackendPackage } from './load-backend-package.js';

/**
 * Creates a backend instance; core calls it once per name, when the backend is first selected.
 *
 * @example
 * const factory: BackendFactory = () => createCpuBackend({ threads: 1 });
 */
export type BackendFactory = () => Backend | Promise<Backend>;

/**
 * What a backend package exports as `backends`, so `setBackend(name)` can find it by name.
 *
 * @example
 * export const backends: readonly BackendDescriptor[] = [{ name: 'mine', create: createMyBackend }];
 */
export interface BackendDescriptor {
  readonly name: string;
  readonly create: BackendFactory;
}

const factories = new Map<string, BackendFactory>();
const instances = new Map<string, Promise<Backend>>();
let activeName: string | undefined;

/**
 * The backend used when no code picks one: `WEIGHTNORM_BACKEND`, else `cpu`.
 *
 * @example
 * defaultBackendName(); // 'webgpu' when WEIGHTNORM_BACKEND=webgpu
 */
export function defaultBackendName(): string {
  const env = typeof process !== 'undefined' ? process.env?.WEIGHTNORM_BACKEND : undefined;
  return env && env.trim() !== '' ? env.trim() : 'cpu';
}

/**
 * Makes a backend selectable by name. Registering a name twice replaces the factory (and drops a
 * cached instance), so tests can swap implementations.
 *
 * @example
 * import { cpuBackend } from '@weightnorm/backend-cpu';
 * registerBackend(cpuBackend.name, cpuBackend.create);
 */
export function registerBackend(name: string, factory: BackendFactory): void {
  if (typeof name !== 'string' || name === '' || typeof factory !== 'function') {
    throw new BackendError({
      op: 'registerBackend',
      argument: typeof factory !== 'function' ? 'factory' : 'name',
      allowed: 'a non-empty name and a function that creates the backend',
      received: typeof factory !== 'function' ? factory : name,
    });
  }
  factories.set(name, factory);
  instances.delete(name);
}

/**
 * Names registered so far (packages found by name are added when first selected).
 *
 * @example
 * registerBackend(cpuBackend.name, cpuBackend.create);
 * listBackends(); // ['cpu']
 */
export function listBackends(): string[] {
  return [...factories.keys()];
}

async function instantiate(name: string): Promise<Backend> {
  if (!factories.has(name)) {
    for (const d of await loadBackendPackage(name)) {
      if (!factories.has(d.name)) factories.set(d.name, d.create);
    }
  }
  const factory = factories.get(name);
  if (!factory) {
    throw new BackendUnavailableError({
      op: 'setBackend',
      argument: 'name',
      allowed: `a registered backend (${listBackends().join(', ') || 'none registered'}) or an installed package @weightnorm/backend-${name}`,
      received: name,
    });
  }
  const backend = await factory();
  if (backend.name !== name) {
    throw new BackendError({
      op: 'setBackend',
      argument: 'factory',
      allowed: `a backend named "${name}"`,
      received: backend.name,
    });
  }
  return backend;
}

/**
 * Resolves a backend instance by name, creating it once. A failed creation is not cached.
 *
 * @example
 * const cpu = await getBackendInstance('cpu');
 */
export function getBackendInstance(name: string): Promise<Backend> {
  let pending = instances.get(name);
  if (!pending) {
    pending = instantiate(name).catch((e: unknown) => {
      instances.delete(name);
      if (e instanceof WeightnormError) throw e;
      throw new BackendUnavailableError(
        { op: 'setBackend', argument: 'name', allowed: 'a backend that can start here', received: name },
        `setBackend: backend "${name}" failed to start: ${e instanceof Error ? e.message : String(e)}`,
      );
    });
    instances.set(name, pending);
  }
  return pending;
}

/**
 * Selects the backend every later evaluation runs on. Rejects (and keeps the previous backend)
 * when the backend is unknown or cannot start here.
 *
 * @example
 * await setBackend('webgpu');
 */
export async function setBackend(name: string): Promise<void> {
  await getBackendInstance(name);
  activeName = name;
}

/**
 * Name of the backend evaluations use now (selected, or the default if none was selected yet).
 *
 * @example
 * await setBackend('cpu');
 * getBackend(); // 'cpu'
 */
export function getBackend(): string {
  return activeName ?? defaultBackendName();
}

/**
 * The active backend instance, started on first use.
 *
 * @example
 * console.log((await currentBackend()).describe?.());
 */
export function currentBackend(): Promise<Backend> {
  return getBackendInstance(getBackend());
}
