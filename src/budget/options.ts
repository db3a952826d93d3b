import { systemClock, type Clock } from '../core/clock.js';
import { checkNumber, checkOptionsObject, checkPositiveInteger, rangeError, typeError } from '../core/validate.js';
import { checkClock } from '../policy/call-options.js';
import { checkStore } from '../store/answer.js';
import type { Store } from '../store/store.js';

/** Options of `new RetryBudget(options)`; `S` is the type of its `store` (none by default). */
export interface RetryBudgetOptions<S extends Store | undefined = Store | undefined> {
  /** Tokens the budget holds when full (it starts full). @defaultValue 500 */
  capacity?: number;
  /** Tokens one retry (or one extra hedge) spends. @defaultValue 5 */
  retryCost?: number;
  /** Tokens every successful call returns, up to `capacity`. @defaultValue 1 */
  successRefill?: number;
  /** Telemetry label (carried by `onRetryThrottled` events); with a store, the shared budget's name. */
  name?: string;
  /** Shares the budget with every budget of the same `name` in this store (`name` is then required). */
  store?: S;
  /** Time source of the store's timeouts and batched reports. @defaultValue the system clock */
  clock?: Clock;
}

/** Validated, frozen budget settings. */
export interface BudgetConfig {
  readonly capacity: number;
  readonly retryCost: number;
  readonly successRefill: number;
}

const OWNER = 'RetryBudget';

function positive(option: string, value: unknown, fallback: number): number {
  return value === undefined ? fallback : checkNumber(OWNER, option, value, { min: 0, exclusive: true }, 'a positive finite number');
}

/** Validates budget options; a retry that could never be afforded is refused as inconsistent. */
export function normalizeBudget(
  options: unknown,
): BudgetConfig & { readonly name: string | undefined; readonly clock: Clock; readonly store: Store | undefined } {
  const o = checkOptionsObject<RetryBudgetOptions>(OWNER, options);
  const capacity = o.capacity === undefined ? 500 : checkPositiveInteger(OWNER, 'capacity', o.capacity);
  const retryCost = positive('retryCost', o.retryCost, 5);
  if (retryCost > capacity) rangeError(OWNER, 'retryCost', `at most capacity (${String(capacity)})`, retryCost);
  if (o.name !== undefined && typeof o.name !== 'string') typeError(OWNER, 'name', 'a string', o.name);
  const clock = o.clock === undefined ? systemClock : checkClock(OWNER, o.clock);
  const store = checkStore(OWNER, o.store, o.name);
  return Object.freeze({ capacity, retryCost, successRefill: positive('successRefill', o.successRefill, 1), name: o.name, clock, store });
}
