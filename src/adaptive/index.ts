// The adaptive concurrency concern, re-exported for the public index and simulations.
export { AdaptiveLimiter, adaptiveLimit } from './limiter.js';
export { AdaptivePermit, type PermitOutcome } from './permit.js';
export { vegas, type VegasOptions, type VegasState } from './algorithms/vegas.js';
export type { VegasCut } from './algorithms/vegas-baseline.js';
export { gradient2, type Gradient2Options, type Gradient2State } from './algorithms/gradient2.js';
export type { LimitAlgorithm, LimitUpdate, WindowSummary } from './algorithms/algorithm.js';
export type { AdaptiveLimiterOptions, AlgorithmName } from './options.js';
