import type { Clock, TimerHandle } from '../core/clock.js';
import { StoreUnavailableError } from '../core/errors/store-unavailable-error.js';
import type { StoreErrorMode } from '../core/telemetry/events.js';
import { WaitQueue } from '../core/wait-queue.js';
import { whenAnswered } from '../store/answer.js';
import { STORE_UNAVAILABLE, type BucketStore, type StoreUnavailable, type TokenDecision } from '../store/store.js';
import { Bucket } from './bucket.js';
import type { BucketConfig } from './token-bucket.js';
import { enqueueWaiter, type TokenWaiter } from './waiter.js';

/** A decision of a shared bucket; `unavailable` when the store was down and `onStoreError` is `'deny'`. */
export interface SharedDecision {
  readonly allowed: boolean;
  readonly retryAfter: number;
  readonly unavailable: boolean;
}

const ALLOW: SharedDecision = Object.freeze({ allowed: true, retryAfter: 0, unavailable: false });
const DENY: SharedDecision = Object.freeze({ allowed: false, retryAfter: 0, unavailable: true });

/**
 * The mechanics around a token bucket that lives in a store: one store operation per decision,
 * plus a FIFO of this process's waiters whose head asks the store again after the exact
 * `retryAfter` it was given (no timer otherwise). While the store is unavailable, `onStoreError`
 * decides: `'local'` uses a private in-memory bucket, `'allow'` admits, `'deny'` refuses.
 */
export class SharedBucket {
  /** Wait of the last refusal (ms). */
  retryAfter = 0;
  /** Tokens left after the last decision the store made. */
  tokens: number;
  private local: Bucket | undefined = undefined;
  private readonly waiters = new WaitQueue<TokenWaiter>();
  private pumping = false;
  private timer: TimerHandle | undefined = undefined;
  private wake: (() => void) | undefined = undefined;

  constructor(
    private readonly handle: BucketStore,
    private readonly cfg: BucketConfig,
    private readonly clock: Clock,
    private readonly mode: StoreErrorMode,
  ) {
    this.tokens = cfg.burst;
  }

  /** True when nobody of this process waits on the bucket. */
  get idle(): boolean {
    return this.waiters.size === 0;
  }

  /**
   * Takes `n` tokens unless this process has waiters (they go first) or the bucket lacks them,
   * and hands the decision to `then` (in the same step as the store's answer).
   */
  tryTake<R>(n: number, then: (decision: SharedDecision) => R): R | Promise<R> {
    if (this.waiters.size > 0) return then({ allowed: false, retryAfter: this.retryAfter, unavailable: false });
    return whenAnswered(this.handle.take(n, this.clock), (answer) => then(this.decide(answer, n)));
  }

  /** Resolves once `n` tokens are taken for the caller, in this process's FIFO order; rejects when `signal` aborts. */
  acquire(n: number, signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted === true) return Promise.reject(signal.reason as unknown);
    const wait = enqueueWaiter(this.waiters, n, signal, (wasHead) => {
      if (wasHead) this.interruptWait();
    });
    if (!this.pumping) this.startPump();
    return wait;
  }

  private take(n: number): SharedDecision | Promise<SharedDecision> {
    return whenAnswered(this.handle.take(n, this.clock), (answer) => this.decide(answer, n));
  }

  private decide(answer: TokenDecision | StoreUnavailable, n: number): SharedDecision {
    if (answer !== STORE_UNAVAILABLE) {
      this.tokens = answer.tokens;
      if (!answer.allowed) this.retryAfter = answer.retryAfter;
      return answer.allowed ? ALLOW : { allowed: false, retryAfter: answer.retryAfter, unavailable: false };
    }
    if (this.mode === 'allow') return ALLOW;
    if (this.mode === 'deny') return DENY;
    const local = (this.local ??= new Bucket(this.cfg, this.clock));
    if (local.tryTake(n)) return ALLOW;
    this.retryAfter = local.retryAfter;
    return { allowed: false, retryAfter: local.retryAfter, unavailable: false };
  }

  private startPump(): void {
    this.pumping = true;
    this.pump().then(undefined, (error: unknown) => {
      // Not expected (store answers never reject); fail the waiters rather than lose them.
      this.pumping = false;
      for (let w = this.waiters.shift(); w !== undefined; w = this.waiters.shift()) w.fail(error);
    });
  }

  // Serves the head while the store grants tokens; between refusals it sleeps the exact wait.
  private async pump(): Promise<void> {
    for (let head = this.waiters.peek(); head !== undefined; head = this.waiters.peek()) {
      const decision = await this.take(head.n);
      if (this.waiters.peek() !== head) continue; // the head gave up meanwhile
      if (decision.allowed) {
        this.waiters.shift();
        head.grant();
      } else if (decision.unavailable) {
        this.waiters.shift();
        head.fail(new StoreUnavailableError('rate limiter store unavailable'));
      } else {
        await this.sleep(Math.max(1, decision.retryAfter));
      }
    }
    // In the same tick as the last check: a waiter arriving later starts a new pump.
    this.pumping = false;
  }

  private sleep(ms: number): Promise<void> {
    return new Promise<void>((resolve) => {
      this.wake = resolve;
      this.timer = this.clock.setTimer(ms, () => {
        this.timer = undefined;
        this.wake = undefined;
        resolve();
      });
    });
  }

  private interruptWait(): void {
    this.timer?.cancel();
    this.timer = undefined;
    const wake = this.wake;
    this.wake = undefined;
    wake?.();
  }
}
