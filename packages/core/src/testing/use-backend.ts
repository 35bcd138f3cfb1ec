import type { Backend } from '../backend/backend.js';
import { registerBackend, setBackend } from '../backend/registry.js';

/**
 * Registers `backend` under its name and selects it. Registering replaces any earlier factory of
 * that name, so two differently configured backends with one name can take turns.
 *
 * @example
 * beforeAll(() => useBackend(createCpuBackend({ wasm: false })));
 */
export async function useBackend(backend: Backend): Promise<void> {
  registerBackend(backend.name, () => backend);
  await setBackend(backend.name);
}
