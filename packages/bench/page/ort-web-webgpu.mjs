// The page side of the ort-web-webgpu contender (src/contenders/ort-web-webgpu.ts drives it through
// Playwright; src/contenders/page-server.ts serves it). Plain JavaScript: it runs as is in Chromium.
import * as ort from '/ort/ort.webgpu.bundle.min.mjs';

// One wasm thread: the GPU does the work, and more threads would need a cross-origin-isolated page.
ort.env.wasm.numThreads = 1;
ort.env.wasm.wasmPaths = '/ort/';

const sessions = new Map();

async function bytesOf(url) {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`GET ${url}: ${res.status} ${await res.text()}`);
  return res.arrayBuffer();
}

window.bench = {
  /** "vendor architecture device description" of the adapter WebGPU gives this page. */
  async adapter() {
    if (!navigator.gpu) throw new Error('navigator.gpu is undefined: this Chromium has no WebGPU');
    const adapter = await navigator.gpu.requestAdapter();
    if (!adapter) throw new Error('navigator.gpu.requestAdapter() returned null: no WebGPU adapter');
    const i = adapter.info ?? {};
    return [i.vendor, i.architecture, i.device, i.description].filter((s) => s).join(' ') || 'unknown adapter';
  },

  async prepare(id, graphUrl, feeds) {
    const session = await ort.InferenceSession.create(new Uint8Array(await bytesOf(graphUrl)), {
      executionProviders: ['webgpu'],
      graphOptimizationLevel: 'all',
    });
    const tensors = {};
    for (const f of feeds) tensors[f.name] = new ort.Tensor('float32', new Float32Array(await bytesOf(f.url)), f.shape);
    sessions.set(id, { session, feeds: tensors, last: null });
  },

  /**
   * One call, timed here: session.run plus getData(), so the output is in this page's JS (read back
   * from the GPU) when the clock stops. The output stays here until `send` asks for it.
   */
  async run(id) {
    const s = sessions.get(id);
    const t0 = performance.now();
    const result = await s.session.run(s.feeds);
    const y = result[s.session.outputNames[0]];
    const data = await y.getData();
    const ms = performance.now() - t0;
    y.dispose();
    s.last = data;
    return ms;
  },

  /** POSTs the last call's output to `url` (outside any timed span). */
  async send(id, url) {
    const res = await fetch(url, { method: 'POST', body: sessions.get(id).last });
    if (!res.ok) throw new Error(`POST ${url}: ${res.status}`);
  },

  async dispose(id) {
    await sessions.get(id)?.session.release();
    sessions.delete(id);
  },
};
