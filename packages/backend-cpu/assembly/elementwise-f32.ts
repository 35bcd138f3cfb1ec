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
 *
 * One loop per op and step pattern (inlined with constants, which the optimizer folds), so the
 * lane loop has neither a switch nor a step test: with them, a 704K-element leaky ReLU ran 1.4–1.8×
 * slower.
 */
export function binaryF32(op: i32, a: usize, aStep: i32, b: usize, bStep: i32, y: usize, n: i32): void {
  switch (op) {
    case ADD: binarySteps(ADD, a, aStep, b, bStep, y, n); break;
    case SUB: binarySteps(SUB, a, aStep, b, bStep, y, n); break;
    case MUL: binarySteps(MUL, a, aStep, b, bStep, y, n); break;
    case DIV: binarySteps(DIV, a, aStep, b, bStep, y, n); break;
    case MAX: binarySteps(MAX, a, aStep, b, bStep, y, n); break;
    case MIN: binarySteps(MIN, a, aStep, b, bStep, y, n); break;
    case GT: binarySteps(GT, a, aStep, b, bStep, y, n); break;
    case LT: binarySteps(LT, a, aStep, b, bStep, y, n); break;
    default: binarySteps(EQ, a, aStep, b, bStep, y, n);
  }
}

// @ts-ignore: decorator
@inline function binarySteps(op: i32, a: usize, aStep: i32, b: usize, bStep: i32, y: usize, n: i32): void {
  if (aStep != 0) {
    if (bStep != 0) binaryLoop(op, a, 1, b, 1, y, n);
    else binaryLoop(op, a, 1, b, 0, y, n);
  } else if (bStep != 0) binaryLoop(op, a, 0, b, 1, y, n);
  else binaryLoop(op, a, 0, b, 0, y, n);
}

// @ts-ignore: decorator
@inline function binaryLoop(op: i32, a: usize, aStep: i32, b: usize, bStep: i32, y: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) v128.store(y + <usize>i * 4, combine(op, lanes(a, aStep, i), lanes(b, bStep, i)));
  for (; i < n; i++) {
    const r = combine(op, f32x4.splat(load<f32>(a + <usize>(i * aStep) * 4)), f32x4.splat(load<f32>(b + <usize>(i * bStep) * 4)));
    store<f32>(y + <usize>i * 4, f32x4.extract_lane(r, 0));
  }
}

/**
 * y[i] = c[i·cStep] ≠ 0 ? a[i·aStep] : b[i·bStep] (NaN counts as non-zero, −0 as zero), bits
 * copied; one loop per step pattern, as binaryF32.
 */
export function whereF32(c: usize, cStep: i32, a: usize, aStep: i32, b: usize, bStep: i32, y: usize, n: i32): void {
  if (cStep != 0) {
    if (aStep != 0) {
      if (bStep != 0) whereLoop(c, 1, a, 1, b, 1, y, n);
      else whereLoop(c, 1, a, 1, b, 0, y, n);
    } else if (bStep != 0) whereLoop(c, 1, a, 0, b, 1, y, n);
    else whereLoop(c, 1, a, 0, b, 0, y, n);
  } else if (aStep != 0) {
    if (bStep != 0) whereLoop(c, 0, a, 1, b, 1, y, n);
    else whereLoop(c, 0, a, 1, b, 0, y, n);
  } else if (bStep != 0) whereLoop(c, 0, a, 0, b, 1, y, n);
  else whereLoop(c, 0, a, 0, b, 0, y, n);
}

// @ts-ignore: decorator
@inline function whereLoop(c: usize, cStep: i32, a: usize, aStep: i32, b: usize, bStep: i32, y: usize, n: i32): void {
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

/** Elements per block of a chain: each intermediate's block (1 KiB) stays in L1 with the others. */
const BLOCK = 256;
/** The chain step code for Where; binary ops use their op codes (ADD … EQ). */
const WHERE = 9;

/**
 * A chain of elementwise ops in one pass over elements [start, start + n): per block of BLOCK
 * elements, every step in order, each intermediate kept in its own block of `scratch` (so it never
 * goes to memory). `prog` holds `steps` records of four i32: the op code, then the operands
 * (a, b; Where's cond, a, b): k ≥ 0 is input k, whose byte address and step (0 or 1) are the i32
 * pair at `inputs` + 8k; −(s + 1) is the result of step s. The last step writes `out`. Each step
 * runs the same lane arithmetic as its op's own kernel (binaryF32, whereF32), so the result is
 * bit for bit what the ops give one at a time.
 */
export function chainF32(prog: usize, steps: i32, inputs: usize, out: usize, start: i32, n: i32, scratch: usize): void {
  const end = start + n;
  for (let b0 = start; b0 < end; b0 += BLOCK) {
    const len = min(BLOCK, end - b0);
    for (let s = 0; s < steps; s++) {
      const rec = prog + <usize>s * 16;
      const code = load<i32>(rec);
      const dst = s == steps - 1 ? out + <usize>b0 * 4 : scratch + <usize>(s * BLOCK) * 4;
      const a = load<i32>(rec, 4);
      const b = load<i32>(rec, 8);
      if (code == WHERE) {
        const c = load<i32>(rec, 12);
        whereF32(operand(a, inputs, scratch, b0), operandStep(a, inputs), operand(b, inputs, scratch, b0), operandStep(b, inputs), operand(c, inputs, scratch, b0), operandStep(c, inputs), dst, len);
      } else {
        binaryF32(code, operand(a, inputs, scratch, b0), operandStep(a, inputs), operand(b, inputs, scratch, b0), operandStep(b, inputs), dst, len);
      }
    }
  }
}

/** Where operand `k` of a chain step starts for the block at element b0. */
// @ts-ignore: decorator
@inline function operand(k: i32, inputs: usize, scratch: usize, b0: i32): usize {
  if (k < 0) return scratch + <usize>((-k - 1) * BLOCK) * 4;
  const at = <usize>load<i32>(inputs + <usize>k * 8);
  return load<i32>(inputs + <usize>k * 8, 4) == 0 ? at : at + <usize>b0 * 4;
}

/** Operand `k`'s step: 1 for an intermediate's block, the input's own (0 or 1) otherwise. */
// @ts-ignore: decorator
@inline function operandStep(k: i32, inputs: usize): i32 {
  return k < 0 ? 1 : load<i32>(inputs + <usize>k * 8, 4);
}
