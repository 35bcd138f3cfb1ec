import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { removeWeightNorm, weightNorm, type WeightNormWrapper } from '../src/index.js';
import { buildLayer, closeness, fixtureDir, loadCase } from './fixture-model.js';

// Fixtures come from real PyTorch 1.13 (tools/fixtures/gen.py); float32 parity is 1e-5 relative.
const files = readdirSync(fixtureDir).filter((f) => f.endsWith('.safetensors')).sort();

async function wrapped(file: string): Promise<{ model: WeightNormWrapper; c: Awaited<ReturnType<typeof loadCase>> }> {
  const c = await loadCase(file);
  const model = weightNorm(buildLayer(c.config), { dim: c.config.dim });
  await model.loadStateDict(c.stateDict);
  return { model, c };
}

describe('torch parity: weightNorm on every layer (float32 math)', () => {
  it('has the fixtures', () => expect(files.length).toBeGreaterThan(40));

  for (const file of files) {
    it(file.replace('.safetensors', ''), async () => {
      const { model, c } = await wrapped(file);
      const input = c.tensors.input!;
      const want = await c.tensors.output!.data();

      const folded = closeness(await model.weight().data(), await c.tensors.folded_weight!.data(), 1e-5);
      expect(folded.ok, `folded weight: ${folded.worst}`).toBe(true);

      const train = closeness(await model.train().forward(input).data(), want, 1e-5);
      expect(train.ok, `train forward: ${train.worst}`).toBe(true);
      const evalOut = await model.eval().forward(input).data();
      expect(closeness(evalOut, want, 1e-5).ok, 'eval forward').toBe(true);
      // The eval-mode weight is cached: a second forward reuses the same folded tensor.
      expect(model.weight()).toBe(model.weight());

      const plain = await removeWeightNorm(model);
      const afterFold = closeness(await plain.forward(input).data(), evalOut, 1e-6);
      expect(afterFold.ok, `removeWeightNorm forward vs wrapped: ${afterFold.worst}`).toBe(true);
    });
  }
});

describe('torch parity: float16 weights', () => {
  for (const file of files.filter((f) => f.includes('_f16'))) {
    it(`${file} computed in float16 with float32 accumulation`, async () => {
      const c = await loadCase(file);
      const model = weightNorm(buildLayer(c.config).to('float16'), { dim: c.config.dim });
      await model.loadStateDict(c.stateDict);
      expect(model.v.dtype).toBe('float16');
      const w = model.weight();
      expect(w.dtype).toBe('float16');
      // torch's all-half _weight_norm rounds at every step; ours rounds once, so allow 2 half ulps (2^-10 relative each).
      const vsTorchHalf = closeness(await w.data(), await c.tensors.folded_weight_f16!.data(), 2 * 2 ** -10);
      expect(vsTorchHalf.ok, vsTorchHalf.worst).toBe(true);
      // The input is float32, so the layer runs in float32 on the half weight: within half rounding of torch.
      const out = closeness(await model.forward(c.tensors.input!).data(), await c.tensors.output!.data(), 2e-3);
      expect(out.ok, out.worst).toBe(true);
    });
  }
});
