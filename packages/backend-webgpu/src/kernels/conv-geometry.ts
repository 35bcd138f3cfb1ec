/**
 * A 1-, 2- or 3-d convolution's sizes as 3-d ones (missing leading spatial axes of size 1), so one
 * shader serves every rank. Layout in meta after [Z, M, N, K]:
 * C, D, H, W, O, OD, OH, OW, KD, KH, KW, SD, SH, SW, PD, PH, PW, DD, DH, DW, G, Cg. The same
 * numbers describe a transposed convolution (x [N, Cin, …], w [Cin, O/groups, k…]).
 */
export function convGeometry(
  xShape: readonly number[],
  wShape: readonly number[],
  outShape: readonly number[],
  stride: readonly number[],
  padBefore: readonly number[],
  dilation: readonly number[],
  groups: number,
): { meta: number[]; z: number; m: number; n: number } {
  const lift = (v: readonly number[], fill: number) => [...new Array<number>(3 - v.length).fill(fill), ...v];
  const [batch, c] = xShape as [number, number];
  const o = outShape[1]!;
  const spatialIn = lift(xShape.slice(2), 1);
  const spatialOut = lift(outShape.slice(2), 1);
  const kernel = lift(wShape.slice(2), 1);
  const kvol = kernel[0]! * kernel[1]! * kernel[2]!;
  const cg = c / groups;
  const og = o / groups;
  const m = og;
  const n = spatialOut[0]! * spatialOut[1]! * spatialOut[2]!;
  const k = cg * kvol;
  const z = batch * groups;
  const meta = [
    z, m, n, k,
    c, ...spatialIn, o, ...spatialOut, ...kernel,
    ...lift(stride, 1), ...lift(padBefore, 0), ...lift(dilation, 1),
    groups, cg,
  ];
  return { meta, z, m, n };
}
