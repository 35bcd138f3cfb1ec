import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { WORKLOADS } from '../workloads/index.js';
import { ContenderSession } from './contender-session.js';
import { WorkerTimeoutError } from './worker-process.js';

const script = fileURLToPath(new URL('../../test/fixtures/crashing-worker.mjs', import.meta.url));
const copyCase = WORKLOADS.flatMap((w) => w.cases(true)).find((c) => c.kind === 'copy')!;
const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
  delete process.env.CRASH_MARKER;
  delete process.env.CRASHES;
  delete process.env.HANGS;
});

async function session(crashes: number, maxRetries: number, callTimeoutMs = 60_000) {
  const dir = mkdtempSync(join(tmpdir(), 'bench-session-'));
  dirs.push(dir);
  writeFileSync(join(dir, 'x.f32'), new Uint8Array(new Float32Array([1, 2]).buffer));
  process.env.CRASH_MARKER = join(dir, 'marker');
  process.env.CRASHES = String(crashes);
  // The "python" runtime runs `<interpreter> <script>`; node stands in for python here.
  const s = new ContenderSession({ name: 'fake', ours: false, runtime: 'python' }, { python: process.execPath, torchScript: script, maxRetries, callTimeoutMs });
  expect((await s.start()).ok).toBe(true);
  expect((await s.setup(copyCase, dir, join(dir, 'out.f32'))).ok).toBe(true);
  return s;
}

describe('ContenderSession', () => {
  it('restarts a crashed worker, sets the case up again, retries, and counts the restarts', async () => {
    const s = await session(2, 3);
    const reply = await s.run(copyCase.id);
    expect(reply).toMatchObject({ ok: true, ms: 2 });
    expect(s.retries).toBe(2);
    await s.close();
  });
  it('gives up after maxRetries with the crash as the error', async () => {
    const s = await session(5, 1);
    await expect(s.run(copyCase.id)).rejects.toThrow(/killed by SIGSEGV/);
    expect(s.retries).toBe(1);
    await s.close();
  });
  it('stops a call past the time limit without retrying it, and starts the worker again for the next case', async () => {
    process.env.HANGS = '1';
    const s = await session(0, 3, 300);
    const err = await s.run(copyCase.id).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(WorkerTimeoutError);
    expect((err as Error).message).toMatch(/^timed out after 0.3 s \(no reply to run; worker killed/);
    expect(s.retries).toBe(0);
    await s.dispose(copyCase.id);
    const dir = dirs[0]!;
    expect((await s.setup(copyCase, dir, join(dir, 'out2.f32'))).ok).toBe(true);
    expect(await s.run(copyCase.id)).toMatchObject({ ok: true, ms: 2 });
    await s.close();
  });
});
