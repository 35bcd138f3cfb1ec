import { AxisError } from '../errors/axis-error.js';
import { ShapeError } from '../errors/shape-error.js';
import { WeightnormError } from '../errors/weightnorm-error.js';

/**
 * The layer a weight belongs to; it fixes what each axis of the torch layout means.
 *
 * - `linear`: torch `[out, in]`.
 * - `conv`: torch `[out, in/groups, *k]` (nn.ConvNd.weight).
 * - `convTranspose`: torch `[in, out/groups, *k]` (nn.ConvTransposeNd.weight: torch stores it
 *   input-channel first, because the transposed conv is the gradient of a conv with in and out
 *   swapped).
 */
export type LayerKind = 'linear' | 'conv' | 'convTranspose';

/**
 * One host- or device-side rearrangement of a row-major weight.
 *
 * `permute` follows numpy/torch `permute`: output axis `i` is input axis `perm[i]`.
 * `reshape` reinterprets the same row-major data with a new shape of equal size.
 */
export type LayoutStep = { kind: 'reshape'; shape: number[] } | { kind: 'permute'; perm: number[] };

const KINDS: readonly LayerKind[] = ['linear', 'conv', 'convTranspose'];

function checkKind(kind: LayerKind, op: string): void {
  if (!KINDS.includes(kind)) {
    throw new WeightnormError({ op, argument: 'kind', allowed: "'linear', 'conv' or 'convTranspose'", received: kind });
  }
}

/** The rank rule per kind: nn.Linear weights are exactly 2-d; conv weights carry ≥ 1 kernel axis. */
function checkRank(kind: LayerKind, ndim: number, op: string, received: unknown): void {
  const ok = kind === 'linear' ? ndim === 2 : Number.isInteger(ndim) && ndim >= 3;
  if (!ok) {
    throw new ShapeError({
      op,
      argument: 'weight',
      allowed:
        kind === 'linear'
          ? 'a 2-d [out, in] linear weight'
          : kind === 'conv'
            ? 'an [out, in/groups, *kernel] conv weight with at least 3 dimensions'
            : 'an [in, out/groups, *kernel] convTranspose weight with at least 3 dimensions',
      received,
    });
  }
}

function checkGroups(kind: LayerKind, groups: number, op: string): void {
  // nn.Linear has no groups; accepting another value would silently ignore it.
  const ok = kind === 'linear' ? groups === 1 : Number.isInteger(groups) && groups >= 1;
  if (!ok) {
    throw new ShapeError({
      op,
      argument: 'groups',
      allowed: kind === 'linear' ? '1 for a linear weight' : 'a positive integer',
      received: groups,
    });
  }
}

function checkTorchShape(kind: LayerKind, torchShape: readonly number[], groups: number, op: string): void {
  checkKind(kind, op);
  checkRank(kind, torchShape.length, op, torchShape);
  if (!torchShape.every((s) => Number.isInteger(s) && s >= 0)) {
    throw new ShapeError({ op, argument: 'weight', allowed: 'a shape of non-negative integers', received: torchShape });
  }
  checkGroups(kind, groups, op);
  // torch's _ConvNd requires out_channels % groups == 0 for conv (axis 0 is out) and
  // in_channels % groups == 0 for convTranspose (axis 0 is in); either way it is axis 0.
  if (kind !== 'linear' && torchShape[0] % groups !== 0) {
    throw new ShapeError({
      op,
      argument: 'groups',
      allowed: `a positive integer dividing the weight's first axis (${torchShape[0]})`,
      received: groups,
    });
  }
}

function range(from: number, to: number): number[] {
  return Array.from({ length: Math.max(to - from, 0) }, (_, i) => from + i);
}

/**
 * Steps from the torch layout to channels-last `[out, *k, in/groups]` (MLX's conv layout;
 * linear stays `[out, in]`), with the resulting shape.
 */
function forwardPlan(kind: LayerKind, torchShape: readonly number[], groups: number): LayoutStep[] {
  const n = torchShape.length;
  if (kind === 'linear') return [];
  if (kind === 'conv') return [{ kind: 'permute', perm: [0, ...range(2, n), 1] }];
  if (groups === 1) return [{ kind: 'permute', perm: [...range(1, n), 0] }];
  // Grouped convTranspose: axis 0 is G*ig, laid out group-major, and axis 1 is og. The
  // channels-last weight wants G*og first and ig last, so axis 0 must be split into (G, ig),
  // ig moved to the end, and G merged with og. No single permutation of the 2+k torch axes
  // does that, hence reshape → permute → reshape.
  const [inChannels, outPerGroup, ...kernel] = torchShape;
  const inPerGroup = inChannels / groups;
  return [
    { kind: 'reshape', shape: [groups, inPerGroup, outPerGroup, ...kernel] },
    { kind: 'permute', perm: [0, ...range(2, n + 1), 1] },
    { kind: 'reshape', shape: [groups * outPerGroup, ...kernel, inPerGroup] },
  ];
}

/** Runs steps on a shape only, recording the shape each step starts from. */
function traceShapes(shape: readonly number[], steps: readonly LayoutStep[]): number[][] {
  const shapes = [[...shape]];
  for (const step of steps) {
    const cur = shapes[shapes.length - 1];
    shapes.push(step.kind === 'reshape' ? [...step.shape] : step.perm.map((p) => cur[p]));
  }
  return shapes;
}

/**
 * The reshape/permute steps that turn a torch-layout weight of `torchShape` into the
 * channels-last layout `[out, *k, in/groups]` that channels-last GPU backends (MLX-style) prefer.
 *
 * - `linear`: no steps; `[out, in]` already is the target.
 * - `conv`: one permute `[0, 2, …, n-1, 1]`.
 * - `convTranspose`, groups 1: one permute `[1, 2, …, n-1, 0]`.
 * - `convTranspose`, groups G > 1: `[G*ig, og, *k]` → reshape `[G, ig, og, *k]` → permute
 *   `[0, 2, …, n, 1]` → reshape `[G*og, *k, ig]`.
 *
 * @throws ShapeError for a rank the kind cannot have, a negative or fractional size, or `groups`
 *   that is not a positive integer dividing axis 0 (1 for linear).
 *
 * @example
 * // A Conv1d weight [out=8, in=4, k=3] becomes [8, 3, 4].
 * const plan = toChannelsLastPlan('conv', [8, 4, 3]);
 * plan.shape; // [8, 3, 4]
 * const { data } = applyLayoutSteps(weight, [8, 4, 3], plan.steps);
 */
export function toChannelsLastPlan(
  kind: LayerKind,
  torchShape: readonly number[],
  groups = 1,
): { shape: number[]; steps: LayoutStep[] } {
  checkTorchShape(kind, torchShape, groups, 'toChannelsLastPlan');
  const steps = forwardPlan(kind, torchShape, groups);
  const shapes = traceShapes(torchShape, steps);
  return { shape: shapes[shapes.length - 1], steps };
}

/**
 * The inverse of {@link toChannelsLastPlan}: steps that take a channels-last weight back to the
 * torch layout of `torchShape` (the returned `shape`), e.g. to save a state dict torch can load.
 *
 * Built by undoing the forward steps in reverse order (a permute by its inverse permutation, a
 * reshape by a reshape to the shape it started from), so the two plans cannot drift apart.
 *
 * @example
 * // Back from channels-last [8, 3, 4] to the torch layout [8, 4, 3] before saving.
 * const plan = fromChannelsLastPlan('conv', [8, 4, 3]);
 * const { data, shape } = applyLayoutSteps(channelsLast, [8, 3, 4], plan.steps);
 * shape; // [8, 4, 3]
 */
export function fromChannelsLastPlan(
  kind: LayerKind,
  torchShape: readonly number[],
  groups = 1,
): { shape: number[]; steps: LayoutStep[] } {
  checkTorchShape(kind, torchShape, groups, 'fromChannelsLastPlan');
  const forward = forwardPlan(kind, torchShape, groups);
  const shapes = traceShapes(torchShape, forward);
  const steps: LayoutStep[] = [];
  for (let i = forward.length - 1; i >= 0; i--) {
    const step = forward[i];
    if (step.kind === 'reshape') {
      steps.push({ kind: 'reshape', shape: [...shapes[i]] });
    } else {
      const inverse = new Array<number>(step.perm.length);
      step.perm.forEach((p, j) => (inverse[p] = j));
      steps.push({ kind: 'permute', perm: inverse });
    }
  }
  return { shape: [...torchShape], steps };
}

/**
 * Where weight norm's kept axis of the torch layout lands in the channels-last layout, so a
 * backend that stores weights channels-last computes the same per-channel norms torch does.
 * `null` (whole-tensor norm) stays `null`: a norm over every element ignores layout.
 *
 * - `linear`: identity.
 * - `conv` `[out, in/g, *k]` → `[out, *k, in/g]`: 0 → 0, 1 → ndim-1, kernel axis i → i-1.
 * - `convTranspose` groups 1, `[in, out, *k]` → `[out, *k, in]`: 0 → ndim-1, 1 → 0,
 *   kernel axis i → i-1.
 * - `convTranspose` groups > 1: kernel axes still map i → i-1, but axes 0 and 1 have no image.
 *   Torch axis 0 (size G*ig) is split into (G, ig) and its two halves end up on different
 *   channels-last axes (G inside axis 0, ig last); axis 1 (og) is merged with G into axis 0.
 *   Keeping either one would need a norm that keeps two axes (or a slice of one), which a
 *   single-axis reduction cannot express, so this throws rather than return a wrong axis. The
 *   torch default (`dim=0`) hits this, so such weights must be normalised in torch layout.
 *
 * @param axis A kept axis already resolved by `weightNormAxis`, in `[0, ndim-1]`, or null.
 * @param op The public op to name in errors.
 * @throws AxisError for an axis outside `[0, ndim-1]` or axes 0/1 of a grouped convTranspose.
 * @throws ShapeError for a rank the kind cannot have or a non-positive-integer `groups`.
 *
 * @example
 * channelsLastAxis('conv', 3, 0); // 0: output channels stay first
 * channelsLastAxis('conv', 3, 1); // 2: input channels move last
 * channelsLastAxis('convTranspose', 3, 0); // 2
 */
export function channelsLastAxis(
  kind: LayerKind,
  ndim: number,
  axis: number | null,
  groups = 1,
  op = 'channelsLastAxis',
): number | null {
  checkKind(kind, op);
  checkRank(kind, ndim, op, ndim);
  checkGroups(kind, groups, op);
  if (axis !== null && !(Number.isInteger(axis) && axis >= 0 && axis < ndim)) {
    throw new AxisError({
      op,
      argument: 'dim',
      allowed: `null or an axis in [0, ${ndim - 1}] of a ${ndim}-d weight`,
      received: axis,
    });
  }
  if (axis === null || kind === 'linear') return axis;
  if (axis >= 2) return axis - 1;
  if (kind === 'conv') return axis === 0 ? 0 : ndim - 1;
  if (groups === 1) return axis === 0 ? ndim - 1 : 0;
  throw new AxisError({
    op,
    argument: 'dim',
    allowed:
      `null (whole-tensor norm) or a kernel axis in [2, ${ndim - 1}] for a grouped convTranspose weight ` +
      `(groups=${groups} splits axes 0 and 1 across the channels-last layout)`,
    received: axis,
  });
}
