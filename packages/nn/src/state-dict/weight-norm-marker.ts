/**
 * Tags a module as a weight-norm wrapper without importing its class (module.ts and the wrapper
 * would import each other otherwise).
 */
export const WEIGHT_NORM = Symbol.for('weightnorm.WeightNormWrapper');

export interface WeightNormMarked {
  readonly [WEIGHT_NORM]: { readonly name: string };
}

export function weightNormNameOf(module: object): string | undefined {
  return (module as Partial<WeightNormMarked>)[WEIGHT_NORM]?.name;
}
