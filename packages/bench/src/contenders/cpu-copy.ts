import type { PreparedCase } from './contender.js';

/** The CPU roofline probe: a TypedArray copy into a reused buffer, the fastest memory move JavaScript has. */
export function cpuCopy(src: Float32Array): PreparedCase {
  const dst = new Float32Array(src.length);
  return {
    async run() {
      dst.set(src);
      return dst;
    },
    dispose() {},
  };
}
