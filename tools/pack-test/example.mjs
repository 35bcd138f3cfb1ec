// The README's minimal example, verbatim (it is valid JavaScript as written), run in a project that
// installed the packed tarballs. The check below it is the pack test's, not the README's.
import { tensor } from '@weightnorm/core';
import { Conv1d, loadSafetensors, removeWeightNorm, weightNorm } from '@weightnorm/nn';

const conv = weightNorm(new Conv1d(80, 512, 7, { padding: 3 }));      // params: bias, weight_g, weight_v
await conv.loadStateDict(await loadSafetensors('conv_pre.safetensors')); // keys as torch saved them
const mel = tensor(new Float32Array(80 * 100), [1, 80, 100]);
const y = conv.eval().forward(mel);             // lazy; eval() computes w = g·v/‖v‖ once and caches it
console.log(y.shape, (await y.data()).slice(0, 4)); // [1, 512, 100] …
const plain = await removeWeightNorm(conv);     // a plain Conv1d with the folded weight

// --- pack-test check: a non-zero input through the weight-normed and the folded conv, written to
// result-<backend>.json so run.mjs can compare the two and the backends with each other.
import { getBackend } from '@weightnorm/core';
import { writeFileSync } from 'node:fs';

const x = new Float32Array(80 * 100);
for (let i = 0; i < x.length; i++) x[i] = Math.sin(i * 0.37) * 0.5;
const input = tensor(x, [1, 80, 100]);
const normed = Array.from(await conv.forward(input).data());
const folded = Array.from(await plain.forward(input).data());
const result = { backend: getBackend(), shape: y.shape, zeroInputHead: Array.from((await y.data()).slice(0, 4)), normed, folded };
writeFileSync(`result-${result.backend}.json`, JSON.stringify(result));
console.log(`backend ${result.backend}: wrote result-${result.backend}.json`);
