import { ptFail } from './checkpoint-fail.js';
import { describePickleValue as describe } from './describe-pickle-value.js';
import type { PickleTensor, PickleValue } from './pickle-value.js';

/** torch allows at most 64 dimensions; more is a malformed file, not a tensor. */
const MAX_DIMS = 64;

function intTuple(value: PickleValue, argument: string): number[] {
  if (typeof value !== 'object' || value === null || value.kind !== 'tuple' || value.items.length > MAX_DIMS) {
    ptFail(argument, `a tuple of at most ${MAX_DIMS} integers`, describe(value));
  }
  for (const d of value.items) {
    if (typeof d !== 'number' || !Number.isSafeInteger(d) || d < 0) ptFail(argument, 'a tuple of non-negative safe integers', describe(value));
  }
  return value.items as number[];
}

/**
 * torch._utils._rebuild_tensor_v2(storage, storage_offset, size, stride, requires_grad, hooks[, metadata]),
 * done without executing anything: checks that the view lies inside its storage and returns its
 * description. A view may not hold more elements than its storage, so materializing it never
 * allocates more than the storage's bytes (which lie inside the file).
 */
export function rebuildTensor(args: PickleValue[]): PickleTensor {
  const [storage, offset, size, stride, requiresGrad] = args;
  if (args.length < 6 || args.length > 7) ptFail('_rebuild_tensor_v2 arguments', 'a tuple of 6 or 7 values', args.length);
  if (typeof storage !== 'object' || storage === null || storage.kind !== 'storage') {
    ptFail('_rebuild_tensor_v2 storage', 'a storage record (persistent id)', describe(storage ?? null));
  }
  if (typeof offset !== 'number' || !Number.isSafeInteger(offset) || offset < 0) {
    ptFail('_rebuild_tensor_v2 storage_offset', 'a non-negative safe integer', offset);
  }
  const shape = intTuple(size!, '_rebuild_tensor_v2 size');
  const strides = intTuple(stride!, '_rebuild_tensor_v2 stride');
  if (strides.length !== shape.length) ptFail('_rebuild_tensor_v2 stride', `${shape.length} strides, one per dimension of size ${JSON.stringify(shape)}`, strides);
  if (typeof requiresGrad !== 'boolean') ptFail('_rebuild_tensor_v2 requires_grad', 'a bool', describe(requiresGrad ?? null));
  let numel = 1;
  let last = offset;
  for (let i = 0; i < shape.length; i++) {
    numel *= shape[i]!;
    if (shape[i]! > 0) last += (shape[i]! - 1) * strides[i]!;
    // Inexact sums and products round up to ≥ 2^53, so these checks never miss an overflow.
    if (!Number.isSafeInteger(numel) || !Number.isSafeInteger(last)) {
      ptFail('_rebuild_tensor_v2 size', `dimensions whose element count and extent are at most ${Number.MAX_SAFE_INTEGER}`, shape);
    }
  }
  if (numel > 0 && last >= storage.numel) {
    ptFail('_rebuild_tensor_v2 size', `a view ending inside its ${storage.numel}-element storage "${storage.key}" (offset ${offset}, stride ${JSON.stringify(strides)})`, shape);
  }
  if (numel > storage.numel) {
    ptFail('_rebuild_tensor_v2 size', `at most the ${storage.numel} elements of storage "${storage.key}"`, shape);
  }
  return { kind: 'tensor', storage, offset, shape: shape.map((d) => d + 0), stride: strides };
}
