import { readFileSync, writeFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import { CONTENDERS } from '../contenders/index.js';
import type { Contender, PreparedCase } from '../contenders/contender.js';
import type { Reply, Request } from './protocol.js';

/**
 * A contender's process: `node dist/harness/worker-main.js <contender>`, driven over the IPC
 * channel by the coordinator. Timing is taken here, around one call, so IPC is not measured (or, for
 * a call that runs in a browser page, inside the page: PreparedCase.timedRun).
 */
const name = process.argv[2] ?? '';
let contender: Contender | undefined;
const prepared = new Map<string, PreparedCase>();

async function handle(req: Request): Promise<Reply> {
  switch (req.op) {
    case 'start': {
      const entry = CONTENDERS.find((c) => c.name === name && c.load);
      if (!entry) return { id: req.id, ok: false, status: 'error', message: `no node contender named ${name}` };
      contender = await entry.load!();
      const info = await contender.start();
      return { id: req.id, ok: true, ...info };
    }
    case 'setup': {
      const c = req.case;
      const inputs = new Map<string, Float32Array>();
      for (const spec of c.inputs) {
        const buf = readFileSync(`${req.dir}/${spec.name}.f32`);
        // A copy: a small file's Buffer may sit at an offset that is not a multiple of 4.
        inputs.set(spec.name, new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength)));
      }
      const p = await contender!.prepare(c, inputs);
      prepared.set(c.id, p);
      const t0 = performance.now();
      const raw = p.check ? await p.check() : await p.run();
      const ms = p.firstCallMs ?? performance.now() - t0;
      const out = p.toTorchLayout ? p.toTorchLayout(raw) : raw;
      writeFileSync(req.outFile, new Uint8Array(out.buffer, out.byteOffset, out.byteLength));
      return { id: req.id, ok: true, ms };
    }
    case 'run': {
      const p = prepared.get(req.caseId)!;
      // A contender whose call runs elsewhere (a browser page) times it there.
      if (p.timedRun) return { id: req.id, ok: true, ms: await p.timedRun() };
      const t0 = performance.now();
      await p.run();
      return { id: req.id, ok: true, ms: performance.now() - t0 };
    }
    case 'dispose': {
      await prepared.get(req.caseId)?.dispose();
      prepared.delete(req.caseId);
      return { id: req.id, ok: true };
    }
  }
}

function failure(id: number, e: unknown): Reply {
  const err = e as Error;
  const status = err?.name === 'UnsupportedCaseError' ? 'unsupported' : err?.name === 'UnavailableError' ? 'unavailable' : 'error';
  return { id, ok: false, status, message: err instanceof Error ? err.message : String(e) };
}

process.on('message', (req: Request) => {
  // A contender that cannot start at all is unavailable, with its error as the reason.
  handle(req).then(
    (reply) => process.send!(reply),
    (e: unknown) => {
      const reply = failure(req.id, e);
      if (req.op === 'start' && reply.ok === false && reply.status === 'error') reply.status = 'unavailable';
      process.send!(reply);
    },
  );
});
process.on('disconnect', () => {
  // A browser closed gracefully is reaped here; one killed on exit would be left to init. The
  // coordinator kills this worker if it lingers (3 s).
  const stopped = contender?.stop?.().catch(() => undefined) ?? Promise.resolve();
  void stopped.finally(() => process.exit(0));
});
