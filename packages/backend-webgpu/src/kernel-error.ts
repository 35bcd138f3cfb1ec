import { BackendError } from '@weightnorm/core';

/**
 * The BackendError a GPU failure becomes: which kernel, what kind of failure (validation,
 * out-of-memory, device lost, timeout, shader compilation) and the driver's own words.
 *
 * @example
 * throw kernelError('Conv', 'out-of-memory', 'Not enough memory left.');
 */
export function kernelError(kernel: string, kind: string, detail: string): BackendError {
  return new BackendError(
    { op: 'webgpu', argument: 'kernel', allowed: 'a kernel the device runs without error', received: kernel, kernel },
    `webgpu kernel ${kernel}: ${kind}: ${detail}`,
  );
}
