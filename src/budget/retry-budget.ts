import type { RetryBudgetLike } from '../retry/options.js';
import { normalizeBudget, type BudgetConfig, type RetryBudgetOptions } from './options.js';
import { refillOnSuccess, spendRetry, type BudgetState } from './token-budget.js';

/**
 * A retry budget shared by many calls (adaptive retries): it starts with `capacity` tokens, each
 * retry or extra hedge spends `retryCost`, each successful call returns `successRefill`. While it
 * cannot afford a retry, calls stop retrying at once and fail with their last error, so a
 * struggling dependency sees roughly one extra attempt per `retryCost / successRefill` successes
 * instead of a retry storm. Pass it as `retryBudget` to `execute`, `retry()` or `hedge()`.
 */
export class RetryBudget implements RetryBudgetLike {
  /** Telemetry label. */
  readonly name: string | undefined;
  private readonly config: BudgetConfig;
  private readonly state: BudgetState;

  constructor(options?: RetryBudgetOptions) {
    const { name, ...config } = normalizeBudget(options);
    this.name = name;
    this.config = Object.freeze(config);
    this.state = { tokens: config.capacity };
  }

  /** Tokens left. */
  get tokens(): number {
    return this.state.tokens;
  }

  /** Tokens when full. */
  get capacity(): number {
    return this.config.capacity;
  }

  /** Spends the cost of one retry; `false` means the budget is exhausted and retrying must stop. */
  tryRetry(): boolean {
    return spendRetry(this.state, this.config);
  }

  /** Records a successful call (refills the budget). */
  onSuccess(): void {
    refillOnSuccess(this.state, this.config);
  }
}
