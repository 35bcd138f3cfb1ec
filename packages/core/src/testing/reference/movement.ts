import { nd, offsetOf, unravel, type NdArray } from './nd-array.js';

/** out axis i is x axis perm[i]. */
export function permuteRef(x: NdArray, perm: readonly number[]): NdArray {
  const shape = perm.map((p) => x.shape[p]!);
  const out = nd(shape);
  for (let i = 0; i < out.data.length; i++) {
    const oc = unravel(i, shape);
    const xc = new Array<number>(x.shape.length);
    perm.forEach((p, a) => (xc[p] = oc[a]!));
    out.data[i] = x.data[offsetOf(xc, x.shape)]!;
  }
  return out;
}

/** torch.expand: leading axes may be added, size-1 axes repeat. */
export function expandRef(x: NdArray, shape: readonly number[]): NdArray {
  const lead = shape.length - x.shape.length;
  const out = nd(shape);
  for (let i = 0; i < out.data.length; i++) {
    const oc = unravel(i, shape);
    const xc = x.shape.map((d, a) => (d === 1 ? 0 : oc[lead + a]!));
    out.data[i] = x.data[offsetOf(xc, x.shape)]!;
  }
  return out;
}

/** out[i…] = x[starts + i·steps] per axis, `shape` giving the counts. */
export function sliceRef(x: NdArray, starts: readonly number[], steps: readonly number[], shape: readonly number[]): NdArray {
  const out = nd(shape);
  for (let i = 0; i < out.data.length; i++) {
    const oc = unravel(i, shape);
    out.data[i] = x.data[offsetOf(oc.map((c, a) => starts[a]! + c * steps[a]!), x.shape)]!;
  }
  return out;
}

/** torch.narrow. */
export function narrowRef(x: NdArray, axis: number, start: number, length: number): NdArray {
  return sliceRef(
    x,
    x.shape.map((_, a) => (a === axis ? start : 0)),
    x.shape.map(() => 1),
    x.shape.map((d, a) => (a === axis ? length : d)),
  );
}

/** torch.flip. */
export function flipRef(x: NdArray, axes: readonly number[]): NdArray {
  return sliceRef(
    x,
    x.shape.map((d, a) => (axes.includes(a) ? d - 1 : 0)),
    x.shape.map((_, a) => (axes.includes(a) ? -1 : 1)),
    x.shape,
  );
}

export type PadModeRef = 'constant' | 'reflect' | 'replicate' | 'circular';

/** Where output coordinate `i` (may be < 0 or ≥ n) reads from, or −1 for the constant. */
function source(i: number, n: number, mode: PadModeRef): number {
  if (i >= 0 && i < n) return i;
  switch (mode) {
    case 'constant':
      return -1;
    case 'reflect': // mirror about the edge element, which is not repeated
      return i < 0 ? -i : 2 * (n - 1) - i;
    case 'replicate':
      return i < 0 ? 0 : n - 1;
    case 'circular':
      return ((i % n) + n) % n;
  }
}

/** torch's F.pad, with one [before, after] pair per axis from the first axis. */
export function padRef(x: NdArray, pads: readonly (readonly [number, number])[], mode: PadModeRef, value = 0): NdArray {
  const shape = x.shape.map((d, a) => d + pads[a]![0] + pads[a]![1]);
  const out = nd(shape);
  for (let i = 0; i < out.data.length; i++) {
    const oc = unravel(i, shape);
    const xc = oc.map((c, a) => source(c - pads[a]![0], x.shape[a]!, mode));
    out.data[i] = xc.includes(-1) ? value : x.data[offsetOf(xc, x.shape)]!;
  }
  return out;
}

/** F.pad's flat argument: (last_before, last_after, prev_before, prev_after, …). */
export function padTorchRef(x: NdArray, flat: readonly number[], mode: PadModeRef, value = 0): NdArray {
  const pairs: [number, number][] = x.shape.map(() => [0, 0]);
  for (let i = 0; i < flat.length / 2; i++) pairs[x.shape.length - 1 - i] = [flat[2 * i]!, flat[2 * i + 1]!];
  return padRef(x, pairs, mode, value);
}

export function concatRef(xs: readonly NdArray[], axis: number): NdArray {
  const shape = xs[0]!.shape.map((d, a) => (a === axis ? xs.reduce((n, x) => n + x.shape[a]!, 0) : d));
  const out = nd(shape);
  for (let i = 0; i < out.data.length; i++) {
    const oc = unravel(i, shape);
    let at = oc[axis]!;
    let k = 0;
    while (at >= xs[k]!.shape[axis]!) at -= xs[k++]!.shape[axis]!;
    const xc = [...oc];
    xc[axis] = at;
    out.data[i] = xs[k]!.data[offsetOf(xc, xs[k]!.shape)]!;
  }
  return out;
}

/** A reshape keeps the row-major order: only the shape changes. */
export function reshapeRef(x: NdArray, shape: readonly number[]): NdArray {
  return nd(shape, x.data);
}
