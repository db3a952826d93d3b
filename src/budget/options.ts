import { checkNumber, checkOptionsObject, checkPositiveInteger, rangeError, typeError } from '../core/validate.js';

/** Options of `new RetryBudget(options)`. */
export interface RetryBudgetOptions {
  /** Tokens the budget holds when full (it starts full). @defaultValue 500 */
  capacity?: number;
  /** Tokens one retry (or one extra hedge) spends. @defaultValue 5 */
  retryCost?: number;
  /** Tokens every successful call returns, up to `capacity`. @defaultValue 1 */
  successRefill?: number;
  /** Telemetry label (carried by `onRetryThrottled` events). */
  name?: string;
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
export function normalizeBudget(options: unknown): BudgetConfig & { readonly name: string | undefined } {
  const o = checkOptionsObject<RetryBudgetOptions>(OWNER, options);
  const capacity = o.capacity === undefined ? 500 : checkPositiveInteger(OWNER, 'capacity', o.capacity);
  const retryCost = positive('retryCost', o.retryCost, 5);
  if (retryCost > capacity) rangeError(OWNER, 'retryCost', `at most capacity (${String(capacity)})`, retryCost);
  if (o.name !== undefined && typeof o.name !== 'string') typeError(OWNER, 'name', 'a string', o.name);
  return Object.freeze({ capacity, retryCost, successRefill: positive('successRefill', o.successRefill, 1), name: o.name });
}
