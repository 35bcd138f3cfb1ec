import type { TorchStorageType } from './torch-storage-types.js';

/** A module-level name the pickle referred to (only allow-listed ones are ever created). */
export interface PickleGlobal {
  readonly kind: 'global';
  readonly module: string;
  readonly name: string;
}

/** A storage record of a torch zip checkpoint: `<archive>/data/<key>`, `numel` elements of `type`. */
export interface PickleStorage {
  readonly kind: 'storage';
  readonly type: TorchStorageType;
  readonly key: string;
  readonly numel: number;
}

/** A tensor view of a storage, as torch._utils._rebuild_tensor_v2 describes it; nothing is copied yet. */
export interface PickleTensor {
  readonly kind: 'tensor';
  readonly storage: PickleStorage;
  readonly offset: number;
  readonly shape: number[];
  readonly stride: number[];
}

export interface PickleTuple {
  readonly kind: 'tuple';
  readonly items: PickleValue[];
}

export interface PickleList {
  readonly kind: 'list';
  readonly items: PickleValue[];
}

/** A dict or OrderedDict; both keep insertion order. Keys are strings or integers. */
export interface PickleDict {
  readonly kind: 'dict';
  readonly entries: Map<string | number, PickleValue>;
}

/** Every value the restricted unpickler can produce. */
export type PickleValue =
  | null
  | boolean
  | number
  | bigint
  | string
  | PickleGlobal
  | PickleStorage
  | PickleTensor
  | PickleTuple
  | PickleList
  | PickleDict;
