/**
 * Deep equality of JSON-like values with object keys in any order (what torch's state_dict layout
 * comparison needs, without a test runner's toEqual, so it runs in browsers too).
 *
 * @example
 * jsonEqual({ lr: 1e-3, betas: [0.9, 0.999] }, { betas: [0.9, 0.999], lr: 1e-3 }); // true
 */
export function jsonEqual(a: unknown, b: unknown): boolean {
  return canonical(a) === canonical(b);
}

function canonical(x: unknown): string {
  if (Array.isArray(x)) return `[${x.map(canonical).join(',')}]`;
  if (x !== null && typeof x === 'object') {
    const entries = Object.entries(x as Record<string, unknown>).filter(([, v]) => v !== undefined);
    return `{${entries.sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0)).map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return JSON.stringify(x) ?? 'undefined';
}
