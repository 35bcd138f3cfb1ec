import type { SafetensorsEntry } from '../safetensors/safetensors-entry.js';
import { ptFail } from './checkpoint-fail.js';
import { materializeTensor } from './materialize-tensor.js';
import type { PickleStorage, PickleTensor, PickleValue } from './pickle-value.js';
import { readZipEntries, type ZipEntry } from './read-zip-entries.js';
import { describePickleValue as describe } from './describe-pickle-value.js';
import { TORCH_STORAGE_TYPES, torchStorageType } from './torch-storage-types.js';
import { unpickle } from './unpickle.js';

/**
 * What a torch checkpoint holds once read: its tensors by dotted key, and the leaves that are not tensors.
 *
 * @example
 * const { tensors, skipped } = readTorchCheckpoint(bytes);
 */
export interface TorchCheckpoint {
  /** Tensors in pickle order, keyed by their dotted path (`generator.ups.0.weight_g` for nested dicts). */
  tensors: Map<string, SafetensorsEntry>;
  /** Non-tensor leaves (step counters, learning rates, strings…), by dotted path, with their value. */
  skipped: Map<string, unknown>;
}

/** Nesting deeper than this is not a checkpoint (and a self-referencing pickle would recurse forever). */
const MAX_DEPTH = 32;

const LEGACY_HINT =
  'a zip checkpoint (torch ≥ 1.6 writes one by default); re-save it with `torch.save(torch.load(path), new_path)` in torch ≥ 1.6';

/** Finds `<archive>/data.pkl`: exactly one, at the top level of the archive. */
function findArchive(entries: Map<string, ZipEntry>): string {
  const roots = [...entries.keys()].filter((n) => /^[^/]+\/data\.pkl$/.test(n)).map((n) => n.slice(0, -'/data.pkl'.length));
  if (roots.length === 1) return roots[0]!;
  if (roots.length === 0 && [...entries.keys()].some((n) => /(^|\/)constants\.pkl$/.test(n))) {
    ptFail('archive', 'a torch.save checkpoint, not a TorchScript archive (torch.jit.save); save model.state_dict() with torch.save', 'a TorchScript archive');
  }
  return ptFail('archive', 'exactly one <name>/data.pkl entry', roots.length ? roots.map((r) => `${r}/data.pkl`) : 'none');
}

/** Resolves a persistent id ('storage', torch.<T>Storage, key, location, numel) to a checked storage record. */
function storageLoader(entries: Map<string, ZipEntry>, archive: string, storages: Map<string, PickleStorage>) {
  return (pid: PickleValue): PickleValue => {
    const items = typeof pid === 'object' && pid !== null && pid.kind === 'tuple' ? pid.items : null;
    if (!items || items.length !== 5 || items[0] !== 'storage') {
      ptFail('persistent id', "a tuple ('storage', storage type, key, location, numel)", describe(pid));
    }
    const [, type, key, location, numel] = items;
    const typeName = typeof type === 'object' && type !== null && type.kind === 'global' && type.module === 'torch' ? torchStorageType(type.name) : undefined;
    if (!typeName) ptFail('persistent id storage type', `one of ${Object.keys(TORCH_STORAGE_TYPES).map((t) => `torch.${t}`).join(', ')}`, describe(type ?? null));
    if (typeof key !== 'string') ptFail('persistent id key', 'a string', describe(key ?? null));
    if (typeof location !== 'string') ptFail('persistent id location', 'a string', describe(location ?? null));
    if (typeof numel !== 'number' || !Number.isSafeInteger(numel) || numel < 0) ptFail('persistent id numel', 'a non-negative safe integer', describe(numel ?? null));
    const known = storages.get(key);
    if (known) {
      if (known.type !== typeName || known.numel !== numel) ptFail(`storage "${key}"`, `the same type and size at every use (${known.type}, ${known.numel})`, `${typeName}, ${numel}`);
      return known;
    }
    const entry = entries.get(`${archive}/data/${key}`);
    if (!entry) ptFail(`storage "${key}"`, `an entry ${archive}/data/${key} in the archive`, 'none');
    const bytes = numel * TORCH_STORAGE_TYPES[typeName].itemSize;
    if (entry.size !== bytes) ptFail(`storage "${key}" size`, `${bytes} bytes (${numel} × ${typeName})`, `${entry.size} bytes`);
    const storage: PickleStorage = { kind: 'storage', type: typeName, key, numel };
    storages.set(key, storage);
    return storage;
  };
}

/** Walks the unpickled object: dicts (and lists/tuples) become dotted paths; tensors and other leaves are sorted out. */
function flatten(root: PickleValue, onTensor: (key: string, t: PickleTensor) => void, skipped: Map<string, unknown>): void {
  if (typeof root !== 'object' || root === null || root.kind !== 'dict') {
    ptFail('checkpoint', 'a dict of tensors (a state dict, or a dict holding one)', describe(root));
  }
  const seen = new Set<string>();
  const todo: [string, PickleValue, number][] = [['', root, 0]];
  while (todo.length) {
    const [path, value, depth] = todo.pop()!;
    if (typeof value === 'object' && value !== null && (value.kind === 'dict' || value.kind === 'list' || value.kind === 'tuple')) {
      if (depth >= MAX_DEPTH) ptFail(`checkpoint key ${JSON.stringify(path)}`, `nesting at most ${MAX_DEPTH} levels deep`, 'deeper nesting');
      const children = value.kind === 'dict' ? [...value.entries] : value.items.map((v, i) => [i, v] as const);
      if (children.length === 0 && path !== '') skipped.set(path, `empty ${value.kind}`);
      // Pushed in reverse so they come off the stack in file order.
      for (let i = children.length - 1; i >= 0; i--) {
        const [k, v] = children[i]!;
        todo.push([path === '' ? String(k) : `${path}.${k}`, v, depth + 1]);
      }
      continue;
    }
    if (seen.has(path)) ptFail(`checkpoint key ${JSON.stringify(path)}`, 'a dotted path used by one value only', 'two values (e.g. "a.b" and {"a": {"b": …}})');
    seen.add(path);
    if (typeof value === 'object' && value !== null && value.kind === 'tensor') onTensor(path, value);
    else skipped.set(path, typeof value === 'object' && value !== null ? `a ${value.kind}` : value);
  }
}

/**
 * Reads a PyTorch zip checkpoint (what `torch.save` writes since 1.6: `<name>/data.pkl`,
 * `<name>/data/<key>` storages, `<name>/version`, optionally `<name>/byteorder`) without running
 * anything from it. The pickle is read by a restricted unpickler that knows only the opcodes and
 * globals a state dict needs; any other global (os.system, a model class) is a CheckpointError
 * naming it. Nested dicts are flattened to dotted keys, so `{'generator': state_dict}` yields
 * `generator.conv_pre.weight_g` …; values that are not tensors are listed in `skipped`.
 *
 * @example
 * const { tensors } = readTorchCheckpoint(new Uint8Array(await readFile('g_02500000.pt')));
 */
export function readTorchCheckpoint(bytes: Uint8Array): TorchCheckpoint {
  if (!(bytes instanceof Uint8Array)) ptFail('bytes', 'a Uint8Array', bytes);
  if (bytes[0] === 0x80) ptFail('format', LEGACY_HINT, 'a raw pickle (the legacy torch.save format of torch < 1.6)');
  if (bytes.length > 262 && new TextDecoder('latin1').decode(bytes.subarray(257, 262)) === 'ustar') {
    ptFail('format', LEGACY_HINT, 'a tar file (the torch < 0.4 save format)');
  }
  if (bytes.length < 4 || bytes[0] !== 0x50 || bytes[1] !== 0x4b) {
    ptFail('format', 'a PyTorch zip checkpoint (starting with the bytes "PK")', `a file starting with ${Array.from(bytes.subarray(0, 4), (b) => b.toString(16).padStart(2, '0')).join(' ') || 'nothing'}`);
  }
  const entries = readZipEntries(bytes);
  const archive = findArchive(entries);
  const byteorder = entries.get(`${archive}/byteorder`);
  if (byteorder) {
    const order = new TextDecoder('latin1').decode(byteorder.read()).trim();
    if (order !== 'little') ptFail('byteorder', '"little" (big-endian checkpoints are not supported)', order);
  }
  const storages = new Map<string, PickleStorage>();
  const root = unpickle(entries.get(`${archive}/data.pkl`)!.read(), storageLoader(entries, archive, storages));
  const found: [string, PickleTensor][] = [];
  const skipped = new Map<string, unknown>();
  flatten(root, (key, t) => found.push([key, t]), skipped);
  const tensors = new Map<string, SafetensorsEntry>();
  for (const [key, t] of found) tensors.set(key, materializeTensor(key, t, entries.get(`${archive}/data/${t.storage.key}`)!.read()));
  return { tensors, skipped };
}
