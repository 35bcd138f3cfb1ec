import { describe, expect, it } from 'vitest';
import { withTimeout } from './with-timeout.js';

describe('withTimeout', () => {
  it('passes a result through', async () => {
    await expect(withTimeout(Promise.resolve(7), 1000, () => new Error('late'))).resolves.toBe(7);
  });

  it('rejects with the given error when the promise never settles', async () => {
    await expect(withTimeout(new Promise(() => {}), 20, () => new Error('device did not answer'))).rejects.toThrow('device did not answer');
  });
});
