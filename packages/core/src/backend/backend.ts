import type { DType, HostArray } from '../dtype/dtype.js';
import { BackendError } from '../errors/index.js';
import type { ChainRunner } from './elementwise-chain.js';
import type { Kernel } from './kernel.js';
import { isOpName, type OpName } from './ops.js';

/** Device facts core may ask about, instead of testing a backend's name. */
export type BackendFeature = 'float16' | 'async';

/**
 * What a backend gives core: storage management and a table of native kernels. Ops missing from
 * `kernels` run as core's composites (see COMPOSABLE_OPS); the required ones must be present.
 *
 * @example
 * const backend: Backend = await currentBackend();
 * console.log(backend.name, [...backend.kernels.keys()]);
 */
export interface Backend<S = any, Ctx = any> {
  readonly name: string;
  readonly context: Ctx;
  /** The ops this backend runs natively. */
  readonly kernels: ReadonlyMap<OpName, Kernel<any, S, Ctx>>;
  supports(feature: BackendFeature): boolean;
  /** Copies host data in (float16 as half bits). The backend must not keep a reference it mutates. */
  upload(data: HostArray, dtype: DType): S;
  /** Resolves to a fresh host array the caller owns, `size` elements of `dtype` (float16 as half bits). */
  read(storage: S, dtype: DType, size: number): Promise<HostArray>;
  /** Frees storage; core calls it exactly once per storage it received. */
  dispose(storage: S): void;
  /** Called once at the end of every evaluation: submit encoded work. */
  flush?(): void | Promise<void>;
  /** Human-readable device description (adapter, threads), for logs and demos. */
  describe?(): string;
  /** Frees the device. */
  destroy?(): void | Promise<void>;
  /**
   * Runs chains of elementwise ops in one pass (optional): core hands it every chain of these ops
   * whose intermediates nothing else reads, and runs the ops one kernel at a time where it declines.
   */
  readonly chains?: ChainRunner<S>;
}

/**
 * What `defineBackend` takes: a name, the context every kernel receives, the kernel list and the
 * storage functions (see `Backend` for each one's contract).
 *
 * @example
 * const spec: BackendSpec<Float32Array, {}> = { name: 'mine', context: {}, kernels, upload, read, dispose };
 */
export interface BackendSpec<S, Ctx> {
  name: string;
  context: Ctx;
  kernels: readonly Kernel<any, S, Ctx>[];
  supports?: (feature: BackendFeature) => boolean;
  upload: (data: HostArray, dtype: DType) => S;
  read: (storage: S, dtype: DType, size: number) => Promise<HostArray>;
  dispose: (storage: S) => void;
  flush?: () => void | Promise<void>;
  describe?: () => string;
  destroy?: () => void | Promise<void>;
  chains?: ChainRunner<S>;
}

/**
 * Builds a backend from an explicit kernel list: no import side effects, and a duplicate or
 * unknown op is an error at definition time rather than a silent override (tfjs's registry lesson).
 *
 * @example
 * const backend = defineBackend({ name: 'mine', context: {}, kernels: [add, mul], upload, read, dispose });
 */
export function defineBackend<S, Ctx>(spec: BackendSpec<S, Ctx>): Backend<S, Ctx> {
  const kernels = new Map<OpName, Kernel<any, S, Ctx>>();
  for (const kernel of spec.kernels) {
    if (!isOpName(kernel.op) || kernel.op === 'Reshape') {
      throw new BackendError({
        op: 'defineBackend',
        argument: 'kernels',
        allowed: 'kernels for ops declared in ops.ts (Reshape is a view and takes none)',
        received: kernel.op,
        kernel: kernel.op,
      });
    }
    if (kernels.has(kernel.op)) {
      throw new BackendError({
        op: 'defineBackend',
        argument: 'kernels',
        allowed: 'one kernel per op',
        received: `a second kernel for ${kernel.op}`,
        kernel: kernel.op,
      });
    }
    kernels.set(kernel.op, kernel);
  }
  return {
    name: spec.name,
    context: spec.context,
    kernels,
    supports: spec.supports ?? (() => false),
    upload: spec.upload,
    read: spec.read,
    dispose: spec.dispose,
    flush: spec.flush,
    describe: spec.describe,
    destroy: spec.destroy,
    chains: spec.chains,
  };
}
