export * from './errors/index.js';
export * from './dtype/index.js';
export * from './shape/index.js';
export * from './axis/index.js';
export * from './backend/index.js';
export * from './ir/index.js';
export * from './ops/index.js';
export * from './autodiff/index.js';
