export * from './ops.js';
export * from './kernel.js';
export * from './backend.js';
export * from './elementwise-chain.js';
export * from './registry.js';
