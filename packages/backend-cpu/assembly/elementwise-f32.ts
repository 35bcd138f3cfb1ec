// AssemblyScript source of the float32 elementwise kernels (built into the one module with the GEMM
// and weight norm): one row of a binary op or of Where, each operand read with a step of 0 (a
// broadcast value) or 1 (a dense row), four lanes at a time.

/** Binary op codes, in the order of BINARY_WASM_OPS in src/kernels/binary-wasm.ts. */
const ADD = 0, SUB = 1, MUL = 2, DIV = 3, MAX = 4, MIN = 5, GT = 6, LT = 7, EQ = 8;

/** Four lanes of an operand at element i: a vector load for step 1, a splat for step 0. */
// @ts-ignore: decorator
@inline function lanes(p: usize, step: i32, i: i32): v128 {
  return step == 0 ? v128.load32_splat(p) : v128.load(p + <usize>i * 4);
}

// @ts-ignore: decorator
@inline function combine(op: i32, a: v128, b: v128): v128 {
  const one = f32x4.splat(1);
  switch (op) {
    case ADD: return f32x4.add(a, b);
    case SUB: return f32x4.sub(a, b);
    case MUL: return f32x4.mul(a, b);
    case DIV: return f32x4.div(a, b);
    // WebAssembly's min and max propagate NaN and order −0 below +0, as Math.min/max and torch do.
    case MAX: return f32x4.max(a, b);
    case MIN: return f32x4.min(a, b);
    // Comparisons write 1 or 0 in the input dtype (core's rule); NaN compares false.
    case GT: return v128.and(f32x4.gt(a, b), one);
    case LT: return v128.and(f32x4.lt(a, b), one);
    default: return v128.and(f32x4.eq(a, b), one);
  }
}

/**
 * y[i] = a[i·aStep] ∘ b[i·bStep] for i < n, steps 0 or 1. Each lane's result is the IEEE float32
 * operation, which is what the TypeScript kernel's float64 arithmetic rounds to (for + − × ÷
 * exactly; min, max and comparisons involve no rounding).
 */
export function binaryF32(op: i32, a: usize, aStep: i32, b: usize, bStep: i32, y: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(y + <usize>i * 4, combine(op, lanes(a, aStep, i), lanes(b, bStep, i)));
  for (; i < n; i++) {
    const r = combine(op, f32x4.splat(load<f32>(a + <usize>(i * aStep) * 4)), f32x4.splat(load<f32>(b + <usize>(i * bStep) * 4)));
    store<f32>(y + <usize>i * 4, f32x4.extract_lane(r, 0));
  }
}

/** y[i] = c[i·cStep] ≠ 0 ? a[i·aStep] : b[i·bStep] (NaN counts as non-zero, −0 as zero), bits copied. */
export function whereF32(c: usize, cStep: i32, a: usize, aStep: i32, b: usize, bStep: i32, y: usize, n: i32): void {
  const zero = f32x4.splat(0);
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const mask = f32x4.ne(lanes(c, cStep, i), zero);
    v128.store(y + <usize>i * 4, v128.bitselect(lanes(a, aStep, i), lanes(b, bStep, i), mask));
  }
  for (; i < n; i++) {
    const pick = load<f32>(c + <usize>(i * cStep) * 4) != 0;
    store<u32>(y + <usize>i * 4, load<u32>((pick ? a + <usize>(i * aStep) * 4 : b + <usize>(i * bStep) * 4)));
  }
}
