import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FixtureGroup } from './suite/fixture-groups.js';

const PAGE = '<!doctype html><meta charset="utf-8"><title>weightnorm webgpu suite</title><script type="module" src="/suite.js"></script>';

/**
 * A local HTTP server for the Chromium suite (CI has no network): the page, the bundle, and the
 * torch fixtures of each group at /fixtures/<group>/<name>.safetensors, with an index of names per
 * group at /fixtures/index.json. Binds to 127.0.0.1 on a free port.
 */
export async function serveSuite(
  bundlePath: string,
  groups: Record<FixtureGroup, { dir: string; names: readonly string[] }>,
): Promise<{ url: string; server: Server }> {
  const index = Object.fromEntries(Object.entries(groups).map(([g, { names }]) => [g, names]));
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const send = (type: string, body: string | Buffer) => {
      res.writeHead(200, { 'content-type': type });
      res.end(body);
    };
    if (path === '/') return send('text/html', PAGE);
    if (path === '/suite.js') return send('text/javascript', readFileSync(bundlePath));
    if (path === '/fixtures/index.json') return send('application/json', JSON.stringify(index));
    const m = /^\/fixtures\/(\w+)\/([\w-]+)\.safetensors$/.exec(path);
    const group = m && Object.hasOwn(groups, m[1]!) ? groups[m[1] as FixtureGroup] : undefined;
    if (m && group?.names.includes(m[2]!)) return send('application/octet-stream', readFileSync(`${group.dir}/${m[2]}.safetensors`));
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, server };
}
