import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseSafetensors } from '../src/safetensors/parse-safetensors.js';

// The built CLI, run as users run it (turbo builds dist before tests; locally run `pnpm exec tsc -b` first).
const bin = fileURLToPath(new URL('../bin/weightnorm.js', import.meta.url));
const fixture = (path: string) => fileURLToPath(new URL(`fixtures/${path}`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'wn-cli-'));

function cli(...args: string[]): { code: number; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [bin, ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status ?? -1, stdout: r.stdout, stderr: r.stderr };
}

const readOut = (path: string) => parseSafetensors(new Uint8Array(readFileSync(path)));

describe('weightnorm inspect', () => {
  it('lists tensors and weight-normed layers of a torch .pt, with the dim read from g', () => {
    const r = cli('inspect', fixture('pt/nested.pt'));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('PyTorch zip checkpoint, 5 tensors, 19 parameters');
    expect(r.stdout).toMatch(/generator\.weight_v\s+F32\s+\[2, 3\]/);
    expect(r.stdout).toMatch(/generator\.weight\s+dim=0\s+g \[2, 1\]\s+v \[2, 3\]/);
    expect(r.stdout).toContain('not tensors (ignored): steps=1000, epoch=3');
  });

  it.each([
    ['conv1d_dim1', 1, 'legacy'],
    ['conv1d_dimneg1', null, 'legacy'],
    ['conv1d_dimnone', null, 'legacy'],
    ['conv2d_dim3', 3, 'legacy'],
    ['convtranspose1d_dim0', 0, 'legacy'],
    ['conv1d_dim0_parametrizations', 0, 'parametrizations'],
    ['linear_dimnone_parametrizations', null, 'parametrizations'],
  ])('--json infers dim %s from torch\'s g (%s)', (name, dim, naming) => {
    const r = cli('inspect', '--json', fixture(`parity/${name}.safetensors`));
    expect(r.code).toBe(0);
    const info = JSON.parse(r.stdout) as { format: string; weightNorm: { weight: string; dim: number | null; naming: string }[] };
    expect(info.format).toBe('safetensors');
    expect(info.weightNorm).toEqual([expect.objectContaining({ weight: 'weight', dim, naming })]);
  });
});

describe('weightnorm fold', () => {
  // Every weight-normed parity fixture holds torch's own folded weight (torch._weight_norm).
  const cases = readdirSync(fixture('parity')).filter((f) => !f.includes('zero_norm')).map((f) => f.replace('.safetensors', ''));
  it.each(cases)('%s: weight equals torch\'s folded weight within 1e-6 relative', (name) => {
    const out = join(dir, `${name}.safetensors`);
    const r = cli('fold', fixture(`parity/${name}.safetensors`), out);
    expect(r.code, r.stderr).toBe(0);
    const { tensors } = readOut(out);
    expect([...tensors.keys()].some((k) => k.endsWith('_g') || k.endsWith('_v') || k.includes('original'))).toBe(false);
    const w = tensors.get('weight')!;
    const want = tensors.get('folded_weight')!;
    expect(w.dtype).toBe('float32');
    expect(w.shape).toEqual(want.shape);
    let worst = 0;
    w.data.forEach((x, i) => (worst = Math.max(worst, Math.abs(x - want.data[i]!) / Math.max(1e-6, Math.abs(want.data[i]!)))));
    expect(worst).toBeLessThanOrEqual(1e-6);
  });

  it('a zero v slice folds to NaN, as torch does', () => {
    const out = join(dir, 'zero.safetensors');
    expect(cli('fold', fixture('parity/conv1d_zero_norm_row.safetensors'), out).code).toBe(0);
    const { tensors } = readOut(out);
    const w = tensors.get('weight')!.data;
    const want = tensors.get('folded_weight')!.data;
    w.forEach((x, i) => expect(Number.isNaN(x)).toBe(Number.isNaN(want[i]!)));
  });

  it('--key takes the state dict out of {generator: …}; --dtype f16 writes half floats', () => {
    const out = join(dir, 'nested.safetensors');
    const r = cli('fold', '--key', 'generator', '--dtype', 'f16', fixture('pt/nested.pt'), out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('folded 1 weight-normed parameters');
    const { tensors } = readOut(out);
    expect([...tensors.keys()]).toEqual(['bias', 'weight']);
    expect(tensors.get('weight')).toMatchObject({ dtype: 'float16', shape: [2, 3] });
  });
});

describe('weightnorm convert', () => {
  it('writes the same keys and values; F16/BF16 kept, F64/I64 narrowed with a note', () => {
    const out = join(dir, 'dtypes.safetensors');
    const r = cli('convert', fixture('pt/dtypes.pt'), out);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stderr).toContain('written as F32/I32: f64 (F64), i64 (I64)');
    const { tensors } = readOut(out);
    expect([...tensors.keys()]).toEqual(['f32', 'f16', 'bf16', 'f64', 'i64', 'i32', 'scalar', 'empty']);
    expect([...tensors.values()].map((e) => e.sourceDType)).toEqual(['F32', 'F16', 'BF16', 'F32', 'I32', 'I32', 'F32', 'F32']);
    expect(Array.from(tensors.get('bf16')!.data)).toEqual(Array.from(tensors.get('bf16')!.data).map(Math.fround));
    expect(Array.from(tensors.get('i64')!.data)).toEqual([1, -2, 2147483647]);
    expect(Array.from(tensors.get('f64')!.data)).toEqual(Array.from(tensors.get('f32')!.data));
  });

  it('draws a progress bar on stderr with --progress, and none when stderr is a pipe', () => {
    const out = join(dir, 'p.safetensors');
    expect(cli('convert', '--progress', fixture('pt/dtypes.pt'), out).stderr).toMatch(/reading .*\[#+\] 100%/);
    expect(cli('convert', fixture('pt/dtypes.pt'), out).stderr).not.toContain('[#');
  });
});

describe('exit codes and messages', () => {
  const unreadable = join(dir, 'missing.pt');
  const notACheckpoint = join(dir, 'text.pt');
  writeFileSync(notACheckpoint, 'hello, this is not a checkpoint');
  it.each([
    [['--help'], 0, ''],
    [[], 2, 'no command given'],
    [['frobnicate'], 2, 'unknown command "frobnicate"'],
    [['fold', 'only-one-arg'], 2, 'missing required args'],
    [['inspect', '--bogus', 'x'], 2, 'Unknown option `--bogus`'],
    [['fold', '--dtype', 'f8', 'a', 'b'], 2, '--dtype must be one of keep, f32, f16, bf16; received "f8"'],
    [['inspect', unreadable], 3, `cannot read ${JSON.stringify(unreadable)}`],
    [['convert', fixture('pt/dtypes.pt'), join(dir, 'no/such/dir/x.safetensors')], 3, 'cannot write'],
    [['inspect', fixture('pt/os-system.pt')], 4, 'pickle global must be one of'],
    [['inspect', fixture('pt/legacy.pt')], 4, 're-save it'],
    [['inspect', notACheckpoint], 4, 'header length'],
    [['fold', fixture('pt/dtypes.pt'), join(dir, 'x.safetensors')], 4, 'none weight-normed'],
    [['inspect', '--key', 'nope', fixture('pt/nested.pt')], 4, '--key must be a top-level key holding tensors (generator, param, nested)'],
  ])('weightnorm %j exits %i', (args, code, text) => {
    const r = cli(...(args as string[]));
    expect(r.code, r.stderr).toBe(code);
    expect(r.stderr).toContain(text);
    if (code === 0) expect(r.stdout).toContain('Exit codes:');
  });
});
