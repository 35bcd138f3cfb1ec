/**
 * What every weightnorm error carries, so callers can react without parsing messages.
 *
 * @example
 * const { op, argument, allowed, received } = error as ErrorDetails;
 */
export interface ErrorDetails {
  /** The public function or layer that rejected the input, e.g. `weightNorm` or `Conv1d.forward`. */
  readonly op: string;
  /** The argument at fault, named as the user wrote it (`dim`, `input`, `weight_g`). */
  readonly argument: string;
  /** What would have been accepted, in words: `an integer in [-3, 2] for a 3-d weight`. */
  readonly allowed: string;
  /** What was actually passed. */
  readonly received: unknown;
}

/**
 * Renders a received value compactly: shapes as `[2, 3]`, strings quoted, long arrays cut.
 *
 * @example
 * formatReceived([2, 3]); // '[2, 3]'
 */
export function formatReceived(value: unknown, depth = 0): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 200 ? `${value.slice(0, 200)}…` : value);
  // Received values can come from untrusted files (a 100 000-deep JSON array in a checkpoint
  // header): nesting is cut off so building the message can never overflow the stack.
  if (depth >= 4 && value !== null && typeof value === 'object') return Array.isArray(value) ? '[…]' : '{…}';
  if (Array.isArray(value)) {
    const head = value.slice(0, 8).map((item) => formatReceived(item, depth + 1)).join(', ');
    return `[${head}${value.length > 8 ? `, … (${value.length} items)` : ''}]`;
  }
  if (value === null || value === undefined || typeof value !== 'object') return String(value);
  const name = (value as object).constructor?.name;
  if (name && name !== 'Object') return `a ${name}`;
  const entries = Object.entries(value as Record<string, unknown>);
  const head = entries.slice(0, 8).map(([k, v]) => `${JSON.stringify(k)}: ${formatReceived(v, depth + 1)}`).join(', ');
  return `{${head}${entries.length > 8 ? `, … (${entries.length} keys)` : ''}}`;
}

/**
 * Base class of every error weightnorm throws on bad input.
 *
 * The message always reads `op: argument must be allowed; received value`, so a user can see
 * what to change without opening the source.
 *
 * @example
 * try { weightNorm(layer, { dim: 3 }); } catch (e) { if (e instanceof WeightnormError) console.log(e.argument); }
 */
export class WeightnormError extends Error implements ErrorDetails {
  readonly op: string;
  readonly argument: string;
  readonly allowed: string;
  readonly received: unknown;

  constructor(details: ErrorDetails, message?: string) {
    super(
      message ??
        `${details.op}: ${details.argument} must be ${details.allowed}; received ${formatReceived(details.received)}`,
    );
    this.name = new.target.name;
    this.op = details.op;
    this.argument = details.argument;
    this.allowed = details.allowed;
    this.received = details.received;
  }
}
