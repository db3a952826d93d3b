import type { AttemptContext } from '../core/context.js';
import type { ErrorClass } from '../core/errors/find-error.js';
import { defaultRandom, type Random } from '../core/random.js';
import {
  checkDelay,
  checkFunction,
  checkNumber,
  rangeError,
  typeError,
} from '../core/validate.js';
import { BACKOFF_NAMES, namedBackoff, type Backoff, type BackoffName } from './backoff.js';

/**
 * What the retry loop needs from a retry budget (`RetryBudget` implements it): permission for
 * each retry or new hedge, and a refill on success.
 */
export interface RetryBudgetLike {
  /** Telemetry label of the budget. */
  readonly name?: string | undefined;
  /** Spends the cost of one retry; `false` means retrying must stop now. */
  tryRetry(): boolean | Promise<boolean>;
  /** Records a successful call (refills the budget). */
  onSuccess(): void;
}

/** Options of the retry strategy (also accepted by `execute`). */
export interface RetryOptions<T = unknown> {
  /** Total attempts including the first; `1` disables retry. @defaultValue 5 */
  maxAttempts?: number;
  /** Base delay of the default backoff, in ms. @defaultValue 100 */
  baseDelay?: number;
  /** Largest computed backoff delay, in ms (server hints are capped by `maxRetryAfter`). @defaultValue 30000 */
  maxDelay?: number;
  /** A {@link Backoff} or the name of a built-in one using `baseDelay`/`maxDelay`. @defaultValue full jitter */
  backoff?: Backoff | BackoffName;
  /** Retry only errors for which this returns true (fatal errors and cancellations never retry). */
  retryIf?: (error: unknown, ctx: AttemptContext) => boolean;
  /** Retry only errors that are instances of these classes. */
  retryOn?: ErrorClass<unknown> | readonly ErrorClass<unknown>[];
  /** Treat a returned value as a failed attempt; when attempts run out the last value is returned. */
  retryIfResult?: (value: T, ctx: AttemptContext) => boolean;
  /** Start another attempt in parallel when the running ones have not settled after this many ms. */
  hedgingDelay?: number;
  /** Shared budget that bounds retries (and hedges) across calls. */
  retryBudget?: RetryBudgetLike;
  /** Cap on a server's `retryAfter` hint, in ms. @defaultValue 300000 */
  maxRetryAfter?: number;
  /** Random source for the jitter of the default or a named backoff. @defaultValue the call's `random` (Math.random unless the call passes one) */
  random?: Random;
}

/** Validated, frozen retry settings. */
export interface NormalizedRetry {
  readonly maxAttempts: number;
  readonly maxDelay: number;
  readonly backoff: Backoff;
  /**
   * Rebuilds the default or named backoff on another random source: set when the retry has no
   * `random` of its own, so a call's `random` (CallOptions) drives its jitter.
   */
  readonly jitterFrom: ((random: Random) => Backoff) | undefined;
  readonly retryIf: ((error: unknown, ctx: AttemptContext) => boolean) | undefined;
  readonly retryOn: readonly ErrorClass<unknown>[] | undefined;
  readonly retryIfResult: ((value: unknown, ctx: AttemptContext) => boolean) | undefined;
  readonly hedgingDelay: number | undefined;
  readonly retryBudget: RetryBudgetLike | undefined;
  readonly maxRetryAfter: number;
}

const DEFAULT_MAX_ATTEMPTS = 5;
const DEFAULT_BASE_DELAY = 100;
const DEFAULT_MAX_DELAY = 30_000;
const DEFAULT_MAX_RETRY_AFTER = 300_000;

function checkRetryOn(owner: string, value: unknown): readonly ErrorClass<unknown>[] {
  const list: unknown[] = Array.isArray(value) ? value : [value];
  if (list.length === 0) rangeError(owner, 'retryOn', 'an error class or a non-empty array of classes', value);
  for (const item of list) {
    if (typeof item !== 'function') typeError(owner, 'retryOn', 'an error class or an array of classes', value);
  }
  return Object.freeze(list as ErrorClass<unknown>[]);
}

function checkBackoff(owner: string, value: unknown, base: number, max: number, random: Random): Backoff {
  if (typeof value === 'string') {
    if (!(BACKOFF_NAMES as readonly string[]).includes(value)) {
      rangeError(owner, 'backoff', `a Backoff or one of ${BACKOFF_NAMES.join(', ')}`, value);
    }
    return namedBackoff(value as BackoffName, base, max, random);
  }
  if (typeof value !== 'object' || value === null || typeof (value as Backoff).delay !== 'function') {
    typeError(owner, 'backoff', 'a Backoff (an object with a delay function) or a backoff name', value);
  }
  return value as Backoff;
}

function checkBudget(owner: string, value: unknown): RetryBudgetLike {
  const b = value as RetryBudgetLike | null;
  if (typeof b !== 'object' || b === null || typeof b.tryRetry !== 'function' || typeof b.onSuccess !== 'function') {
    typeError(owner, 'retryBudget', 'a RetryBudget', value);
  }
  return b;
}

const DEFAULT_BACKOFF = namedBackoff('fullJitter', DEFAULT_BASE_DELAY, DEFAULT_MAX_DELAY, defaultRandom);

/** Validates retry options for `owner` (e.g. `execute`, `retry`). */
export function normalizeRetry(owner: string, o: RetryOptions<never>, defaults?: { maxAttempts?: number }): NormalizedRetry {
  const maxAttempts =
    o.maxAttempts === undefined
      ? (defaults?.maxAttempts ?? DEFAULT_MAX_ATTEMPTS)
      : checkNumber(owner, 'maxAttempts', o.maxAttempts, { min: 1, integer: true, max: Number.MAX_SAFE_INTEGER }, 'a positive integer');
  const baseDelay = o.baseDelay === undefined ? DEFAULT_BASE_DELAY : checkDelay(owner, 'baseDelay', o.baseDelay);
  const maxDelay = o.maxDelay === undefined ? Math.max(DEFAULT_MAX_DELAY, baseDelay) : checkDelay(owner, 'maxDelay', o.maxDelay);
  if (maxDelay < baseDelay) rangeError(owner, 'maxDelay', `at least baseDelay (${String(baseDelay)})`, maxDelay);
  const random = o.random === undefined ? defaultRandom : checkFunction<Random>(owner, 'random', o.random);
  const backoff =
    o.backoff === undefined
      ? o.baseDelay === undefined && o.maxDelay === undefined && o.random === undefined
        ? DEFAULT_BACKOFF
        : namedBackoff('fullJitter', baseDelay, maxDelay, random)
      : checkBackoff(owner, o.backoff, baseDelay, maxDelay, random);
  const name = o.backoff === undefined ? 'fullJitter' : typeof o.backoff === 'string' ? o.backoff : undefined;
  return {
    maxAttempts,
    maxDelay,
    backoff,
    jitterFrom: o.random === undefined && name !== undefined ? (r: Random) => namedBackoff(name, baseDelay, maxDelay, r) : undefined,
    retryIf: o.retryIf === undefined ? undefined : checkFunction<NormalizedRetry['retryIf']>(owner, 'retryIf', o.retryIf),
    retryOn: o.retryOn === undefined ? undefined : checkRetryOn(owner, o.retryOn),
    retryIfResult:
      o.retryIfResult === undefined ? undefined : checkFunction<NormalizedRetry['retryIfResult']>(owner, 'retryIfResult', o.retryIfResult),
    hedgingDelay: o.hedgingDelay === undefined ? undefined : checkDelay(owner, 'hedgingDelay', o.hedgingDelay),
    retryBudget: o.retryBudget === undefined ? undefined : checkBudget(owner, o.retryBudget),
    maxRetryAfter:
      o.maxRetryAfter === undefined ? DEFAULT_MAX_RETRY_AFTER : checkDelay(owner, 'maxRetryAfter', o.maxRetryAfter),
  };
}

/** Retry settings with every default (what `execute` uses without options). */
export const DEFAULT_RETRY: NormalizedRetry = normalizeRetry('execute', {});
