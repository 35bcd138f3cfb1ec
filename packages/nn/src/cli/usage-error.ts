/** A bad command line (exit 2), as opposed to a bad file. */
export class UsageError extends Error {
  override name = 'UsageError';
}
