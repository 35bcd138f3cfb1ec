import { fork, spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { Reply, Request } from './protocol.js';

/** A worker that died (segfault, OOM, exit) while a request was pending. */
export class WorkerCrashError extends Error {
  override readonly name = 'WorkerCrashError';
}

/** A worker that did not answer in time; it is killed, and not restarted for that call. */
export class WorkerTimeoutError extends Error {
  override readonly name = 'WorkerTimeoutError';
  constructor(
    /** The limit it exceeded. */
    readonly seconds: number,
    op: string,
  ) {
    super(`timed out after ${seconds} s (no reply to ${op}; worker killed, started again for the next case)`);
  }
}

type Pending = { resolve: (r: Reply) => void; reject: (e: Error) => void };
type RequestBody = Request extends infer R ? (R extends Request ? Omit<R, 'id'> : never) : never;

/** One contender's process and its request/reply channel. */
export class WorkerProcess {
  private nextId = 1;
  private readonly pending = new Map<number, Pending>();
  private stderrTail = '';
  private exited = false;

  private constructor(
    private readonly child: ChildProcess,
    private readonly sendRaw: (req: Request) => void,
  ) {
    child.stderr?.on('data', (d: Buffer) => {
      this.stderrTail = (this.stderrTail + d.toString()).slice(-2000);
    });
    // A worker that cannot even be spawned (no python) fails its pending request with the reason.
    child.on('error', (e) => {
      this.exited = true;
      for (const p of this.pending.values()) p.reject(new WorkerCrashError(`cannot run worker: ${e.message}`));
      this.pending.clear();
    });
    child.on('exit', (code, signal) => {
      this.exited = true;
      const why = signal ? `killed by ${signal}` : `exited with code ${code}`;
      const tail = this.stderrTail.trim().split('\n').filter((l) => !/artificially reduced/.test(l)).slice(-3).join(' | ');
      for (const p of this.pending.values()) p.reject(new WorkerCrashError(`worker ${why}${tail ? `: ${tail}` : ''}`));
      this.pending.clear();
    });
  }

  /** A Node contender: dist/harness/worker-main.js <name> over the IPC channel. */
  static node(contender: string): WorkerProcess {
    const main = fileURLToPath(new URL('./worker-main.js', import.meta.url));
    const child = fork(main, [contender], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'] });
    const w = new WorkerProcess(child, (req) => child.send(req));
    child.on('message', (r: Reply) => w.settle(r));
    return w;
  }

  /** The PyTorch contender: JSON lines over stdin/stdout of `python script`. */
  static python(python: string, script: string): WorkerProcess {
    const child = spawn(python, [script], { stdio: ['pipe', 'pipe', 'pipe'] });
    const w = new WorkerProcess(child, (req) => child.stdin!.write(`${JSON.stringify(req)}\n`));
    child.stdin!.on('error', () => undefined); // a dead worker is reported through 'exit'
    createInterface({ input: child.stdout! }).on('line', (line) => {
      if (line.startsWith('{')) w.settle(JSON.parse(line) as Reply);
    });
    return w;
  }

  request(body: RequestBody, timeoutMs = 600_000): Promise<Reply> {
    if (this.exited) return Promise.reject(new WorkerCrashError('worker is not running'));
    const id = this.nextId++;
    return new Promise<Reply>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        this.kill();
        reject(new WorkerTimeoutError(Number((timeoutMs / 1000).toPrecision(3)), body.op));
      }, timeoutMs);
      this.pending.set(id, {
        resolve: (r) => {
          clearTimeout(timer);
          resolve(r);
        },
        reject: (e) => {
          clearTimeout(timer);
          reject(e);
        },
      });
      this.sendRaw({ ...body, id } as Request);
    });
  }

  private settle(reply: Reply): void {
    const p = this.pending.get(reply.id);
    this.pending.delete(reply.id);
    p?.resolve(reply);
  }

  /** True once the process has exited (or could not start). */
  get dead(): boolean {
    return this.exited;
  }

  kill(): void {
    if (!this.exited) this.child.kill('SIGKILL');
  }

  /** Asks the worker to leave (closing its channel), then kills it if it lingers. */
  async close(): Promise<void> {
    if (this.exited || this.child.exitCode !== null || this.child.signalCode !== null) return;
    const gone = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    if (this.child.connected) this.child.disconnect();
    this.child.stdin?.end();
    const timer = setTimeout(() => this.kill(), 3000);
    await gone;
    clearTimeout(timer);
  }
}
