/** What every weightnorm error carries, so callers can react without parsing messages. */
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

/** Renders a received value compactly: shapes as `[2, 3]`, strings quoted, long arrays cut. */
export function formatReceived(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) {
    const head = value.slice(0, 8).map(formatReceived).join(', ');
    return `[${head}${value.length > 8 ? `, … (${value.length} items)` : ''}]`;
  }
  if (value === null || value === undefined || typeof value !== 'object') return String(value);
  const name = (value as object).constructor?.name;
  return name && name !== 'Object' ? `a ${name}` : JSON.stringify(value);
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
