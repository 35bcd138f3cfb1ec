import { ProgressBar, progressWanted } from './progress-bar.js';
import { parseFloatChoice } from './parse-float-choice.js';
import { readInputCheckpoint } from './read-input-checkpoint.js';
import { toSafetensors } from './to-safetensors.js';
import { writeOutputFile } from './write-output-file.js';

export interface ConvertOptions {
  key?: string;
  dtype?: string;
  progress?: boolean;
}

/** `weightnorm convert <in> <out.safetensors>`: the same tensors, same keys, as safetensors. */
export async function convertCommand(input: string, output: string, opts: ConvertOptions, log: (line: string) => void): Promise<void> {
  const choice = parseFloatChoice(opts.dtype);
  const c = await readInputCheckpoint(input, opts);
  const bar = new ProgressBar(`writing ${output}`, 1, progressWanted(opts.progress, c.fileBytes));
  const { bytes, lossy } = toSafetensors(c.tensors, choice, c.metadata);
  await writeOutputFile(output, bytes);
  bar.finish();
  if (lossy.length) log(`note: weightnorm holds no 64-bit types; written as F32/I32: ${lossy.join(', ')}`);
  if (c.skipped.size) log(`note: ${c.skipped.size} values that are not tensors were left out: ${[...c.skipped.keys()].join(', ')}`);
  log(`wrote ${output}: ${c.tensors.size} tensors, ${bytes.length.toLocaleString('en-US')} bytes`);
}
