export * from './shape.js';
export * from './broadcast.js';
