import type { Backend } from '../backend/backend.js';

/**
 * A backend storage shared by the tensors that view it (a reshape aliases its input). The storage
 * goes back to the backend when the last holder lets go.
 */
export class DataRef {
  private holders = 1;
  constructor(
    readonly backend: Backend,
    readonly storage: unknown,
  ) {}

  retain(): this {
    this.holders++;
    return this;
  }

  release(): void {
    if (--this.holders === 0) this.backend.dispose(this.storage);
  }
}

/**
 * GPU memory is invisible to the JS garbage collector, so a realized tensor that is collected
 * hands its storage back here; explicit `dispose()` unregisters first.
 */
export const storageFinalizer = new FinalizationRegistry<DataRef>((ref) => ref.release());
