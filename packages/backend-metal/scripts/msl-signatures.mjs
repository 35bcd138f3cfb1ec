// Reads what the emulator needs from MSL source, as the Metal compiler would: each kernel's
// parameters with their attributes, the program-scope function constants, and whether a kernel
// synchronizes its threadgroup. Only the 1-d built-ins the kernels use are accepted; anything else
// fails the build with the file and parameter named, rather than binding it wrongly.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';

const BUILTINS = new Set([
  'thread_position_in_grid',
  'thread_position_in_threadgroup',
  'threadgroup_position_in_grid',
  'threads_per_threadgroup',
  'threadgroups_per_grid',
  'threads_per_grid',
]);

function stripComments(src) {
  return src.replace(/\/\*[\s\S]*?\*\//g, ' ').replace(/\/\/[^\n]*/g, ' ');
}

/** Index just past the bracket matching the one at `open`. */
function matchClose(src, open, o, c) {
  let depth = 0;
  for (let i = open; i < src.length; i++) {
    if (src[i] === o) depth++;
    else if (src[i] === c && --depth === 0) return i + 1;
  }
  throw new Error(`unbalanced ${o}${c} from offset ${open}`);
}

function splitTopLevel(list) {
  const parts = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < list.length; i++) {
    const ch = list[i];
    if (ch === '(' || ch === '[' || ch === '<') depth++;
    else if (ch === ')' || ch === ']' || ch === '>') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(list.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(list.slice(start));
  return parts.map((p) => p.trim()).filter((p) => p !== '');
}

function parseParam(file, kernel, text) {
  const m = /^(.*?)\b(\w+)\s*\[\[\s*(\w+)\s*(?:\(\s*(\d+)\s*\))?\s*\]\]$/s.exec(text);
  if (!m) throw new Error(`${file}: kernel ${kernel}: parameter "${text}" has no [[attribute]]`);
  const [, type, name, attr, index] = m;
  if (attr === 'threadgroup') {
    throw new Error(
      `${file}: kernel ${kernel}: declare threadgroup memory in the kernel body (threadgroup float a[N];), not as parameter ${name}`,
    );
  }
  if (attr === 'buffer') {
    if (index === undefined) throw new Error(`${file}: kernel ${kernel}: [[${attr}]] on ${name} needs an index`);
    return { type: type.trim(), name, kind: attr, index: Number(index) };
  }
  if (BUILTINS.has(attr)) {
    if (type.trim() !== 'uint') {
      throw new Error(`${file}: kernel ${kernel}: ${name} [[${attr}]] must be a 1-d uint (the emulator dispatches 1-d grids)`);
    }
    return { type: 'uint', name, kind: 'builtin', builtin: attr };
  }
  throw new Error(`${file}: kernel ${kernel}: attribute [[${attr}]] on ${name} is not supported by the emulator`);
}

/** Parses one .metal file. */
export function parseMetal(path) {
  const file = basename(path);
  const src = stripComments(readFileSync(path, 'utf8'));
  const constants = [];
  for (const m of src.matchAll(/\bconstant\s+(\w+)\s+(\w+)\s*\[\[\s*function_constant\s*\(\s*(\d+)\s*\)\s*\]\]\s*;/g)) {
    constants.push({ type: m[1], name: m[2], index: Number(m[3]) });
  }
  const kernels = [];
  for (const m of src.matchAll(/\bkernel\s+void\s+(\w+)\s*\(/g)) {
    const name = m[1];
    const open = m.index + m[0].length - 1;
    const close = matchClose(src, open, '(', ')');
    const params = splitTopLevel(src.slice(open + 1, close - 1)).map((p) => parseParam(file, name, p));
    const bodyOpen = src.indexOf('{', close);
    const body = src.slice(bodyOpen, matchClose(src, bodyOpen, '{', '}'));
    const synchronizes = /\bthreadgroup_barrier\s*\(/.test(body) || /\bthreadgroup\s+\w+\s+\w+\s*\[/.test(body);
    kernels.push({ name, params, synchronizes });
  }
  return { path, file, constants, kernels };
}
