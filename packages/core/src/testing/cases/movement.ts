import type { PadMode } from '../../backend/ops.js';
import { concat, expand, flip, narrow, padTorch } from '../../ops/movement.js';
import { defineCase, type ConformanceCase } from '../conformance-case.js';
import {
  concatRef,
  expandRef,
  flipRef,
  narrowRef,
  padTorchRef,
  permuteRef,
  reshapeRef,
} from '../reference/movement.js';

const PAD_MODES: readonly PadMode[] = ['constant', 'reflect', 'replicate', 'circular'];

/** F.pad arguments for 1, 2 and 3 trailing axes of a [2, 3, 4, 5] input (reflect needs pad < size). */
const PADS: readonly (readonly number[])[] = [
  [2, 1],
  [1, 2, 2, 0],
  [1, 1, 0, 3, 2, 1],
];

export function movementCases(): ConformanceCase[] {
  const cases: ConformanceCase[] = [
    defineCase('Reshape', 'infer-minus-one', 'float32', async ({ randn, expect }) => {
      const x = randn([2, 3, 4]);
      await expect(x.t.reshape([4, -1]), reshapeRef(x.r, [4, 6]), { label: '[4, -1]' });
      await expect(x.t.reshape([-1]), reshapeRef(x.r, [24]), { label: '[-1]' });
    }),
    ...(['float32', 'int32', 'float16'] as const).map((dtype) =>
      defineCase('Reshape', 'of-permuted', dtype, async ({ randn, ints, expect }) => {
        // The permute must be materialized before the view: a backend that hands back the
        // unpermuted storage for it fails here.
        const x = dtype === 'int32' ? ints([2, 3, 4], -100, 100) : randn([2, 3, 4]);
        await expect(x.t.permute([2, 0, 1]).reshape([-1, 6]), reshapeRef(permuteRef(x.r, [2, 0, 1]), [4, 6]));
      }),
    ),
    defineCase('Reshape', 'of-narrowed', 'float32', async ({ randn, expect }) => {
      const x = randn([3, 5]);
      await expect(narrow(x.t, 1, 1, 3).reshape([-1]), reshapeRef(narrowRef(x.r, 1, 1, 3), [9]));
    }),
    defineCase('Permute', '3d', 'float32', async ({ randn, expect }) => {
      const x = randn([2, 3, 4]);
      for (const perm of [[1, 0, 2], [2, 1, 0], [1, 2, 0]]) {
        await expect(x.t.permute(perm), permuteRef(x.r, perm), { label: `[${perm.join(', ')}]` });
      }
    }),
    defineCase('Permute', '4d', 'float32', async ({ randn, expect }) => {
      const x = randn([2, 3, 4, 5]);
      await expect(x.t.permute([3, 1, 0, 2]), permuteRef(x.r, [3, 1, 0, 2]));
      await expect(x.t.transpose(-1, -3), permuteRef(x.r, [0, 3, 2, 1]), { label: 'transpose(-1, -3)' });
    }),
    defineCase('Permute', '3d', 'int32', async ({ ints, expect }) => {
      const x = ints([3, 4, 2], -(1 << 30), 1 << 30);
      await expect(x.t.permute([2, 0, 1]), permuteRef(x.r, [2, 0, 1]));
    }),
    defineCase('Permute', '3d', 'float16', async ({ randn, expect }) => {
      const x = randn([3, 4, 2]);
      await expect(x.t.permute([1, 2, 0]), permuteRef(x.r, [1, 2, 0]));
    }),
    defineCase('Expand', 'size-one-axes', 'float32', async ({ randn, expect }) => {
      const x = randn([3, 1, 4, 1]);
      await expect(x.t.expand([3, 5, 4, 2]), expandRef(x.r, [3, 5, 4, 2]));
    }),
    defineCase('Expand', 'new-leading-axes', 'float32', async ({ randn, expect }) => {
      const x = randn([3, 1]);
      await expect(expand(x.t, [2, 3, 4]), expandRef(x.r, [2, 3, 4]));
    }),
    defineCase('Expand', 'size-one-axes', 'int32', async ({ ints, expect }) => {
      const x = ints([1, 3], -(1 << 30), 1 << 30);
      await expect(x.t.expand([4, 3]), expandRef(x.r, [4, 3]));
    }),
    defineCase('Expand', 'size-one-axes', 'float16', async ({ randn, expect }) => {
      const x = randn([2, 1, 3]);
      await expect(x.t.expand([2, 4, 3]), expandRef(x.r, [2, 4, 3]));
    }),
    defineCase('Slice', 'narrow', 'float32', async ({ randn, expect }) => {
      const x = randn([4, 6, 5]);
      await expect(narrow(x.t, 1, 2, 3), narrowRef(x.r, 1, 2, 3), { label: 'middle axis' });
      await expect(narrow(x.t, -1, -3, 2), narrowRef(x.r, 2, 2, 2), { label: 'last axis, negative start' });
      await expect(narrow(x.t, 0, 0, 1), narrowRef(x.r, 0, 0, 1), { label: 'first axis' });
    }),
    defineCase('Slice', 'flip', 'float32', async ({ randn, expect }) => {
      const x = randn([3, 4, 5]);
      await expect(flip(x.t, [1]), flipRef(x.r, [1]), { label: '[1]' });
      await expect(flip(x.t, [0, -1]), flipRef(x.r, [0, 2]), { label: '[0, -1]' });
      await expect(flip(x.t, [0, 1, 2]), flipRef(x.r, [0, 1, 2]), { label: 'all' });
    }),
    defineCase('Slice', 'narrow-then-flip', 'float32', async ({ randn, expect }) => {
      const x = randn([3, 7]);
      await expect(flip(narrow(x.t, 1, 1, 4), [1]), flipRef(narrowRef(x.r, 1, 1, 4), [1]));
    }),
    defineCase('Slice', 'narrow-flip', 'int32', async ({ ints, expect }) => {
      const x = ints([4, 5], -(1 << 30), 1 << 30);
      await expect(flip(narrow(x.t, 0, 1, 2), [0, 1]), flipRef(narrowRef(x.r, 0, 1, 2), [0, 1]));
    }),
    defineCase('Slice', 'narrow-flip', 'float16', async ({ randn, expect }) => {
      const x = randn([4, 5]);
      await expect(flip(narrow(x.t, 1, 2, 3), [1]), flipRef(narrowRef(x.r, 1, 2, 3), [1]));
    }),
    defineCase('Concat', 'three-on-middle-axis', 'float32', async ({ randn, expect }) => {
      const xs = [randn([2, 1, 3]), randn([2, 4, 3]), randn([2, 2, 3])];
      await expect(concat(xs.map((x) => x.t), 1), concatRef(xs.map((x) => x.r), 1));
    }),
    defineCase('Concat', 'last-and-first-axis', 'float32', async ({ randn, expect }) => {
      const xs = [randn([3, 2]), randn([3, 5]), randn([3, 1])];
      await expect(concat(xs.map((x) => x.t), -1), concatRef(xs.map((x) => x.r), 1), { label: 'axis -1' });
      const ys = [randn([1, 4]), randn([2, 4])];
      await expect(concat(ys.map((y) => y.t), 0), concatRef(ys.map((y) => y.r), 0), { label: 'axis 0' });
    }),
    defineCase('Concat', 'three-on-middle-axis', 'int32', async ({ ints, expect }) => {
      const xs = [ints([2, 2, 2], -(1 << 30), 1 << 30), ints([2, 1, 2], -9, 9), ints([2, 3, 2], -9, 9)];
      await expect(concat(xs.map((x) => x.t), 1), concatRef(xs.map((x) => x.r), 1));
    }),
    defineCase('Concat', 'three-on-middle-axis', 'float16', async ({ randn, expect }) => {
      const xs = [randn([2, 2, 3]), randn([2, 1, 3]), randn([2, 3, 3])];
      await expect(concat(xs.map((x) => x.t), 1), concatRef(xs.map((x) => x.r), 1));
    }),
  ];
  // Movement copies values, whatever they are: NaN, ±Inf and -0 come through unchanged.
  const SPECIAL = [NaN, Infinity, -Infinity, -0, 1e-30, 3e38];
  cases.push(
    defineCase('Permute', 'special-values', 'float32', async ({ values, expect }) => {
      const x = values([2, 3], SPECIAL);
      await expect(x.t.permute([1, 0]), permuteRef(x.r, [1, 0]));
    }),
    defineCase('Expand', 'special-values', 'float32', async ({ values, expect }) => {
      const x = values([1, 6], SPECIAL);
      await expect(x.t.expand([2, 6]), expandRef(x.r, [2, 6]));
    }),
    defineCase('Slice', 'special-values', 'float32', async ({ values, expect }) => {
      const x = values([6], SPECIAL);
      await expect(flip(x.t, [0]), flipRef(x.r, [0]));
    }),
    defineCase('Pad', 'special-values', 'float32', async ({ values, expect }) => {
      const x = values([6], SPECIAL);
      await expect(padTorch(x.t, [2, 3], { mode: 'reflect' }), padTorchRef(x.r, [2, 3], 'reflect'), { label: 'reflect' });
      await expect(padTorch(x.t, [1, 1], { value: NaN }), padTorchRef(x.r, [1, 1], 'constant', NaN), { label: 'NaN fill' });
    }),
    defineCase('Concat', 'special-values', 'float32', async ({ values, expect }) => {
      const x = values([2, 3], SPECIAL);
      await expect(concat([x.t, x.t], 0), concatRef([x.r, x.r], 0));
    }),
  );
  for (const mode of PAD_MODES) {
    PADS.forEach((flat, i) => {
      cases.push(
        defineCase('Pad', `${mode}-${i + 1}-trailing-axes`, 'float32', async ({ randn, expect }) => {
          // constant pads with 2.5, not 0, so a kernel that ignores `value` fails.
          const x = randn([2, 3, 4, 5]);
          await expect(padTorch(x.t, flat, { mode, value: 2.5 }), padTorchRef(x.r, flat, mode, 2.5));
        }),
      );
    });
  }
  cases.push(
    defineCase('Pad', 'reflect-2-trailing-axes', 'float16', async ({ randn, expect }) => {
      const x = randn([2, 4, 5]);
      await expect(padTorch(x.t, [3, 2, 1, 3], { mode: 'reflect' }), padTorchRef(x.r, [3, 2, 1, 3], 'reflect'));
    }),
    defineCase('Pad', 'constant-1-trailing-axis', 'int32', async ({ ints, expect }) => {
      const x = ints([3, 4], -(1 << 30), 1 << 30);
      await expect(padTorch(x.t, [1, 2], { value: -7 }), padTorchRef(x.r, [1, 2], 'constant', -7));
    }),
    defineCase('Pad', 'circular-full-size', 'float32', async ({ randn, expect }) => {
      // Circular padding may be as large as the axis itself.
      const x = randn([2, 3]);
      await expect(padTorch(x.t, [3, 3], { mode: 'circular' }), padTorchRef(x.r, [3, 3], 'circular'));
    }),
  );
  return cases;
}
