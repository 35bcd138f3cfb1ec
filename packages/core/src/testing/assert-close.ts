import type { Tolerance } from './tolerance.js';

function coordsOf(index: number, shape: readonly number[]): number[] {
  const coords = new Array<number>(shape.length);
  for (let i = shape.length - 1; i >= 0; i--) {
    coords[i] = index % shape[i]!;
    index = Math.floor(index / shape[i]!);
  }
  return coords;
}

function show(x: number): string {
  return Object.is(x, -0) ? '-0' : String(x);
}

/**
 * Throws unless `got` matches `expected` within `tolerance`. NaN must meet NaN position for
 * position and ±Infinity must meet the same infinity; the message names the case, the worst
 * index (flat and per axis), both values and the tolerance there.
 *
 * @example
 * assertClose('add f32', await y.data(), expected, y.shape, toleranceFor('float32'));
 */
export function assertClose(
  name: string,
  got: ArrayLike<number>,
  expected: ArrayLike<number>,
  shape: readonly number[],
  tolerance: Tolerance,
): void {
  if (got.length !== expected.length) {
    throw new Error(`${name}: got ${got.length} values, expected ${expected.length} (shape [${shape.join(', ')}])`);
  }
  let scale = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = Math.abs(expected[i]!);
    if (Number.isFinite(e) && e > scale) scale = e;
  }
  const atol = tolerance.atolScale * scale;
  let worst = -1;
  let worstExcess = 0;
  let bad = 0;
  for (let i = 0; i < expected.length; i++) {
    const e = expected[i]!;
    const g = got[i]!;
    let excess: number;
    if (Number.isNaN(e) || !Number.isFinite(e)) {
      excess = Object.is(e, g) || (Number.isNaN(e) && Number.isNaN(g)) ? 0 : Infinity;
    } else if (!Number.isFinite(g)) {
      excess = Infinity;
    } else {
      const err = Math.abs(g - e);
      const allowed = atol + tolerance.rtol * Math.abs(e);
      excess = err === 0 ? 0 : allowed === 0 ? Infinity : err / allowed;
    }
    if (excess > 1) {
      bad++;
      if (excess > worstExcess) {
        worstExcess = excess;
        worst = i;
      }
    }
  }
  if (bad === 0) return;
  const e = expected[worst]!;
  const allowed = atol + tolerance.rtol * Math.abs(e);
  throw new Error(
    `${name}: ${bad} of ${expected.length} values differ; worst at index ${worst} ` +
      `[${coordsOf(worst, shape).join(', ')}]: got ${show(got[worst]!)}, expected ${show(e)}` +
      ` (tolerance ${Number.isFinite(e) ? allowed.toExponential(3) : 'exact'}: rtol ${tolerance.rtol === 0 ? 0 : tolerance.rtol.toExponential()}, atol ${atol.toExponential(3)})`,
  );
}
