import {
  BackendError,
  OP_INPUT_NAMES,
  defineKernel,
  type Kernel,
  type KernelOutput,
  type KernelTensor,
  type OpName,
} from '@weightnorm/core';
import { bindAttrs } from './bind-attrs.js';
import { dtypeCode } from './dtype-code.js';
import type { MetalContext } from './metal-context.js';
import { MetalStorage } from './metal-storage.js';

/**
 * The kernel for `op`: binds its inputs in ops.ts order and hands them to the addon, whose C++ host
 * code (native/ops) picks the MSL kernel, fills its arguments and encodes the dispatch.
 */
export function nativeKernel(op: OpName): Kernel<OpName, MetalStorage, MetalContext> {
  return defineKernel<OpName, MetalStorage, MetalContext>(op, (ctx, inputs, attrs, out: KernelOutput) => {
    const named = inputs as unknown as Record<string, KernelTensor<MetalStorage> | readonly KernelTensor<MetalStorage>[] | undefined>;
    const ordered: KernelTensor<MetalStorage>[] = [];
    for (const name of OP_INPUT_NAMES[op]) {
      const value = named[name.replace('?', '')];
      if (Array.isArray(value)) ordered.push(...value);
      else if (value) ordered.push(value as KernelTensor<MetalStorage>);
    }
    ordered.forEach((t, i) => checkStorage(ctx, op, i, t.storage));
    const buffer = ctx.device.run(
      op,
      ordered.map((t) => t.storage.buffer),
      ordered.map((t) => t.shape),
      ordered.map((t) => dtypeCode(t.dtype)),
      out.shape,
      dtypeCode(out.dtype),
      bindAttrs(op, attrs as object),
    );
    return new MetalStorage(ctx.device, buffer, out.dtype);
  });
}

function checkStorage(ctx: MetalContext, op: string, index: number, storage: unknown): void {
  const ok = storage instanceof MetalStorage && storage.device === ctx.device && !storage.released;
  if (!ok) {
    throw new BackendError({
      op: `${ctx.name} ${op}`,
      argument: `input ${index}`,
      allowed: `live storage of this ${ctx.name} device`,
      received: storage instanceof MetalStorage ? (storage.released ? 'a released storage' : 'storage of another device') : storage,
      kernel: op,
    });
  }
}
