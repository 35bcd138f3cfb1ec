import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { makeInputs } from '../workloads/make-inputs.js';
import { WORKLOADS } from '../workloads/index.js';
import { ortGraphAndFeeds } from './ort-graph-and-feeds.js';

const quick = WORKLOADS.flatMap((w) => w.cases(true));
const find = (pred: (c: (typeof quick)[number]) => boolean) => quick.find(pred)!;

describe('ortGraphAndFeeds', () => {
  it('feeds a train graph every input (g and v too) and inlines nothing', async () => {
    const c = find((c) => c.kind === 'conv1d' && c.mode === 'train');
    const inputs = makeInputs(c);
    const { bytes, feeds } = ortGraphAndFeeds(c, inputs);
    expect(feeds.map((f) => f.name)).toEqual(c.inputs.map((s) => s.name));
    for (const f of feeds) expect(f.data).toBe(inputs.get(f.name));
    const session = await ort.InferenceSession.create(bytes);
    expect([...session.inputNames].sort()).toEqual(c.inputs.map((s) => s.name).sort());
  });

  it('inlines a cached graph’s w and b, leaving x as the only feed', async () => {
    const c = find((c) => c.kind === 'conv-transpose1d' && c.mode === 'cached');
    const { bytes, feeds } = ortGraphAndFeeds(c, makeInputs(c));
    expect(feeds.map((f) => f.name)).toEqual(['x']);
    expect(feeds[0]!.shape).toEqual(c.inputs.find((s) => s.name === 'x')!.shape);
    expect((await ort.InferenceSession.create(bytes)).inputNames).toEqual(['x']);
  });

  it('folds W5’s g, v pairs into inlined weights: only the mel is fed', async () => {
    const c = find((c) => c.kind === 'hifigan');
    const { bytes, feeds } = ortGraphAndFeeds(c, makeInputs(c));
    expect(feeds.map((f) => f.name)).toEqual([c.inputs[0]!.name]);
    expect((await ort.InferenceSession.create(bytes)).inputNames).toEqual([c.inputs[0]!.name]);
  });

  it('names a missing input', () => {
    const c = find((c) => c.kind === 'conv1d' && c.mode === 'cached');
    const inputs = makeInputs(c);
    inputs.delete('w');
    expect(() => ortGraphAndFeeds(c, inputs)).toThrow(/input "w" is missing/);
  });

  it('has no graph for a training step (no onnxruntime training API)', () => {
    const c = find((c) => c.kind === 'train-step');
    expect(() => ortGraphAndFeeds(c, makeInputs(c))).toThrow(/no training API/);
  });
});
