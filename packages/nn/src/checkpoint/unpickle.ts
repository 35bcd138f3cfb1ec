import { ptFail } from './checkpoint-fail.js';
import type { PickleDict, PickleGlobal, PickleValue } from './pickle-value.js';
import { describePickleValue as describe } from './describe-pickle-value.js';
import { rebuildTensor } from './rebuild-tensor.js';
import { torchStorageType } from './torch-storage-types.js';

/**
 * The only globals a state dict needs. Anything else (os.system, builtins.eval, a model class) is
 * refused by name, before it could be called: nothing in a pickle is ever executed here.
 */
const ALLOWED_GLOBALS = new Set([
  'collections.OrderedDict',
  'torch._utils._rebuild_tensor_v2',
  'torch._utils._rebuild_parameter',
  'torch._utils._rebuild_parameter_with_state',
  'torch.FloatStorage',
  'torch.HalfStorage',
  'torch.BFloat16Storage',
  'torch.DoubleStorage',
  'torch.IntStorage',
  'torch.LongStorage',
]);

const latin1 = new TextDecoder('latin1');
const utf8 = new TextDecoder('utf-8', { fatal: true });
const MARK = Symbol('mark');
type Slot = PickleValue | typeof MARK;

/** Opcode names for error messages, for the opcodes pickle defines but this reader refuses. */
const REFUSED: Record<number, string> = {
  0x69: 'INST', 0x6f: 'OBJ', 0x81: 'NEWOBJ', 0x92: 'NEWOBJ_EX', 0x82: 'EXT1', 0x83: 'EXT2', 0x84: 'EXT4',
  0x50: 'PERSID', 0x8b: 'LONG4', 0x42: 'BINBYTES', 0x43: 'SHORT_BINBYTES', 0x8e: 'BINBYTES8', 0x96: 'BYTEARRAY8',
  0x97: 'NEXT_BUFFER', 0x98: 'READONLY_BUFFER', 0x53: 'STRING', 0x54: 'BINSTRING', 0x55: 'SHORT_BINSTRING',
  0x56: 'UNICODE', 0x49: 'INT', 0x4c: 'LONG', 0x46: 'FLOAT', 0x70: 'PUT', 0x67: 'GET', 0x64: 'DICT', 0x6c: 'LIST',
  0x8f: 'EMPTY_SET', 0x90: 'ADDITEMS', 0x91: 'FROZENSET', 0x30: 'POP', 0x31: 'POP_MARK', 0x32: 'DUP',
};

/**
 * A restricted unpickler for the data.pkl of a torch zip checkpoint. It understands the opcodes
 * of pickle protocols 2–4 that `torch.save(state_dict)` emits, builds plain descriptions
 * (dicts, tuples, tensor views) instead of objects, resolves persistent ids through
 * `persistentLoad`, and throws a CheckpointError naming the opcode, global or value it refuses.
 * Each opcode consumes at least one byte, so it always terminates in O(file) steps.
 */
export function unpickle(bytes: Uint8Array, persistentLoad: (pid: PickleValue) => PickleValue): PickleValue {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const stack: Slot[] = [];
  const memo = new Map<number, PickleValue>();
  let pos = 0;

  const need = (n: number, what: string): number => {
    if (pos + n > bytes.length) ptFail('data.pkl', `${n} more bytes for ${what} at offset ${pos}`, `${bytes.length - pos} bytes left (truncated pickle)`);
    const at = pos;
    pos += n;
    return at;
  };
  const pop = (what: string): PickleValue => {
    const v = stack.pop();
    if (v === undefined || v === MARK) ptFail('data.pkl', `a value on the stack for ${what} at offset ${pos - 1}`, v === MARK ? 'a mark' : 'an empty stack');
    return v;
  };
  const top = (what: string): PickleValue => {
    const v = stack[stack.length - 1];
    if (v === undefined || v === MARK) ptFail('data.pkl', `a value on the stack for ${what} at offset ${pos - 1}`, v === MARK ? 'a mark' : 'an empty stack');
    return v;
  };
  const popMark = (what: string): PickleValue[] => {
    const at = stack.lastIndexOf(MARK);
    if (at < 0) ptFail('data.pkl', `a MARK before ${what} at offset ${pos - 1}`, 'none');
    return stack.splice(at).slice(1) as PickleValue[];
  };
  const text = (n: number, what: string): string => {
    const at = need(n, what);
    try {
      return utf8.decode(bytes.subarray(at, at + n));
    } catch {
      return ptFail('data.pkl', `UTF-8 text for ${what} at offset ${at}`, `${n} bytes that are not UTF-8`);
    }
  };
  const line = (what: string): string => {
    const end = bytes.indexOf(0x0a, pos);
    if (end < 0) ptFail('data.pkl', `a newline-terminated ${what} at offset ${pos}`, 'the end of the pickle');
    const s = latin1.decode(bytes.subarray(pos, end));
    pos = end + 1;
    return s;
  };
  const put = (index: number): void => {
    memo.set(index, top('a memo PUT'));
  };
  const get = (index: number): void => {
    const v = memo.get(index);
    if (v === undefined) ptFail('data.pkl', `a memo index stored earlier (GET at offset ${pos - 1})`, index);
    stack.push(v);
  };
  const findGlobal = (module: string, name: string): PickleGlobal => {
    const full = `${module}.${name}`;
    if (!ALLOWED_GLOBALS.has(full)) {
      ptFail('pickle global', `one of ${[...ALLOWED_GLOBALS].join(', ')} (loading never runs code from the file)`, full);
    }
    return { kind: 'global', module, name };
  };
  const setItem = (dict: PickleValue, key: PickleValue, value: PickleValue): void => {
    if (typeof dict !== 'object' || dict === null || dict.kind !== 'dict') ptFail('data.pkl', 'a dict as the target of SETITEM(S)', describe(dict));
    if (typeof key !== 'string' && !(typeof key === 'number' && Number.isSafeInteger(key))) {
      ptFail('dict key', 'a string or an integer', describe(key));
    }
    if (dict.entries.has(key)) ptFail(`dict key ${JSON.stringify(key)}`, 'a key set once per dict', 'a second value');
    dict.entries.set(key, value);
  };

  for (;;) {
    const op = bytes[need(1, 'an opcode')]!;
    switch (op) {
      case 0x80: // PROTO
        if (bytes[need(1, 'PROTO')]! > 5) ptFail('pickle protocol', 'at most 5', bytes[pos - 1]);
        break;
      case 0x95: // FRAME: a length hint only
        need(8, 'FRAME');
        break;
      case 0x2e: // STOP
        if (stack.length !== 1 || stack[0] === MARK) ptFail('data.pkl', 'exactly one value on the stack at STOP', `${stack.length} entries`);
        return stack[0] as PickleValue;
      case 0x28: // MARK
        stack.push(MARK);
        break;
      case 0x4e: // NONE
        stack.push(null);
        break;
      case 0x88: // NEWTRUE
        stack.push(true);
        break;
      case 0x89: // NEWFALSE
        stack.push(false);
        break;
      case 0x4b: // BININT1
        stack.push(bytes[need(1, 'BININT1')]!);
        break;
      case 0x4d: // BININT2
        stack.push(view.getUint16(need(2, 'BININT2'), true));
        break;
      case 0x4a: // BININT
        stack.push(view.getInt32(need(4, 'BININT'), true));
        break;
      case 0x8a: { // LONG1: n little-endian two's-complement bytes
        const n = bytes[need(1, 'LONG1')]!;
        if (n > 8) ptFail('data.pkl', 'a LONG1 of at most 8 bytes', `${n} bytes`);
        const at = need(n, 'LONG1');
        let v = 0n;
        for (let i = n - 1; i >= 0; i--) v = (v << 8n) | BigInt(bytes[at + i]!);
        if (n > 0 && bytes[at + n - 1]! & 0x80) v -= 1n << BigInt(8 * n);
        stack.push(v >= BigInt(Number.MIN_SAFE_INTEGER) && v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v);
        break;
      }
      case 0x47: // BINFLOAT, big-endian
        stack.push(view.getFloat64(need(8, 'BINFLOAT'), false));
        break;
      case 0x58: // BINUNICODE
        stack.push(text(view.getUint32(need(4, 'BINUNICODE'), true), 'BINUNICODE'));
        break;
      case 0x8c: // SHORT_BINUNICODE
        stack.push(text(bytes[need(1, 'SHORT_BINUNICODE')]!, 'SHORT_BINUNICODE'));
        break;
      case 0x8d: { // BINUNICODE8
        const n = view.getBigUint64(need(8, 'BINUNICODE8'), true);
        if (n > BigInt(bytes.length)) ptFail('data.pkl', `a BINUNICODE8 of at most ${bytes.length} bytes`, n);
        stack.push(text(Number(n), 'BINUNICODE8'));
        break;
      }
      case 0x29: // EMPTY_TUPLE
        stack.push({ kind: 'tuple', items: [] });
        break;
      case 0x85: // TUPLE1
      case 0x86: // TUPLE2
      case 0x87: { // TUPLE3
        const n = op - 0x84;
        const items: PickleValue[] = [];
        for (let i = 0; i < n; i++) items.unshift(pop(`TUPLE${n}`));
        stack.push({ kind: 'tuple', items });
        break;
      }
      case 0x74: // TUPLE
        stack.push({ kind: 'tuple', items: popMark('TUPLE') });
        break;
      case 0x5d: // EMPTY_LIST
        stack.push({ kind: 'list', items: [] });
        break;
      case 0x7d: // EMPTY_DICT
        stack.push({ kind: 'dict', entries: new Map() });
        break;
      case 0x61: { // APPEND
        const v = pop('APPEND');
        const list = top('APPEND');
        if (typeof list !== 'object' || list === null || list.kind !== 'list') ptFail('data.pkl', 'a list as the target of APPEND', describe(list));
        list.items.push(v);
        break;
      }
      case 0x65: { // APPENDS
        const items = popMark('APPENDS');
        const list = top('APPENDS');
        if (typeof list !== 'object' || list === null || list.kind !== 'list') ptFail('data.pkl', 'a list as the target of APPENDS', describe(list));
        list.items.push(...items);
        break;
      }
      case 0x73: { // SETITEM
        const value = pop('SETITEM');
        const key = pop('SETITEM');
        setItem(top('SETITEM'), key, value);
        break;
      }
      case 0x75: { // SETITEMS
        const items = popMark('SETITEMS');
        if (items.length % 2) ptFail('data.pkl', 'key/value pairs for SETITEMS', `${items.length} values`);
        const dict = top('SETITEMS');
        for (let i = 0; i < items.length; i += 2) setItem(dict, items[i]!, items[i + 1]!);
        break;
      }
      case 0x71: // BINPUT
        put(bytes[need(1, 'BINPUT')]!);
        break;
      case 0x72: // LONG_BINPUT
        put(view.getUint32(need(4, 'LONG_BINPUT'), true));
        break;
      case 0x94: // MEMOIZE
        put(memo.size);
        break;
      case 0x68: // BINGET
        get(bytes[need(1, 'BINGET')]!);
        break;
      case 0x6a: // LONG_BINGET
        get(view.getUint32(need(4, 'LONG_BINGET'), true));
        break;
      case 0x63: { // GLOBAL "module\nname\n"
        const module = line('GLOBAL module');
        stack.push(findGlobal(module, line('GLOBAL name')));
        break;
      }
      case 0x93: { // STACK_GLOBAL
        const name = pop('STACK_GLOBAL');
        const module = pop('STACK_GLOBAL');
        if (typeof module !== 'string' || typeof name !== 'string') ptFail('data.pkl', 'two strings for STACK_GLOBAL', [describe(module), describe(name)]);
        stack.push(findGlobal(module, name));
        break;
      }
      case 0x51: // BINPERSID
        stack.push(persistentLoad(pop('BINPERSID')));
        break;
      case 0x52: { // REDUCE
        const args = pop('REDUCE');
        const fn = pop('REDUCE');
        stack.push(reduce(fn, args));
        break;
      }
      case 0x62: { // BUILD
        const state = pop('BUILD');
        const target = top('BUILD');
        // An OrderedDict state dict carries `_metadata` (per-module versions) as instance state; the
        // tensors are all in the items, so the state is dropped.
        if (typeof target !== 'object' || target === null || target.kind !== 'dict' || typeof state !== 'object' || state === null || state.kind !== 'dict') {
          ptFail('data.pkl', 'BUILD only on a dict, with a dict of attributes', [describe(target), describe(state)]);
        }
        break;
      }
      default:
        ptFail('pickle opcode', 'one of the opcodes a torch state dict uses', `${REFUSED[op] ?? 'unknown opcode'} 0x${op.toString(16).padStart(2, '0')} at offset ${pos - 1}`);
    }
  }
}

/** REDUCE on an allow-listed global: builds the description, never calls anything. */
function reduce(fn: PickleValue, args: PickleValue): PickleValue {
  if (typeof fn !== 'object' || fn === null || fn.kind !== 'global') ptFail('data.pkl', 'a global as the callable of REDUCE', describe(fn));
  if (typeof args !== 'object' || args === null || args.kind !== 'tuple') ptFail('data.pkl', 'a tuple of arguments for REDUCE', describe(args));
  const full = `${fn.module}.${fn.name}`;
  const items = args.items;
  switch (full) {
    case 'collections.OrderedDict':
      if (items.length !== 0) ptFail('OrderedDict arguments', 'none (items follow as SETITEMS)', items.length);
      return { kind: 'dict', entries: new Map() } satisfies PickleDict;
    case 'torch._utils._rebuild_tensor_v2':
      return rebuildTensor(items);
    case 'torch._utils._rebuild_parameter':
    case 'torch._utils._rebuild_parameter_with_state': {
      const data = items[0];
      if (typeof data !== 'object' || data === null || data.kind !== 'tensor') ptFail(`${fn.name} data`, 'a tensor', describe(data ?? null));
      return data;
    }
    default:
      // Storage classes are only valid inside a persistent id.
      return ptFail('REDUCE callable', 'OrderedDict, _rebuild_tensor_v2 or _rebuild_parameter', torchStorageType(fn.name) ? full : describe(fn));
  }
}
