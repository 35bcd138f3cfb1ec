import type { Contender } from './contender.js';

/** Where each contender runs: a Node worker (this package) or the PyTorch Python worker. */
export interface ContenderEntry {
  readonly name: string;
  /** ours-* are weightnorm; the rest are the peers the ratios compare against. */
  readonly ours: boolean;
  readonly runtime: 'node' | 'python';
  /** Loads the contender inside its worker (node runtime only). */
  readonly load?: () => Promise<Contender>;
}

/** Every contender, in table order. The reference for the correctness check is the first. */
export const CONTENDERS: readonly ContenderEntry[] = [
  { name: 'ours-cpu', ours: true, runtime: 'node', load: async () => (await import('./ours-cpu.js')).oursCpu },
  { name: 'ours-webgpu', ours: true, runtime: 'node', load: async () => (await import('./ours-webgpu.js')).oursWebgpu },
  { name: 'tfjs-cpu', ours: false, runtime: 'node', load: async () => (await import('./tfjs-cpu.js')).tfjsCpu },
  { name: 'tfjs-wasm', ours: false, runtime: 'node', load: async () => (await import('./tfjs-wasm.js')).tfjsWasm },
  { name: 'tfjs-webgpu', ours: false, runtime: 'node', load: async () => (await import('./tfjs-webgpu.js')).tfjsWebgpu },
  { name: 'ort-node', ours: false, runtime: 'node', load: async () => (await import('./ort-node.js')).ortNode },
  { name: 'ort-web-wasm', ours: false, runtime: 'node', load: async () => (await import('./ort-web-wasm.js')).ortWebWasm },
  { name: 'ort-web-webgpu', ours: false, runtime: 'node', load: async () => (await import('./ort-web-webgpu.js')).ortWebWebgpu },
  { name: 'torch', ours: false, runtime: 'python' },
];

export const REFERENCE = 'ours-cpu';
