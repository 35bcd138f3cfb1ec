export { normalizeDim, normalizeAxes } from './normalize-dim.js';
export { weightNormAxis, normExceptDimShape, reducedAxes } from './norm-except-dim.js';
export {
  toChannelsLastPlan,
  fromChannelsLastPlan,
  channelsLastAxis,
  type LayerKind,
  type LayoutStep,
} from './weight-layout.js';
export { applyLayoutSteps } from './apply-layout-steps.js';
