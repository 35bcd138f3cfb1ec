// Writes the checkpoint the README example loads: a weight-normed Conv1d(80, 512, 7) state dict with
// torch's keys (bias, weight_g, weight_v), made by the installed packages themselves so the scratch
// project needs nothing from the workspace.
import { Conv1d, manualSeed, saveSafetensors, weightNorm } from '@weightnorm/nn';

manualSeed(7);
const conv = weightNorm(new Conv1d(80, 512, 7, { padding: 3 }));
await saveSafetensors(conv.stateDict(), 'conv_pre.safetensors');
console.log('wrote conv_pre.safetensors with keys', Object.keys(conv.stateDict()).sort().join(', '));
