import type { DType } from '../../dtype/dtype.js';
import { roundToFloat16 } from '../../dtype/float16.js';
import { cast } from '../../ops/cast.js';
import { defineCase, type ConformanceCase } from '../conformance-case.js';
import { unaryMap } from '../reference/elementwise.js';
import type { Tolerance } from '../tolerance.js';

/** A conversion has one right answer: compare exactly. */
const EXACT: Tolerance = { rtol: 0, atolScale: 0 };

export function castCases(): ConformanceCase[] {
  const c = (from: DType, to: DType, variant: string, values: number[], ref: (v: number) => number) =>
    defineCase('Cast', `${from}-to-${to}-${variant}`, to, async (tools) => {
      const x = tools.values([values.length], values, from);
      await tools.expect(cast(x.t, to), unaryMap(x.r, ref), { tolerance: EXACT });
    });
  return [
    // torch truncates toward zero; 2147483520 is the largest float32 below 2^31.
    c('float32', 'int32', 'truncates', [-2.7, -2.5, -0.5, -0, 0.5, 2.5, 2.7, 1e6 + 0.5, -123456.9, 2147483520, -2147483648], Math.trunc),
    // float32 has 24 significant bits: 2^24 + 1 rounds to even 2^24, 2^24 + 3 up to 2^24 + 4.
    c('int32', 'float32', 'rounds', [-5, 0, 7, 16777217, 16777219, -16777217, 2147483647, -2147483648], Math.fround),
    c(
      'float32',
      'float16',
      'round-nearest-even',
      [
        1 + 2 ** -11, // tie between 1 and the next half: to even 1
        1 + 3 * 2 ** -11, // tie: to even 1 + 2^-9
        2049, // tie between 2048 and 2050: to 2048
        2051, // tie: to 2052
        65504, // largest half
        65519, // below the tie with 2^16
        65520, // the tie with 2^16: to even, which is Inf
        -65520,
        2 ** -25, // half the smallest subnormal: to even 0
        3 * 2 ** -25, // tie between subnormals 1 and 2: to 2
        1e-8,
        0.1,
        -0.3,
        NaN,
        Infinity,
        -Infinity,
      ],
      roundToFloat16,
    ),
    c('float16', 'float32', 'exact', [0.1, -0.3, 65504, 2 ** -24, 6.1e-5, -2049, Infinity, NaN], (v) => v),
    c('float16', 'int32', 'truncates', [-2.7, -0.4, 0, 1.5, 2047.5, -65504, 1000.7], Math.trunc),
    c('int32', 'float16', 'rounds', [0, -1, 2049, 2051, 65504, 65519, 65520, 100000, -7], roundToFloat16),
  ];
}
