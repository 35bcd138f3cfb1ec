import { activationCases } from './cases/activations.js';
import { binaryCases } from './cases/binary.js';
import { castCases } from './cases/cast.js';
import { convCases } from './cases/conv.js';
import { convTransposeCases } from './cases/conv-transpose.js';
import { convWeightGradCases } from './cases/conv-weight-grad.js';
import { graphCases } from './cases/graph.js';
import { matmulCases } from './cases/matmul.js';
import { movementCases } from './cases/movement.js';
import { reduceCases } from './cases/reduce.js';
import { unaryCases } from './cases/unary.js';
import { weightNormCases } from './cases/weight-norm.js';
import { weightNormGradCases } from './cases/weight-norm-grad.js';
import { whereCases } from './cases/where.js';
import type { ConformanceCase } from './conformance-case.js';

/**
 * Every conformance case, in a fixed order. Each call builds fresh cases; running them evaluates
 * on the selected backend (see useBackend).
 *
 * @example
 * await useBackend(myBackend);
 * for (const c of conformanceCases()) await c.run();
 */
export function conformanceCases(): ConformanceCase[] {
  return [
    ...unaryCases(),
    ...binaryCases(),
    ...whereCases(),
    ...castCases(),
    ...reduceCases(),
    ...movementCases(),
    ...matmulCases(),
    ...convCases(),
    ...convTransposeCases(),
    ...convWeightGradCases(),
    ...weightNormCases(),
    ...weightNormGradCases(),
    ...activationCases(),
    ...graphCases(),
  ];
}
