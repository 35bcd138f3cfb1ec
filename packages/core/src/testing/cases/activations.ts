import { gelu, leakyRelu, relu, silu } from '../../ops/activations.js';
import { defineCase, type ConformanceCase } from '../conformance-case.js';
import { erf, sigmoid, unaryMap } from '../reference/elementwise.js';

export function activationCases(): ConformanceCase[] {
  const c = Math.sqrt(2 / Math.PI);
  const geluErf = (v: number) => 0.5 * v * (1 + erf(v / Math.SQRT2));
  const geluTanh = (v: number) => 0.5 * v * (1 + Math.tanh(c * (v + 0.044715 * v ** 3)));
  return [
    defineCase('Maximum', 'relu', 'float32', async ({ randn, values, expect }) => {
      const x = randn([4, 9]);
      const edge = values([5], [0, -0, -Infinity, Infinity, NaN]); // torch.relu(NaN) is NaN
      await expect(relu(x.t), unaryMap(x.r, (v) => Math.max(v, 0)), { label: 'random' });
      await expect(edge.t.relu(), unaryMap(edge.r, (v) => Math.max(v, 0)), { label: 'edges' });
    }),
    defineCase('Where', 'leakyRelu', 'float32', async ({ randn, expect }) => {
      const x = randn([4, 9]);
      await expect(leakyRelu(x.t, 0.2), unaryMap(x.r, (v) => (v > 0 ? v : 0.2 * v)));
    }),
    defineCase('Sigmoid', 'silu', 'float32', async ({ randn, expect }) => {
      const x = randn([4, 9], { scale: 3 });
      await expect(silu(x.t), unaryMap(x.r, (v) => v * sigmoid(v)));
    }),
    defineCase('Sigmoid', 'silu', 'float16', async ({ randn, expect }) => {
      // torch computes float16 silu in float32 and rounds once; core's two rounded steps
      // (sigmoid, then the product) stay within the float16 tolerance of that.
      const x = randn([4, 9], { scale: 3 });
      await expect(silu(x.t), unaryMap(x.r, (v) => v * sigmoid(v)));
    }),
    ...(['float32', 'float16'] as const).flatMap((dtype) => [
      defineCase('Erf', 'gelu', dtype, async ({ randn, expect }) => {
        const x = randn([4, 9], { scale: 2 });
        await expect(gelu(x.t), unaryMap(x.r, geluErf));
      }),
      defineCase('Tanh', 'gelu-tanh', dtype, async ({ randn, expect }) => {
        const x = randn([4, 9], { scale: 2 });
        await expect(gelu(x.t, 'tanh'), unaryMap(x.r, geluTanh));
      }),
    ]),
  ];
}
