// The three ways a closed breaker measures failures, behind one set of pure functions of `now`.
import { clearBuckets, createTimeBuckets, sumAllBuckets, touchBucket, type TimeBuckets } from '../core/time-buckets.js';
import { clearCount, createCountWindow, FAILED, recordCount, SLOW, type CountWindow } from './count-window.js';
import { TIME_WINDOW_BUCKETS, type BreakerConfig } from './options.js';

/** A run of consecutive failures (any counted success ends it). */
export interface ConsecutiveWindow {
  readonly kind: 'consecutive';
  failures: number;
}

/** The last `windowSize` ms in buckets; counters: calls, failures, slow calls. */
export interface TimeWindow {
  readonly kind: 'time';
  readonly buckets: TimeBuckets;
}

/** Plain, serialisable statistics of a closed breaker. */
export type WindowState = ConsecutiveWindow | CountWindow | TimeWindow;

/** Counts a window holds at `now`. */
export interface WindowStats {
  readonly calls: number;
  readonly failures: number;
  readonly slow: number;
}

const CALLS = 0;
const FAILURES = 1;
const SLOW_CALLS = 2;
const SCRATCH = [0, 0, 0];

/** An empty window for `config`. */
export function createWindow(config: BreakerConfig): WindowState {
  switch (config.window) {
    case 'consecutive':
      return { kind: 'consecutive', failures: 0 };
    case 'count':
      return createCountWindow(config.windowSize);
    case 'time':
      return { kind: 'time', buckets: createTimeBuckets(config.windowSize, TIME_WINDOW_BUCKETS, 3) };
  }
}

/** Records one counted call (a success or a failure, possibly slow) at `now`. */
export function recordCall(w: WindowState, now: number, failed: boolean, slow: boolean): void {
  switch (w.kind) {
    case 'consecutive':
      w.failures = failed ? w.failures + 1 : 0;
      return;
    case 'count':
      recordCount(w, (failed ? FAILED : 0) | (slow ? SLOW : 0));
      return;
    case 'time': {
      const base = touchBucket(w.buckets, now);
      const counts = w.buckets.counts;
      counts[base + CALLS] = (counts[base + CALLS] as number) + 1;
      if (failed) counts[base + FAILURES] = (counts[base + FAILURES] as number) + 1;
      if (slow) counts[base + SLOW_CALLS] = (counts[base + SLOW_CALLS] as number) + 1;
    }
  }
}

/** The counts the window holds at `now` (for the consecutive window: the current run of failures). */
export function windowStats(w: WindowState, now: number): WindowStats {
  switch (w.kind) {
    case 'consecutive':
      return { calls: w.failures, failures: w.failures, slow: 0 };
    case 'count':
      return { calls: w.outcomes.length, failures: w.failures, slow: w.slow };
    case 'time': {
      const [calls, failures, slow] = sumAllBuckets(w.buckets, now, [0, 0, 0]) as [number, number, number];
      return { calls, failures, slow };
    }
  }
}

/**
 * True when the window at `now` should open the circuit: enough consecutive failures, or at least
 * `minimumCalls` calls with a failure rate (or slow-call rate) at or above its threshold.
 */
export function shouldTrip(w: WindowState, now: number, config: BreakerConfig): boolean {
  switch (w.kind) {
    case 'consecutive':
      return w.failures >= config.failureThreshold;
    case 'count':
      return ratesTrip(w.outcomes.length, w.failures, w.slow, config);
    case 'time': {
      // One pass into a reused scratch array: this runs on every call of a time-window breaker.
      const sums = sumAllBuckets(w.buckets, now, SCRATCH);
      return ratesTrip(sums[CALLS] as number, sums[FAILURES] as number, sums[SLOW_CALLS] as number, config);
    }
  }
}

/** The rate rule of `count` and `time` windows. */
export function ratesTrip(calls: number, failures: number, slow: number, config: BreakerConfig): boolean {
  if (calls < config.minimumCalls) return false;
  // Compare products, not quotients: no division, no rounding at the threshold.
  if (failures * 100 >= config.failureRateThreshold * calls) return true;
  return config.slowCallThreshold !== Infinity && slow * 100 >= config.slowCallRateThreshold * calls;
}

/** Forgets every counted call. */
export function clearWindow(w: WindowState): void {
  switch (w.kind) {
    case 'consecutive':
      w.failures = 0;
      return;
    case 'count':
      clearCount(w);
      return;
    case 'time':
      clearBuckets(w.buckets);
  }
}
