import type { Priority } from '../core/priority.js';

/** Utilisation fractions in (0, 1] below which each priority is admitted. */
export type PriorityThresholds = Readonly<Record<Priority, number>>;

/** What a priority bulkhead does with one call. */
export type Admission = 'admit' | 'shed' | 'full';

/**
 * Admission rule of the priority bulkhead, as a pure function: a call of priority `p` is
 * admitted while `active / capacity < thresholds[p]`, measured before admitting it; when every
 * slot is busy the answer is `full` whatever the priority, otherwise `shed`.
 */
export function admission(active: number, capacity: number, threshold: number): Admission {
  if (active >= capacity) return 'full';
  return active / capacity < threshold ? 'admit' : 'shed';
}

/** The utilisation from which some priority is shed (the smallest threshold). */
export function sheddingFrom(thresholds: PriorityThresholds): number {
  return Math.min(thresholds.low, thresholds.standard, thresholds.critical);
}
