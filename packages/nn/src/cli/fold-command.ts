import { CheckpointError } from '@weightnorm/core';
import { foldEntries } from './fold-entries.js';
import { ProgressBar, progressWanted } from './progress-bar.js';
import { parseFloatChoice } from './parse-float-choice.js';
import { readInputCheckpoint } from './read-input-checkpoint.js';
import { toSafetensors } from './to-safetensors.js';
import { writeOutputFile } from './write-output-file.js';

export interface FoldOptions {
  key?: string;
  dtype?: string;
  progress?: boolean;
}

/**
 * `weightnorm fold <in> <out.safetensors>`: every g/v pair replaced by w = g·v/‖v‖ under its
 * original name (`conv_pre.weight`), ready for a model built without weightNorm. Folded weights
 * are float32 unless --dtype says otherwise; a file with nothing to fold is an error (exit 4).
 */
export async function foldCommand(input: string, output: string, opts: FoldOptions, log: (line: string) => void): Promise<void> {
  const choice = parseFloatChoice(opts.dtype);
  const c = await readInputCheckpoint(input, opts);
  let bar: ProgressBar | null = null;
  const folded = foldEntries(c.tensors, (done, total, p) => {
    bar ??= new ProgressBar('folding', total, progressWanted(opts.progress, c.fileBytes));
    bar.update(done, p.weight);
  });
  (bar as ProgressBar | null)?.finish();
  if (folded.pairs.length === 0) {
    throw new CheckpointError({ op: 'weightnorm fold', argument: 'input', allowed: 'a checkpoint with weight-normed parameters (X_g/X_v or parametrizations.X.original0/1)', received: `${c.tensors.size} tensors, none weight-normed` });
  }
  const { bytes, lossy } = toSafetensors(folded.entries, choice, c.metadata);
  await writeOutputFile(output, bytes);
  if (folded.unpaired.length) log(`note: left as is, partner missing: ${folded.unpaired.join(', ')}`);
  if (lossy.length) log(`note: weightnorm holds no 64-bit types; written as F32/I32: ${lossy.join(', ')}`);
  log(`folded ${folded.pairs.length} weight-normed parameters; wrote ${output}: ${folded.entries.size} tensors, ${bytes.length.toLocaleString('en-US')} bytes`);
}
