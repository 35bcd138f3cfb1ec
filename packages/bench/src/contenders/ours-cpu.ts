import { oursContender } from './ours.js';

/** weightnorm on @weightnorm/backend-cpu. */
export const oursCpu = oursContender('ours-cpu', 'cpu', async () => (await import('@weightnorm/backend-cpu')).backends, [
  '@weightnorm/core',
  '@weightnorm/backend-cpu',
]);
