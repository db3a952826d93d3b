import { findError } from '../core/errors/find-error.js';
import { TimeoutError } from '../core/errors/timeout-error.js';
import { checkFunction, checkOptionsObject, checkPositiveDuration, checkPositiveInteger, rangeError, typeError } from '../core/validate.js';
import { normalizeBlock, type BlockOptions, type NormalizedBlock } from '../policy/block-options.js';
import type { LimitAlgorithm } from './algorithms/algorithm.js';
import { gradient2 } from './algorithms/gradient2.js';
import { vegas } from './algorithms/vegas.js';
import type { WindowRule } from './window.js';

/** Names of the built-in algorithms (with default knobs). */
export type AlgorithmName = 'vegas' | 'gradient2';

/** Options of {@link AdaptiveLimiter}. */
export interface AdaptiveLimiterOptions extends BlockOptions {
  /** Limit before any sample. @defaultValue 20 */
  initialLimit?: number;
  /** The limit never drops below this. @defaultValue 1 */
  minLimit?: number;
  /** The limit never grows above this. @defaultValue 1000 */
  maxLimit?: number;
  /** `'vegas'`, `'gradient2'`, or a configured `vegas({...})` / `gradient2({...})`. @defaultValue 'vegas' */
  algorithm?: AlgorithmName | LimitAlgorithm;
  /** Shortest sample window in ms: the limit changes at most once per window. @defaultValue 250 */
  window?: number;
  /** Fewest outcomes per window. @defaultValue 10 */
  minSamples?: number;
  /** Errors that signal overload and shrink the limit. @defaultValue a `TimeoutError` anywhere in the error */
  isOverload?: (error: unknown) => boolean;
}

/** Validated adaptive limiter settings. */
export interface NormalizedAdaptiveLimiter extends NormalizedBlock, WindowRule {
  readonly initialLimit: number;
  readonly minLimit: number;
  readonly maxLimit: number;
  readonly algorithm: LimitAlgorithm;
  readonly isOverload: (error: unknown) => boolean;
}

/** The default overload signal: the call (or one of its attempts) timed out. */
export function timedOut(error: unknown): boolean {
  return findError(error, TimeoutError) !== undefined;
}

function checkAlgorithm(owner: string, value: unknown): LimitAlgorithm {
  if (value === 'vegas') return vegas();
  if (value === 'gradient2') return gradient2();
  if (typeof value === 'string') rangeError(owner, 'algorithm', "'vegas', 'gradient2' or a LimitAlgorithm", value);
  const a = value as Partial<LimitAlgorithm> | null;
  if (typeof a !== 'object' || a === null || typeof a.update !== 'function' || typeof a.initial !== 'function') {
    typeError(owner, 'algorithm', "'vegas', 'gradient2' or a LimitAlgorithm", value);
  }
  return a as LimitAlgorithm;
}

/** Validates `AdaptiveLimiter(options)`, including the order minLimit ≤ initialLimit ≤ maxLimit. */
export function normalizeAdaptiveLimiter(options: unknown): NormalizedAdaptiveLimiter {
  const owner = 'AdaptiveLimiter';
  const o = checkOptionsObject<AdaptiveLimiterOptions>(owner, options);
  const minLimit = o.minLimit === undefined ? 1 : checkPositiveInteger(owner, 'minLimit', o.minLimit);
  const maxLimit = o.maxLimit === undefined ? Math.max(1000, minLimit) : checkPositiveInteger(owner, 'maxLimit', o.maxLimit);
  if (minLimit > maxLimit) rangeError(owner, 'minLimit', `at most maxLimit (${String(maxLimit)})`, minLimit);
  const initialLimit = o.initialLimit === undefined ? Math.min(maxLimit, Math.max(20, minLimit)) : checkPositiveInteger(owner, 'initialLimit', o.initialLimit);
  if (initialLimit > maxLimit) rangeError(owner, 'initialLimit', `at most maxLimit (${String(maxLimit)})`, initialLimit);
  if (initialLimit < minLimit) rangeError(owner, 'initialLimit', `at least minLimit (${String(minLimit)})`, initialLimit);
  return {
    ...normalizeBlock(owner, o),
    initialLimit,
    minLimit,
    maxLimit,
    algorithm: o.algorithm === undefined ? vegas() : checkAlgorithm(owner, o.algorithm),
    windowMs: o.window === undefined ? 250 : checkPositiveDuration(owner, 'window', o.window),
    minSamples: o.minSamples === undefined ? 10 : checkPositiveInteger(owner, 'minSamples', o.minSamples),
    isOverload: o.isOverload === undefined ? timedOut : checkFunction<(error: unknown) => boolean>(owner, 'isOverload', o.isOverload),
  };
}
