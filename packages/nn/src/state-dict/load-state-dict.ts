import { assignHost, CheckpointError, convertHost, formatShape, isFloating, sameShape, type HostArray, type Tensor } from '@weightnorm/core';
import type { Module } from '../module.js';
import { fromParametrizationNaming } from './checkpoint-naming.js';

/**
 * Options of `Module.loadStateDict`, as torch's `strict=`.
 *
 * @example
 * await model.loadStateDict(partial, { strict: false });
 */
export interface LoadStateDictOptions {
  /** true (default): missing and unexpected keys are errors, as in torch. */
  strict?: boolean;
}

/** See Module.loadStateDict. */
export async function loadStateDict(
  module: Module,
  source: Record<string, Tensor> | Map<string, Tensor>,
  { strict = true }: LoadStateDictOptions = {},
): Promise<void> {
  const params = new Map(module.namedParameters());
  const given = fromParametrizationNaming(
    source instanceof Map ? source : new Map(Object.entries(source)),
    new Set(params.keys()),
  );
  const problems: string[] = [];
  if (strict) {
    const missing = [...params.keys()].filter((k) => !given.has(k));
    const unexpected = [...given.keys()].filter((k) => !params.has(k));
    if (missing.length) problems.push(`missing keys: ${missing.join(', ')}`);
    if (unexpected.length) problems.push(`unexpected keys: ${unexpected.join(', ')}`);
  }
  const matched: [Tensor, Tensor][] = [];
  for (const [key, param] of params) {
    const value = given.get(key);
    if (!value) continue;
    if (!sameShape(value.shape, param.shape)) {
      problems.push(`size mismatch for ${key}: checkpoint ${formatShape(value.shape)}, model ${formatShape(param.shape)}`);
    } else if (isFloating(value.dtype) !== isFloating(param.dtype)) {
      problems.push(`dtype mismatch for ${key}: checkpoint ${value.dtype}, model ${param.dtype}`);
    } else {
      matched.push([param, value]);
    }
  }
  if (problems.length) {
    throw new CheckpointError(
      { op: 'loadStateDict', argument: 'stateDict', allowed: 'a state dict matching the model', received: problems },
      `loadStateDict: the state dict does not match ${module.constructor.name}:\n  ${problems.join('\n  ')}`,
    );
  }
  // Read everything before touching anything, so a failure halfway leaves the model as it was.
  const hosts: HostArray[] = [];
  for (const [param, value] of matched) {
    const raw = value.isLeaf && value.host ? value.host : await value.rawData();
    hosts.push(convertHost(raw, value.dtype, param.dtype, 'loadStateDict'));
  }
  matched.forEach(([param], i) => assignHost(param, hosts[i]!));
}
