/** A case this contender cannot compute (an API it lacks); shown as "n/a: reason", never an error. */
export class UnsupportedCaseError extends Error {
  override readonly name = 'UnsupportedCaseError';
}
