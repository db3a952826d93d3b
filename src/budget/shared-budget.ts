import type { Clock, TimerHandle } from '../core/clock.js';
import type { StoreErrorMode } from '../core/telemetry/events.js';
import { whenAnswered } from '../store/answer.js';
import { STORE_UNAVAILABLE, type BudgetStore } from '../store/store.js';
import type { BudgetConfig } from './options.js';
import { refillOnSuccess, spendRetry, type BudgetState } from './token-budget.js';

/**
 * The mechanics around a retry budget that lives in a store. A retry asks the store (one round
 * trip, which also carries the successes counted since the last one); successes are otherwise
 * batched and reported at most once per `flushInterval`, so a successful call never waits on the
 * store. While the store is unavailable, `onStoreError` decides: `'local'` spends from a private
 * budget that every success of this process keeps refilling, `'allow'` retries, `'deny'` does not.
 */
export class SharedBudget {
  /** Tokens the store reported last. */
  tokens: number;
  private pending = 0;
  private timer: TimerHandle | undefined = undefined;
  private readonly local: BudgetState;
  // Reporting more successes than refill the whole budget changes nothing.
  private readonly maxPending: number;

  constructor(
    private readonly handle: BudgetStore,
    private readonly config: BudgetConfig,
    private readonly clock: Clock,
    private readonly mode: StoreErrorMode,
    private readonly flushInterval: number,
  ) {
    this.tokens = config.capacity;
    this.local = { tokens: config.capacity };
    this.maxPending = Math.ceil(config.capacity / config.successRefill);
  }

  /** Pays for one retry: `false` means the shared budget (or the fallback) refuses. */
  spend(): boolean | Promise<boolean> {
    const successes = this.takePending();
    return whenAnswered(this.handle.update(successes, true, this.clock), (answer) => {
      if (answer !== STORE_UNAVAILABLE) {
        this.tokens = answer.tokens;
        return answer.allowed;
      }
      this.restore(successes);
      return this.mode === 'allow' || (this.mode === 'local' && spendRetry(this.local, this.config));
    });
  }

  /** Counts a success: refills the fallback at once and the shared budget at the next report. */
  success(): void {
    refillOnSuccess(this.local, this.config);
    if (this.pending < this.maxPending) this.pending++;
    if (this.flushInterval === 0) this.flush();
    else this.timer ??= this.clock.setTimer(this.flushInterval, () => {
      this.timer = undefined;
      this.flush();
    });
  }

  private flush(): void {
    const successes = this.takePending();
    if (successes === 0) return;
    // The answer is a promise that never rejects (or a value): nothing to wait for here.
    void whenAnswered(this.handle.update(successes, false, this.clock), (answer) => {
      if (answer === STORE_UNAVAILABLE) this.restore(successes);
      else this.tokens = answer.tokens;
    });
  }

  private takePending(): number {
    const successes = this.pending;
    this.pending = 0;
    return successes;
  }

  // Unreported successes are kept for the next report (the next success re-arms the timer).
  private restore(successes: number): void {
    this.pending = Math.min(this.maxPending, this.pending + successes);
  }
}
