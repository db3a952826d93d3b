import { checkNumber, checkOptionsObject, checkPositiveInteger } from '../../core/validate.js';
import type { LimitAlgorithm, LimitUpdate, WindowSummary } from './algorithm.js';

/** Knobs of the Gradient2-style algorithm. */
export interface Gradient2Options {
  /** How much the recent RTT may exceed the long-term RTT before the limit shrinks. @defaultValue 1.5 */
  tolerance?: number;
  /** Weight of each new limit in the smoothed one, in (0, 1]. @defaultValue 0.2 */
  smoothing?: number;
  /** Windows over which the long-term RTT averages (its memory). @defaultValue 600 */
  longWindow?: number;
  /** Factor applied to the limit after a window with drops (timeouts). @defaultValue 0.9 */
  backoffRatio?: number;
}

/** State of the Gradient2-style algorithm: the long-term RTT average. */
export interface Gradient2State {
  readonly longRtt: number | undefined;
}

/**
 * Gradient2-style limit (after Netflix's Gradient2Limit): compares the window's RTT with a slow
 * exponential average of past RTTs; the ratio (times `tolerance`, clamped to [0.5, 1]) scales
 * the limit, plus `sqrt(limit)` of headroom for growth, and the result is smoothed. The long-term
 * average re-learns a slower dependency over `longWindow` windows, and drops quickly toward a
 * faster one.
 */
export function gradient2(options?: Gradient2Options): LimitAlgorithm<Gradient2State> {
  const owner = 'gradient2';
  const o = checkOptionsObject<Gradient2Options>(owner, options);
  const tolerance = o.tolerance === undefined ? 1.5 : checkNumber(owner, 'tolerance', o.tolerance, { min: 1 }, 'a number of at least 1');
  const smoothing = o.smoothing === undefined ? 0.2 : checkNumber(owner, 'smoothing', o.smoothing, { min: 0, exclusive: true, max: 1 }, 'a number in (0, 1]');
  const longWindow = o.longWindow === undefined ? 600 : checkPositiveInteger(owner, 'longWindow', o.longWindow);
  const backoff = o.backoffRatio === undefined ? 0.9 : checkNumber(owner, 'backoffRatio', o.backoffRatio, { min: 0.5, max: 1 }, 'a number between 0.5 and 1');
  const weight = 2 / (longWindow + 1);
  return Object.freeze({
    name: 'gradient2',
    initial: (): Gradient2State => ({ longRtt: undefined }),
    update(state: Gradient2State, w: WindowSummary, limit: number): LimitUpdate<Gradient2State> {
      if (w.drops > 0) return { state, limit: limit * backoff };
      if (w.samples === 0) return { state, limit };
      const shortRtt = w.avgRtt;
      if (state.longRtt === undefined) return { state: { longRtt: shortRtt }, limit };
      let longRtt = state.longRtt + (shortRtt - state.longRtt) * weight;
      // The dependency got much faster: forget the slow past quicker than the average would.
      if (longRtt / shortRtt > 2) longRtt *= 0.95;
      const gradient = Math.max(0.5, Math.min(1, (tolerance * longRtt) / shortRtt));
      const proposed = limit * gradient + Math.sqrt(limit);
      return { state: { longRtt }, limit: limit * (1 - smoothing) + proposed * smoothing };
    },
  });
}
