import { findWeightNorms } from './find-weight-norms.js';
import { readInputCheckpoint } from './read-input-checkpoint.js';

export interface InspectOptions {
  key?: string;
  json?: boolean;
  progress?: boolean;
}

const shape = (s: readonly number[]) => `[${s.join(', ')}]`;

/** `weightnorm inspect <file>`: tensors with dtype and shape, then the weight-normed parameters and their dim. */
export async function inspectCommand(file: string, opts: InspectOptions, out: (line: string) => void): Promise<void> {
  const c = await readInputCheckpoint(file, opts);
  const { pairs, unpaired } = findWeightNorms(new Map([...c.tensors].map(([k, e]) => [k, e.shape])));
  const params = [...c.tensors.values()].reduce((n, e) => n + e.data.length, 0);
  if (opts.json) {
    out(JSON.stringify({
      file, format: c.format, bytes: c.fileBytes, parameters: params,
      tensors: [...c.tensors].map(([name, e]) => ({ name, dtype: e.sourceDType, shape: e.shape })),
      weightNorm: pairs.map(({ weight, g, v, dim, naming }) => ({ weight, g, v, dim, naming })),
      unpaired, skipped: Object.fromEntries(c.skipped), metadata: c.metadata,
    }, null, 2));
    return;
  }
  out(`${file}: ${c.format === 'pt' ? 'PyTorch zip checkpoint' : 'safetensors'}, ${c.tensors.size} tensors, ${params.toLocaleString('en-US')} parameters, ${c.fileBytes.toLocaleString('en-US')} bytes`);
  const width = Math.min(60, Math.max(4, ...[...c.tensors.keys()].map((k) => k.length)));
  for (const [name, e] of c.tensors) out(`  ${name.padEnd(width)}  ${e.sourceDType.padEnd(4)}  ${shape(e.shape)}`);
  out(`weight-normed parameters: ${pairs.length}`);
  for (const p of pairs) {
    const dim = p.dim === null ? 'None (whole tensor)' : String(p.dim);
    out(`  ${p.weight.padEnd(width)}  dim=${dim}  g ${shape(c.tensors.get(p.g)!.shape)}  v ${shape(c.tensors.get(p.v)!.shape)}  (${p.naming === 'legacy' ? '_g/_v' : 'parametrizations'})`);
  }
  if (unpaired.length) out(`g or v without its partner (left as is): ${unpaired.join(', ')}`);
  if (c.skipped.size) out(`not tensors (ignored): ${[...c.skipped].map(([k, v]) => `${k}=${JSON.stringify(typeof v === 'bigint' ? String(v) : v)}`).join(', ')}`);
  if (Object.keys(c.metadata).length) out(`metadata: ${Object.keys(c.metadata).join(', ')}`);
}
