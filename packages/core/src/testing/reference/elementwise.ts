import { nd, offsetOf, unravel, type NdArray } from './nd-array.js';

/** numpy broadcasting of any number of shapes (trailing axes aligned; 1 stretches). */
export function broadcastShape(...shapes: (readonly number[])[]): number[] {
  const rank = Math.max(...shapes.map((s) => s.length));
  const out: number[] = [];
  for (let i = 0; i < rank; i++) {
    let d = 1;
    for (const s of shapes) {
      const k = s[s.length - rank + i] ?? 1;
      if (k !== 1) {
        if (d !== 1 && d !== k) throw new Error(`reference: shapes [${shapes.map((x) => x.join(',')).join('] [')}] do not broadcast`);
        d = k;
      }
    }
    out.push(d);
  }
  return out;
}

/** out[i] = f(inputs broadcast to the joint shape at i). */
export function broadcastMap(inputs: readonly NdArray[], f: (...v: number[]) => number): NdArray {
  const shape = broadcastShape(...inputs.map((x) => x.shape));
  const out = nd(shape);
  const rank = shape.length;
  const args = new Array<number>(inputs.length);
  for (let i = 0; i < out.data.length; i++) {
    const coords = unravel(i, shape);
    inputs.forEach((x, j) => {
      const lead = rank - x.shape.length;
      const own = x.shape.map((d, a) => (d === 1 ? 0 : coords[lead + a]!));
      args[j] = x.data[offsetOf(own, x.shape)]!;
    });
    out.data[i] = f(...args);
  }
  return out;
}

export function unaryMap(x: NdArray, f: (v: number) => number): NdArray {
  return { shape: [...x.shape], data: x.data.map(f) };
}

/** A 0-d reference holding `value`. */
export function scalarNd(value: number): NdArray {
  return nd([], [value]);
}

/**
 * erf to ~1e-15: its Maclaurin series below 2.5 (terms peak near e^6.25, so about three digits of
 * a double's sixteen are lost) and the erfc continued fraction above, which converges fast there.
 */
export function erf(x: number): number {
  if (Number.isNaN(x)) return NaN;
  const ax = Math.abs(x);
  if (ax < 2.5) {
    let term = x;
    let sum = x;
    for (let n = 1; n < 200; n++) {
      term *= (-x * x) / n;
      const add = term / (2 * n + 1);
      sum += add;
      if (Math.abs(add) < 1e-17 * Math.abs(sum)) break;
    }
    return (2 / Math.sqrt(Math.PI)) * sum;
  }
  if (ax > 6) return Math.sign(x);
  // erfc(a) = e^{-a²}/√π · 1/(a + (1/2)/(a + 1/(a + (3/2)/(a + 2/(a + …))))), evaluated bottom-up.
  let f = ax;
  for (let n = 80; n >= 1; n--) f = ax + n / 2 / f;
  const erfc = Math.exp(-ax * ax) / Math.sqrt(Math.PI) / f;
  return Math.sign(x) * (1 - erfc);
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** torch.sign: −1, 0 or 1, and a zero keeps being zero. */
export function sign(x: number): number {
  return x > 0 ? 1 : x < 0 ? -1 : x === 0 ? 0 : NaN;
}

/** torch.maximum / torch.minimum propagate NaN (Math.max does too; a GPU max() need not). */
export function maximum(a: number, b: number): number {
  return Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.max(a, b);
}
export function minimum(a: number, b: number): number {
  return Number.isNaN(a) || Number.isNaN(b) ? NaN : Math.min(a, b);
}

/**
 * C's pow, which torch calls. It differs from Math.pow in one place: 1^y and (−1)^±Inf are 1 even
 * for a NaN or infinite y. A negative base with an integral exponent is finite in both.
 */
export function pow(a: number, b: number): number {
  if (a === 1 || (a === -1 && (b === Infinity || b === -Infinity))) return 1;
  return Math.pow(a, b);
}

export const UNARY_REFERENCE = {
  Neg: (x: number) => -x,
  Abs: Math.abs,
  Sign: sign,
  Sqrt: Math.sqrt,
  Exp: Math.exp,
  Log: Math.log,
  Sin: Math.sin,
  Cos: Math.cos,
  Tanh: Math.tanh,
  Sigmoid: sigmoid,
  Erf: erf,
} as const;

export const BINARY_REFERENCE = {
  Add: (a: number, b: number) => a + b,
  Sub: (a: number, b: number) => a - b,
  Mul: (a: number, b: number) => a * b,
  Div: (a: number, b: number) => a / b,
  Pow: pow,
  Maximum: maximum,
  Minimum: minimum,
  Greater: (a: number, b: number) => (a > b ? 1 : 0),
  Less: (a: number, b: number) => (a < b ? 1 : 0),
  Equal: (a: number, b: number) => (a === b ? 1 : 0),
} as const;

/** out = cond != 0 ? a : b, all three broadcast. */
export function whereRef(cond: NdArray, a: NdArray, b: NdArray): NdArray {
  return broadcastMap([cond, a, b], (c, x, y) => (c !== 0 ? x : y));
}
