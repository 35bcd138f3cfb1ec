import type { BenchCase, InputSpec } from './bench-case.js';
import { sizeOfShape } from './bench-case.js';
import { seededRandom } from './seeded-random.js';
import { foldWeightNorm } from './fold-weight-norm.js';

/**
 * The inputs of a case, from a seed derived from the case id. A cached case's `w` is folded from
 * the same g and v its train twin uses, so both modes compute the same output.
 */
export function makeInputs(c: BenchCase, seed = 1234): Map<string, Float32Array> {
  const out = new Map<string, Float32Array>();
  const twinId = c.id.replace(/-cached$/, '-train');
  const rng = seededRandom(seed ^ hash(twinId));
  const specs = c.mode === 'cached' ? c.inputs.flatMap((s) => (s.name === 'w' ? weightSpecs(s) : [s])) : c.inputs;
  for (const spec of specs) {
    const data = new Float32Array(sizeOfShape(spec.shape));
    for (let i = 0; i < data.length; i++) data[i] = spec.fill === 'positive' ? 0.5 + rng.uniform() : spec.fill === 'gain' ? 0.1 + 0.2 * rng.uniform() : rng.normal();
    out.set(spec.name, data);
  }
  if (c.mode === 'cached') {
    const wSpec = c.inputs.find((s) => s.name === 'w')!;
    out.set('w', foldWeightNorm(out.get('v')!, out.get('g')!, wSpec.shape[0]!));
    out.delete('v');
    out.delete('g');
  }
  return out;
}

/** A cached case draws v and g in w's place, exactly as its train twin (same shapes, same order). */
function weightSpecs(w: InputSpec): InputSpec[] {
  return [
    { name: 'v', shape: w.shape, fill: 'normal' },
    { name: 'g', shape: [w.shape[0]!, ...w.shape.slice(1).map(() => 1)], fill: 'positive' },
  ];
}

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}
