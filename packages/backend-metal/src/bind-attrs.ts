/**
 * Flattens an op's attributes into what the addon reads: every number list flat (Conv's padding
 * pairs become [b0, a0, b1, a1, …]), a number as a one-item list, null as an empty list, strings as
 * they are. Per-op meaning stays in the C++ host code (native/ops), so this is the same for all ops.
 */
export function bindAttrs(op: string, attrs: object): Record<string, number[] | string> {
  const bound: Record<string, number[] | string> = {};
  for (const [key, value] of Object.entries(attrs)) {
    if (typeof value === 'string') bound[key] = value;
    else if (value === null) bound[key] = [];
    else if (typeof value === 'number') bound[key] = [value];
    else if (Array.isArray(value)) bound[key] = (value as unknown[]).flat(2).map((v) => checkNumber(op, key, v));
    else throw new TypeError(`${op}: attribute ${key} must be a number, string, null or array; received ${typeof value}`);
  }
  return bound;
}

function checkNumber(op: string, key: string, v: unknown): number {
  if (typeof v !== 'number') throw new TypeError(`${op}: attribute ${key} must hold numbers; received ${typeof v}`);
  return v;
}
