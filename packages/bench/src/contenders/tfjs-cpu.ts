import { tfjsContender } from './tfjs.js';

/** tfjs's plain-JavaScript cpu backend (tfjs-node, the native one, is not a browser option). */
export const tfjsCpu = tfjsContender('tfjs-cpu', 'cpu', async () => 'JavaScript, 1 thread');
