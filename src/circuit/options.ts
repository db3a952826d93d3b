import type { BlockOptions } from '../policy/block-options.js';
import type { Store } from '../store/store.js';
import {
  checkFunction,
  checkNumber,
  checkPositiveDuration,
  checkPositiveInteger,
  rangeError,
  typeError,
} from '../core/validate.js';

/** How the breaker measures failures while closed. */
export type CircuitWindow = 'consecutive' | 'count' | 'time';

/** Options of `new CircuitBreaker(options)`. */
export interface CircuitBreakerOptions extends BlockOptions {
  /** `consecutive` (a run of failures), `count` (the last N calls) or `time` (the last N ms). @defaultValue 'consecutive' */
  window?: CircuitWindow;
  /** Consecutive failures that open the circuit (`consecutive` window only). @defaultValue 5 */
  failureThreshold?: number;
  /** Calls (`count` window) or milliseconds (`time` window) in the window. @defaultValue 100 calls / 60000 ms */
  windowSize?: number;
  /** Failure rate, in percent, that opens the circuit (`count`/`time` windows). @defaultValue 50 */
  failureRateThreshold?: number;
  /** Calls the window must hold before a rate can open the circuit (`count`/`time`). @defaultValue 10 */
  minimumCalls?: number;
  /** A call taking at least this many ms is slow (`count`/`time` windows). Off by default. */
  slowCallThreshold?: number;
  /** Slow-call rate, in percent, that opens the circuit. @defaultValue 100 when `slowCallThreshold` is set */
  slowCallRateThreshold?: number;
  /** How long the circuit stays open before it admits a probe, in ms. @defaultValue 30000 */
  resetTimeout?: number;
  /** Multiplies the open time on each consecutive re-open (a probe failed). @defaultValue 1 (no growth) */
  resetBackoff?: number;
  /** Cap on the grown open time, in ms. @defaultValue max(300000, resetTimeout) */
  maxResetTimeout?: number;
  /** Probes admitted at once while half-open. @defaultValue 1 */
  halfOpenMaxCalls?: number;
  /** Successful probes that close the circuit. @defaultValue 1 */
  successThreshold?: number;
  /** Which errors count as failures; others count as successes. @defaultValue every error */
  isFailure?: (error: unknown) => boolean;
  /**
   * Shares the breaker with every breaker of the same `name` in this store (`redisStore(...)` for
   * a fleet): one window for all, opened for all, one probing process at a time. `name` is then
   * required. Outcomes are reported in batches (see the store's `flushInterval`).
   */
  store?: Store;
}

/** Validated, frozen breaker settings: what the pure transition functions read. */
export interface BreakerConfig {
  readonly window: CircuitWindow;
  readonly failureThreshold: number;
  readonly windowSize: number;
  readonly failureRateThreshold: number;
  readonly minimumCalls: number;
  /** `Infinity` when slow-call tripping is off. */
  readonly slowCallThreshold: number;
  readonly slowCallRateThreshold: number;
  readonly resetTimeout: number;
  readonly resetBackoff: number;
  readonly maxResetTimeout: number;
  readonly halfOpenMaxCalls: number;
  readonly successThreshold: number;
}

/** Buckets of a `time` window: the window slides in steps of `windowSize / 10`. */
export const TIME_WINDOW_BUCKETS = 10;

const OWNER = 'CircuitBreaker';
const WINDOWS: readonly CircuitWindow[] = ['consecutive', 'count', 'time'];
const RATE_RULE = 'a percentage greater than 0 and at most 100';

function checkWindow(value: unknown): CircuitWindow {
  if (value === undefined) return 'consecutive';
  const rule = `one of ${WINDOWS.map((w) => `'${w}'`).join(', ')}`;
  if (typeof value !== 'string') return typeError(OWNER, 'window', rule, value);
  if (!(WINDOWS as readonly string[]).includes(value)) return rangeError(OWNER, 'window', rule, value);
  return value as CircuitWindow;
}

function checkRate(option: string, value: unknown): number {
  return checkNumber(OWNER, option, value, { min: 0, exclusive: true, max: 100 }, RATE_RULE);
}

// Options that only make sense for some windows are refused elsewhere, so a typo in `window`
// (or forgetting it) cannot silently turn a rate breaker into a consecutive one.
function refuse(o: CircuitBreakerOptions, option: keyof CircuitBreakerOptions, window: CircuitWindow, appliesTo: string): void {
  if (o[option] !== undefined) rangeError(OWNER, option, `unset with window '${window}' (it applies to ${appliesTo})`, o[option]);
}

type RateSettings = Pick<BreakerConfig, 'windowSize' | 'failureRateThreshold' | 'minimumCalls' | 'slowCallThreshold' | 'slowCallRateThreshold'>;

function rateSettings(o: CircuitBreakerOptions, window: 'count' | 'time'): RateSettings {
  const windowSize =
    o.windowSize === undefined
      ? window === 'count'
        ? 100
        : 60_000
      : window === 'count'
        ? checkPositiveInteger(OWNER, 'windowSize', o.windowSize)
        : checkPositiveDuration(OWNER, 'windowSize', o.windowSize);
  // A small count window lowers the default instead of making the default invalid.
  const defaultMinimum = window === 'count' ? Math.min(10, windowSize) : 10;
  const minimumCalls = o.minimumCalls === undefined ? defaultMinimum : checkPositiveInteger(OWNER, 'minimumCalls', o.minimumCalls);
  if (window === 'count' && minimumCalls > windowSize) {
    rangeError(OWNER, 'minimumCalls', `at most windowSize (${String(windowSize)})`, minimumCalls);
  }
  const slowCallThreshold = o.slowCallThreshold === undefined ? Infinity : checkPositiveDuration(OWNER, 'slowCallThreshold', o.slowCallThreshold);
  if (o.slowCallRateThreshold !== undefined && o.slowCallThreshold === undefined) {
    rangeError(OWNER, 'slowCallRateThreshold', 'unset unless slowCallThreshold is set', o.slowCallRateThreshold);
  }
  return {
    windowSize,
    failureRateThreshold: o.failureRateThreshold === undefined ? 50 : checkRate('failureRateThreshold', o.failureRateThreshold),
    minimumCalls,
    slowCallThreshold,
    slowCallRateThreshold: o.slowCallRateThreshold === undefined ? 100 : checkRate('slowCallRateThreshold', o.slowCallRateThreshold),
  };
}

/** Validates breaker options; throws `TypeError`/`RangeError` naming the option and value. */
export function normalizeBreaker(o: CircuitBreakerOptions): BreakerConfig {
  const window = checkWindow(o.window);
  let failureThreshold = 5;
  let rates: RateSettings;
  if (window === 'consecutive') {
    for (const option of ['windowSize', 'failureRateThreshold', 'minimumCalls', 'slowCallThreshold', 'slowCallRateThreshold'] as const) {
      refuse(o, option, window, "'count' and 'time' windows");
    }
    if (o.failureThreshold !== undefined) failureThreshold = checkPositiveInteger(OWNER, 'failureThreshold', o.failureThreshold);
    rates = { windowSize: 0, failureRateThreshold: 100, minimumCalls: 1, slowCallThreshold: Infinity, slowCallRateThreshold: 100 };
  } else {
    refuse(o, 'failureThreshold', window, "the 'consecutive' window");
    rates = rateSettings(o, window);
  }
  const resetTimeout = o.resetTimeout === undefined ? 30_000 : checkPositiveDuration(OWNER, 'resetTimeout', o.resetTimeout);
  const resetBackoff =
    o.resetBackoff === undefined ? 1 : checkNumber(OWNER, 'resetBackoff', o.resetBackoff, { min: 1 }, 'a finite number of at least 1');
  const maxResetTimeout =
    o.maxResetTimeout === undefined ? Math.max(300_000, resetTimeout) : checkPositiveDuration(OWNER, 'maxResetTimeout', o.maxResetTimeout);
  if (maxResetTimeout < resetTimeout) {
    rangeError(OWNER, 'maxResetTimeout', `at least resetTimeout (${String(resetTimeout)})`, maxResetTimeout);
  }
  return Object.freeze({
    window,
    failureThreshold,
    ...rates,
    resetTimeout,
    resetBackoff,
    maxResetTimeout,
    halfOpenMaxCalls: o.halfOpenMaxCalls === undefined ? 1 : checkPositiveInteger(OWNER, 'halfOpenMaxCalls', o.halfOpenMaxCalls),
    successThreshold: o.successThreshold === undefined ? 1 : checkPositiveInteger(OWNER, 'successThreshold', o.successThreshold),
  });
}

/** Validates the `isFailure` option. */
export function checkIsFailure(value: unknown): ((error: unknown) => boolean) | undefined {
  return value === undefined ? undefined : checkFunction<(error: unknown) => boolean>(OWNER, 'isFailure', value);
}
