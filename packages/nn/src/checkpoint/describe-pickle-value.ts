import type { PickleValue } from './pickle-value.js';

/** A short name for a pickled value in error messages. */
export function describePickleValue(value: PickleValue): unknown {
  if (typeof value !== 'object' || value === null) return value;
  switch (value.kind) {
    case 'global':
      return `${value.module}.${value.name}`;
    case 'tuple':
    case 'list':
      return value.items.map((v) => (typeof v === 'object' && v !== null ? `a ${v.kind}` : v));
    default:
      return `a ${value.kind}`;
  }
}
