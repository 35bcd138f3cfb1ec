/** Ops core could compose that this backend must run as its own kernels (nothing falls to composites). */
export const NATIVE = ['Sigmoid', 'Conv', 'ConvTranspose', 'WeightNorm', 'WeightNormGradG', 'WeightNormGradV'] as const;
