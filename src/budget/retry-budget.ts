import type { Clock } from '../core/clock.js';
import type { RetryBudgetLike } from '../retry/options.js';
import type { Store } from '../store/store.js';
import { normalizeBudget, type BudgetConfig, type RetryBudgetOptions } from './options.js';
import { SharedBudget } from './shared-budget.js';
import { refillOnSuccess, spendRetry, type BudgetState } from './token-budget.js';

/** What `tryRetry` returns: a boolean at once, or a promise of one when the budget has a store. */
export type BudgetAnswer<S extends Store | undefined> = S extends Store ? Promise<boolean> : boolean;

/**
 * A retry budget shared by many calls (adaptive retries): it starts with `capacity` tokens, each
 * retry or extra hedge spends `retryCost`, each successful call returns `successRefill`. While it
 * cannot afford a retry, calls stop retrying at once and fail with their last error, so a
 * struggling dependency sees roughly one extra attempt per `retryCost / successRefill` successes
 * instead of a retry storm. Pass it as `retryBudget` to `execute`, `retry()` or `hedge()`. With a
 * `store`, every budget of the same `name` spends and refills one shared budget.
 */
export class RetryBudget<S extends Store | undefined = undefined> implements RetryBudgetLike {
  /** Telemetry label (with a store, the name of the shared budget). */
  readonly name: string | undefined;
  private readonly config: BudgetConfig;
  private readonly state: BudgetState;
  private readonly shared: SharedBudget | undefined;

  constructor(options?: RetryBudgetOptions<S>) {
    const { name, clock, store, ...config } = normalizeBudget(options);
    this.name = name;
    this.config = Object.freeze(config);
    this.state = { tokens: config.capacity };
    this.shared = store === undefined ? undefined : sharedBudget(store, name as string, this.config, clock);
  }

  /** Tokens left (with a store: as the store reported them last). */
  get tokens(): number {
    return this.shared === undefined ? this.state.tokens : this.shared.tokens;
  }

  /** Tokens when full. */
  get capacity(): number {
    return this.config.capacity;
  }

  /** Spends the cost of one retry; `false` means the budget is exhausted and retrying must stop. */
  tryRetry(): BudgetAnswer<S> {
    const shared = this.shared;
    if (shared === undefined) return spendRetry(this.state, this.config) as BudgetAnswer<S>;
    return Promise.resolve(shared.spend()) as BudgetAnswer<S>;
  }

  /** Records a successful call (refills the budget). */
  onSuccess(): void {
    if (this.shared === undefined) refillOnSuccess(this.state, this.config);
    else this.shared.success();
  }
}

function sharedBudget(store: Store, name: string, config: BudgetConfig, clock: Clock): SharedBudget {
  return new SharedBudget(store.budget(name, config), config, clock, store.onStoreError, store.flushInterval);
}
