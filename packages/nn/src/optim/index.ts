export { Optimizer, type OptimizerStateDict, type ParamGroup, type Update, type Hyper } from './optimizer.js';
export { SGD, type SgdOptions } from './sgd.js';
export { Adam, type AdamOptions } from './adam.js';
export { AdamW } from './adam-w.js';
