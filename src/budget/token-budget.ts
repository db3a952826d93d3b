// The retry budget's arithmetic, pure: a token bucket without time. Retries spend, successes
// refill. It updates the plain state it is given and returns its decision.
import type { BudgetConfig } from './options.js';

/** Plain, serialisable state of a retry budget. */
export interface BudgetState {
  tokens: number;
}

/** Spends one retry's cost if the budget can afford it; `false` leaves the budget untouched. */
export function spendRetry(s: BudgetState, config: BudgetConfig): boolean {
  if (s.tokens < config.retryCost) return false;
  s.tokens -= config.retryCost;
  return true;
}

/** Returns `successRefill` tokens for a successful call, never above `capacity`. */
export function refillOnSuccess(s: BudgetState, config: BudgetConfig): void {
  if (s.tokens < config.capacity) s.tokens = Math.min(config.capacity, s.tokens + config.successRefill);
}
