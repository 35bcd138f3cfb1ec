/** A case this contender would run but cannot here (a backend that failed to load). */
export class UnavailableError extends Error {
  override readonly name = 'UnavailableError';
}
