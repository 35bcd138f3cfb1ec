import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { PageServer } from './page-server.js';

let server: PageServer | undefined;
const dirs: string[] = [];
afterEach(async () => {
  await server?.close();
  server = undefined;
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('PageServer', () => {
  it('listens on 127.0.0.1 and serves blobs and files with their type, 404 otherwise', async () => {
    server = await PageServer.start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const dir = mkdtempSync(join(tmpdir(), 'page-server-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'a.mjs'), 'export {}');
    server.file('/a.mjs', join(dir, 'a.mjs'), 'text/javascript');
    server.put('/x.f32', new Uint8Array(new Float32Array([1, 2.5]).buffer));
    const js = await fetch(`${server.url}/a.mjs`);
    expect(js.headers.get('content-type')).toBe('text/javascript');
    expect(await js.text()).toBe('export {}');
    expect([...new Float32Array(await (await fetch(`${server.url}/x.f32`)).arrayBuffer())]).toEqual([1, 2.5]);
    server.delete('/x.f32');
    expect((await fetch(`${server.url}/x.f32`)).status).toBe(404);
  });

  it('hands a POST body to whoever awaits that path, once', async () => {
    server = await PageServer.start();
    const got = server.receive('/out.f32');
    const sent = new Float32Array([3, -1, 0.25]);
    expect((await fetch(`${server.url}/out.f32`, { method: 'POST', body: sent })).status).toBe(204);
    expect([...new Float32Array((await got).slice().buffer)]).toEqual([3, -1, 0.25]);
    expect((await fetch(`${server.url}/out.f32`, { method: 'POST', body: sent })).status).toBe(404);
  });
});
