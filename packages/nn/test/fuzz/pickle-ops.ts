/** A tiny pickle assembler for hand-made data.pkl files: each helper returns the opcode bytes. */
const enc = new TextEncoder();
const u32 = (n: number) => [n & 0xff, (n >>> 8) & 0xff, (n >>> 16) & 0xff, (n >>> 24) & 0xff];

export const P = {
  proto: (v = 2) => [0x80, v],
  stop: () => [0x2e],
  mark: () => [0x28],
  none: () => [0x4e],
  bool: (b: boolean) => [b ? 0x88 : 0x89],
  emptyDict: () => [0x7d],
  emptyList: () => [0x5d],
  emptyTuple: () => [0x29],
  tuple: () => [0x74],
  tuple2: () => [0x86],
  str: (s: string) => {
    const b = enc.encode(s);
    return [0x58, ...u32(b.length), ...b];
  },
  int: (n: number) => [0x4a, ...u32(n)],
  long1: (bytes: number[]) => [0x8a, bytes.length, ...bytes],
  global: (module: string, name: string) => [0x63, ...enc.encode(`${module}\n${name}\n`)],
  reduce: () => [0x52],
  build: () => [0x62],
  binpersid: () => [0x51],
  setitem: () => [0x73],
  setitems: () => [0x75],
  append: () => [0x61],
  binput: (i: number) => [0x71, i],
  binget: (i: number) => [0x68, i],
};

/** Concatenates opcode byte lists into a data.pkl. */
export function pickle(...ops: number[][]): Uint8Array {
  return Uint8Array.from(ops.flat());
}

/** `_rebuild_tensor_v2(('storage', torch.<type>, key, 'cpu', numel), offset, size, stride, False, OrderedDict())`. */
export function tensorOps(type: string, key: string, numel: number, offset: number, size: number[], stride: number[]): number[][] {
  const ints = (xs: number[]) => [P.mark(), ...xs.map(P.int), P.tuple()];
  return [
    P.global('torch._utils', '_rebuild_tensor_v2'),
    P.mark(),
    P.mark(), P.str('storage'), P.global('torch', type), P.str(key), P.str('cpu'), P.int(numel), P.tuple(),
    P.binpersid(),
    P.int(offset),
    ...ints(size),
    ...ints(stride),
    P.bool(false),
    P.global('collections', 'OrderedDict'), P.emptyTuple(), P.reduce(),
    P.tuple(),
    P.reduce(),
  ].flat().map((b) => [b]);
}

/** A torch-style zip checkpoint's entries: archive/data.pkl, storages, archive/version. */
export function ptEntries(pkl: Uint8Array, storages: Record<string, Uint8Array>): [string, Uint8Array][] {
  return [
    ['archive/data.pkl', pkl],
    ...Object.entries(storages).map(([k, v]) => [`archive/data/${k}`, v] as [string, Uint8Array]),
    ['archive/version', enc.encode('3\n')],
  ];
}

/** The pickle of {name: float32 tensor [n] in storage "0"}. */
export function oneTensorPickle(name: string, n: number): Uint8Array {
  return pickle(P.proto(), P.emptyDict(), P.str(name), ...tensorOps('FloatStorage', '0', n, 0, [n], [1]), P.setitem(), P.stop());
}
