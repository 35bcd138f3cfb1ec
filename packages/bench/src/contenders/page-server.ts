import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local HTTP server for a benchmark page in a browser, on 127.0.0.1 at a random port (a secure
 * context, so navigator.gpu exists; nothing comes from the internet). GET serves registered files
 * (read from disk on request) and in-memory blobs (a case's graph and inputs); POST to a path
 * someone awaits with `receive` hands the body over (a call's output), so big arrays move as raw
 * bytes instead of through the browser protocol's JSON.
 */
export class PageServer {
  private readonly blobs = new Map<string, { body: Uint8Array | string; type: string }>();
  private readonly files = new Map<string, { path: string; type: string }>();
  private readonly waiting = new Map<string, (body: Uint8Array) => void>();

  private constructor(
    private readonly server: Server,
    readonly url: string,
  ) {}

  static async start(): Promise<PageServer> {
    let self: PageServer | undefined;
    const server = createServer((req, res) => self!.handle(req, res));
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => resolve());
    });
    self = new PageServer(server, `http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    return self;
  }

  /** Serves a file from disk at `path` (read on every request: the .wasm is 26 MB). */
  file(path: string, onDisk: string, type: string): void {
    this.files.set(path, { path: onDisk, type });
  }

  put(path: string, body: Uint8Array | string, type = 'application/octet-stream'): void {
    this.blobs.set(path, { body, type });
  }

  delete(path: string): void {
    this.blobs.delete(path);
  }

  /** The body of the next POST to `path`. */
  receive(path: string): Promise<Uint8Array> {
    return new Promise((resolve) => this.waiting.set(path, resolve));
  }

  close(): Promise<void> {
    this.server.closeAllConnections();
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    const path = new URL(req.url ?? '/', this.url).pathname;
    if (req.method === 'POST') {
      const take = this.waiting.get(path);
      if (!take) return void res.writeHead(404).end(`nobody awaits ${path}`);
      this.waiting.delete(path);
      const chunks: Buffer[] = [];
      req.on('data', (d: Buffer) => chunks.push(d));
      req.on('end', () => {
        const all = Buffer.concat(chunks);
        take(new Uint8Array(all.buffer, all.byteOffset, all.byteLength));
        res.writeHead(204).end();
      });
      return;
    }
    const blob = this.blobs.get(path);
    const file = this.files.get(path);
    if (!blob && !file) return void res.writeHead(404).end(`no ${path}`);
    try {
      const body = blob ? blob.body : readFileSync(file!.path);
      res.writeHead(200, { 'content-type': (blob ?? file)!.type, 'cache-control': 'no-store' }).end(body);
    } catch (e) {
      res.writeHead(500).end((e as Error).message);
    }
  }
}
