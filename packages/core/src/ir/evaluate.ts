import type { Backend } from '../backend/backend.js';
import type { HostArray } from '../dtype/dtype.js';
import { nameInputs, type OpName } from '../backend/ops.js';
import { currentBackend } from '../backend/registry.js';
import { BackendError, WeightnormError } from '../errors/index.js';
import { COMPOSITES } from '../ops/composites/index.js';
import { DataRef } from './data-ref.js';
import { findChains } from './find-chains.js';
import { Tensor } from './tensor.js';

// One evaluation at a time: two overlapping ones could both compute (and leak) a shared node.
let queue: Promise<unknown> = Promise.resolve();

/**
 * Computes the given tensors on the active backend in one pass over their joint graph, so shared
 * subgraphs run once. Their storage is kept until they are disposed or collected; intermediate
 * storage is freed as soon as its last consumer has run.
 *
 * @example
 * await evaluate(loss, output); // one pass, both ready
 */
export function evaluate(...targets: Tensor[]): Promise<void> {
  return exclusive(async () => {
    await evaluateOn(await currentBackend(), targets);
  });
}

/**
 * @internal Evaluates `t` and reads it back inside one turn of the queue, so no other evaluation
 * (a backend switch moving its data) can free the storage between compute and read.
 */
export function evaluateAndRead(t: Tensor): Promise<HostArray> {
  return exclusive(async () => {
    await evaluateOn(await currentBackend(), [t]);
    const ref = t.ref!;
    return ref.backend.read(ref.storage, t.dtype, t.size);
  });
}

function exclusive<T>(job: () => Promise<T>): Promise<T> {
  const run = queue.then(job);
  queue = run.catch(() => undefined);
  return run;
}

async function evaluateOn(backend: Backend, targets: readonly Tensor[]): Promise<void> {
  try {
    await realize(backend, targets);
  } finally {
    await backend.flush?.();
  }
}

/** @internal Realizes `targets` on `backend`; does not flush (composites nest inside one evaluation). */
export async function realize(backend: Backend, targets: readonly Tensor[]): Promise<void> {
  const { order, sources } = schedule(backend, targets);
  for (const node of sources) await moveTo(backend, node);

  const consumers = new Map<Tensor, number>();
  for (const node of order) for (const input of node.inputs) consumers.set(input, (consumers.get(input) ?? 0) + 1);
  const computed = new Set(order);
  const wanted = new Set(targets);
  // Elementwise chains the backend runs in one pass: their inner nodes are never computed alone.
  const chains = backend.chains ? findChains(order, consumers, wanted, backend.chains.ops) : new Map<Tensor, Tensor[]>();
  const inner = new Set<Tensor>();
  for (const members of chains.values()) for (const m of members.slice(0, -1)) inner.add(m);

  const release = (node: Tensor) => {
    for (const input of node.inputs) {
      const left = consumers.get(input)! - 1;
      consumers.set(input, left);
      if (left === 0 && computed.has(input) && !wanted.has(input) && !input.keep) input.setRef(null);
    }
  };
  for (const node of order) {
    if (inner.has(node)) continue;
    const members = chains.get(node);
    const fused = members ? runChain(backend, members) : undefined;
    if (fused) {
      node.setRef(fused);
      for (const m of members!) release(m);
      continue;
    }
    // Declined (or no chain): each op's own kernel, the chain's inner nodes first.
    for (const m of members ?? [node]) {
      m.setRef(await runNode(backend, m));
      release(m);
    }
  }
}

/** Runs `members` (an elementwise chain, last node last) through the backend's chain runner, or undefined where it declines. */
function runChain(backend: Backend, members: readonly Tensor[]): DataRef | undefined {
  const index = new Map(members.map((m, k) => [m, k]));
  const inputs: Tensor[] = [];
  const steps = members.map((m) => ({
    op: m.op as OpName,
    attrs: m.attrs,
    dtype: m.dtype,
    args: m.inputs.map((t) => {
      const k = index.get(t);
      if (k !== undefined) return -(k + 1);
      let i = inputs.indexOf(t);
      if (i < 0) i = inputs.push(t) - 1;
      return i;
    }),
  }));
  const last = members[members.length - 1]!;
  let storage: unknown;
  try {
    storage = backend.chains!.run({
      shape: last.shape,
      inputs: inputs.map((t) => ({ storage: t.ref!.storage, shape: t.shape, dtype: t.dtype })),
      steps,
    });
  } catch (e) {
    if (e instanceof WeightnormError) throw e;
    const ops = members.map((m) => m.op).join(' → ');
    throw new BackendError(
      { op: 'evaluate', argument: 'chains', allowed: 'a chain runner that succeeds or declines', received: ops },
      `${backend.name} failed to run the elementwise chain ${ops} on [${last.shape.join(', ')}]: ${e instanceof Error ? e.message : String(e)}`,
    );
  }
  return storage === undefined ? undefined : new DataRef(backend, storage);
}

/** Post-order of the nodes to compute, and the nodes whose data must first move to `backend`. */
function schedule(backend: Backend, targets: readonly Tensor[]): { order: Tensor[]; sources: Tensor[] } {
  const order: Tensor[] = [];
  const sources: Tensor[] = [];
  const seen = new Set<Tensor>();
  // Iterative DFS: model graphs are deep enough to overflow a recursive walk.
  const stack: [Tensor, boolean][] = targets.map((t) => [t, false]);
  while (stack.length > 0) {
    const [node, expanded] = stack.pop()!;
    if (expanded) {
      order.push(node);
      continue;
    }
    if (seen.has(node)) continue;
    seen.add(node);
    if (node.ref?.backend === backend) continue;
    if (node.op === 'Leaf' || node.ref) {
      sources.push(node);
      continue;
    }
    stack.push([node, true]);
    for (let i = node.inputs.length - 1; i >= 0; i--) stack.push([node.inputs[i]!, false]);
  }
  return { order, sources };
}

async function moveTo(backend: Backend, node: Tensor): Promise<void> {
  let host = node.op === 'Leaf' ? node.host : null;
  if (!host && node.ref) host = await node.ref.backend.read(node.ref.storage, node.dtype, node.size);
  if (!host) {
    throw new BackendError({
      op: 'evaluate',
      argument: 'tensor',
      allowed: 'a tensor whose data is still available',
      received: node.toString(),
    });
  }
  node.setRef(new DataRef(backend, backend.upload(host, node.dtype)));
}

async function runNode(backend: Backend, node: Tensor): Promise<DataRef> {
  const op = node.op as Exclude<Tensor['op'], 'Leaf'>;
  // A reshape of dense row-major storage is the same bytes: share them.
  if (op === 'Reshape') return node.inputs[0]!.ref!.retain();

  const kernel = backend.kernels.get(op);
  if (kernel) {
    const inputs = node.inputs.map((t) => ({ storage: t.ref!.storage, shape: t.shape, dtype: t.dtype }));
    try {
      const storage = await kernel.run(backend.context, nameInputs(op, inputs) as never, node.attrs as never, {
        shape: node.shape,
        dtype: node.dtype,
      });
      return new DataRef(backend, storage);
    } catch (e) {
      if (e instanceof WeightnormError) throw e;
      throw new BackendError(
        { op: 'evaluate', argument: 'kernel', allowed: 'a kernel that succeeds', received: op, kernel: op },
        `${backend.name} kernel ${op} failed on ${node.inputs.map((t) => `[${t.shape.join(', ')}]`).join(', ')}: ${
          e instanceof Error ? e.message : String(e)
        }`,
      );
    }
  }

  const composite = COMPOSITES[op as keyof typeof COMPOSITES];
  if (!composite) {
    throw new BackendError({
      op: 'evaluate',
      argument: 'backend',
      allowed: `a backend with a kernel for the required op ${op}`,
      received: backend.name,
      kernel: op,
    });
  }
  // Stand-ins that borrow the inputs' storage, so the composite graph starts from realized leaves.
  const proxies = node.inputs.map((t) => {
    const p = new Tensor('Leaf', [], {}, t.shape, t.dtype);
    p.setRef(t.ref!.retain());
    return p;
  });
  const out = (composite as (inputs: never, attrs: never) => Tensor)(
    nameInputs(op, proxies) as never,
    node.attrs as never,
  );
  await realize(backend, [out]);
  const ref = out.ref!.retain();
  out.dispose();
  for (const p of proxies) p.dispose();
  return ref;
}
