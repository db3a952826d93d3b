import { Priority } from '../core/priority.js';
import { checkNumber, checkOptionsObject, checkPositiveInteger, typeError } from '../core/validate.js';
import { normalizeBlock, type BlockOptions, type NormalizedBlock } from '../policy/block-options.js';
import type { PriorityThresholds } from './admission.js';

/** Per-priority utilisation thresholds of a {@link PriorityBulkhead}, each in (0, 1]. */
export interface PriorityThresholdOptions {
  /** @defaultValue 0.5 */
  low?: number;
  /** @defaultValue 0.8 */
  standard?: number;
  /** @defaultValue 1.0 */
  critical?: number;
}

/** Default thresholds: low work is shed from half utilisation, standard from 80 %, critical only when full. */
export const DEFAULT_THRESHOLDS: PriorityThresholds = Object.freeze({ low: 0.5, standard: 0.8, critical: 1 });

/** Validated priority bulkhead settings. */
export interface NormalizedPriorityBulkhead extends NormalizedBlock {
  readonly capacity: number;
  readonly thresholds: PriorityThresholds;
}

/** Validates `PriorityBulkhead(capacity, thresholds, options)`. */
export function normalizePriorityBulkhead(capacity: unknown, thresholds: unknown, options: unknown): NormalizedPriorityBulkhead {
  const owner = 'PriorityBulkhead';
  const cap = checkPositiveInteger(owner, 'capacity', capacity);
  if (thresholds !== undefined && (typeof thresholds !== 'object' || thresholds === null || Array.isArray(thresholds))) {
    typeError(owner, 'thresholds', 'an object', thresholds);
  }
  const t = (thresholds ?? {}) as PriorityThresholdOptions;
  const pick = (p: Priority): number => {
    const value = t[p];
    if (value === undefined) return DEFAULT_THRESHOLDS[p];
    return checkNumber(owner, `thresholds.${p}`, value, { min: 0, exclusive: true, max: 1 }, 'a utilisation fraction in (0, 1]');
  };
  const normalized = Object.freeze({ low: pick(Priority.Low), standard: pick(Priority.Standard), critical: pick(Priority.Critical) });
  return { ...normalizeBlock(owner, checkOptionsObject<BlockOptions>(owner, options)), capacity: cap, thresholds: normalized };
}
