/**
 * Ops core could compose that this backend must run as its own kernels (ConvWeightGrad has no
 * kernel here yet and runs as core's composite).
 */
export const NATIVE = ['Sigmoid', 'Conv', 'ConvTranspose', 'WeightNorm', 'WeightNormGradG', 'WeightNormGradV'] as const;
