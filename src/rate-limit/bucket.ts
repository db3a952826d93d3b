import type { Clock, TimerHandle } from '../core/clock.js';
import { WaitQueue } from '../core/wait-queue.js';
import { enqueueWaiter, type TokenWaiter } from './waiter.js';
import { fullBucket, isFull, refill, take, waitFor, type BucketConfig, type BucketState } from './token-bucket.js';

/**
 * The mechanics around one token bucket: the pure arithmetic of `token-bucket.ts` plus a FIFO
 * queue of callers waiting for tokens and at most one timer (for the oldest waiter). Waiters are
 * served strictly in arrival order and `tryTake` never overtakes them, so a large request cannot
 * be starved by a stream of small ones.
 */
export class Bucket {
  /** Ms the last refused `tryTake` would have had to wait. */
  retryAfter = 0;
  private state: BucketState;
  private readonly waiters = new WaitQueue<TokenWaiter>();
  private owed = 0;
  private timer: TimerHandle | undefined = undefined;

  constructor(
    private readonly cfg: BucketConfig,
    private readonly clock: Clock,
  ) {
    this.state = fullBucket(cfg, clock.now());
  }

  /** Tokens held now (fractional). */
  get tokens(): number {
    this.state = refill(this.cfg, this.state, this.clock.now());
    return this.state.tokens;
  }

  /** True when nobody waits on this bucket. */
  get idle(): boolean {
    return this.waiters.size === 0;
  }

  /** True when the bucket is full and nobody waits: forgetting it changes nothing. */
  get disposable(): boolean {
    return this.waiters.size === 0 && isFull(this.cfg, this.state, this.clock.now());
  }

  /** Takes `n` tokens now unless callers are waiting or too few are left; sets `retryAfter` when refused. */
  tryTake(n: number): boolean {
    const now = this.clock.now();
    if (this.waiters.size > 0) {
      this.state = refill(this.cfg, this.state, now);
      this.retryAfter = waitFor(this.cfg, this.state.tokens, this.owed + n);
      return false;
    }
    const result = take(this.cfg, this.state, now, n);
    this.state = result.state;
    this.retryAfter = result.retryAfter;
    return result.allowed;
  }

  /** Resolves once `n` tokens are taken for the caller, in FIFO order; rejects when `signal` aborts. */
  acquire(n: number, signal: AbortSignal | undefined): Promise<void> {
    if (signal?.aborted === true) return Promise.reject(signal.reason as unknown);
    if (this.tryTake(n)) return Promise.resolve();
    const wait = enqueueWaiter(this.waiters, n, signal, (wasHead) => {
      this.owed -= n;
      if (wasHead) this.drain();
    });
    this.owed += n;
    if (this.waiters.size === 1) this.schedule();
    return wait;
  }

  // Serves waiters from the head while tokens allow, then waits for the next head's tokens.
  private drain(): void {
    this.timer?.cancel();
    this.timer = undefined;
    const now = this.clock.now();
    for (let head = this.waiters.peek(); head !== undefined; head = this.waiters.peek()) {
      const result = take(this.cfg, this.state, now, head.n);
      this.state = result.state;
      if (!result.allowed) break;
      this.waiters.shift();
      this.owed -= head.n;
      head.grant();
    }
    this.schedule();
  }

  private schedule(): void {
    const head = this.waiters.peek();
    if (head === undefined || this.timer !== undefined) return;
    this.state = refill(this.cfg, this.state, this.clock.now());
    this.timer = this.clock.setTimer(waitFor(this.cfg, this.state.tokens, head.n), () => {
      this.timer = undefined;
      this.drain();
    });
  }
}
