import type { ContenderEntry } from '../contenders/index.js';
import type { BenchCase } from '../workloads/bench-case.js';
import type { Reply, Request } from './protocol.js';
import { WorkerCrashError, WorkerProcess } from './worker-process.js';

type RequestBody = Request extends infer R ? (R extends Request ? Omit<R, 'id'> : never) : never;

export interface SessionOptions {
  readonly python: string;
  readonly torchScript: string;
  /** Restarts allowed per case before the contender's case is an error. */
  readonly maxRetries: number;
  /** How long one setup (the checked first call), run or dispose may take before the worker is killed. */
  readonly callTimeoutMs: number;
}

/**
 * One contender's worker, restarted when it crashes (lavapipe can segfault on a big dispatch): the
 * new process is started and the current case set up again, then the failed request is retried,
 * at most `maxRetries` times per case; `retries` counts the restarts for the results.
 */
export class ContenderSession {
  private worker: WorkerProcess | null = null;
  private current: { case: BenchCase; dir: string; outFile: string } | null = null;
  retries = 0;

  constructor(
    readonly entry: ContenderEntry,
    private readonly opts: SessionOptions,
  ) {}

  private spawn(): WorkerProcess {
    return this.entry.runtime === 'python' ? WorkerProcess.python(this.opts.python, this.opts.torchScript) : WorkerProcess.node(this.entry.name);
  }

  /** Starts the worker; the reply says whether the contender can run here. */
  async start(): Promise<Reply> {
    this.worker = this.spawn();
    try {
      return await this.worker.request({ op: 'start' }, 120_000);
    } catch (e) {
      return { id: 0, ok: false, status: 'unavailable', message: (e as Error).message };
    }
  }

  /** Begins a case: the retry count is per case. */
  setup(c: BenchCase, dir: string, outFile: string): Promise<Reply> {
    this.current = { case: c, dir, outFile };
    this.retries = 0;
    return this.call({ op: 'setup', case: c, dir, outFile });
  }

  run(caseId: string): Promise<Reply> {
    return this.call({ op: 'run', caseId });
  }

  async dispose(caseId: string): Promise<void> {
    this.current = null;
    if (this.worker?.dead) return; // nothing of the case is left to free
    await this.call({ op: 'dispose', caseId }).catch(() => undefined);
  }

  private async call(body: RequestBody): Promise<Reply> {
    for (;;) {
      // A killed (timed-out) worker is started again for the next call, but that call is not retried.
      if (this.worker!.dead && body.op !== 'setup') throw new WorkerCrashError('worker was stopped after an earlier failure');
      if (this.worker!.dead) await this.restart(false);
      try {
        return await this.worker!.request(body, this.opts.callTimeoutMs);
      } catch (e) {
        if (!(e instanceof WorkerCrashError) || this.retries >= this.opts.maxRetries) throw e;
        this.retries++;
        await this.restart(body.op !== 'setup');
      }
    }
  }

  /** A fresh worker; `replay` sets the current case up again (before retrying a run). */
  private async restart(replay: boolean): Promise<void> {
    this.worker?.kill();
    this.worker = this.spawn();
    const started = await this.worker.request({ op: 'start' }, 120_000);
    if (!started.ok) throw new WorkerCrashError(`restart failed: ${started.message}`);
    const cur = this.current;
    if (cur && replay) await this.worker.request({ op: 'setup', case: cur.case, dir: cur.dir, outFile: `${cur.outFile}.retry` });
  }

  async close(): Promise<void> {
    await this.worker?.close();
    this.worker = null;
  }
}
