import type { Clock, TimerHandle } from '../core/clock.js';
import type { ExecutionContext } from '../core/context.js';
import { RateLimitExceededError } from '../core/errors/rate-limit-exceeded-error.js';
import { HealthSignal } from '../core/health.js';
import { StoreUnavailableError } from '../core/errors/store-unavailable-error.js';
import { isAbortSignal } from '../core/signal.js';
import { emitBlockEvent } from '../core/telemetry/block-events.js';
import type { HealthChangeEvent } from '../core/telemetry/events.js';
import type { Telemetry } from '../core/telemetry/telemetry.js';
import { typeError } from '../core/validate.js';
import { runStandalone, type BlockAction } from '../policy/standalone.js';
import type { Next, Strategy } from '../policy/strategy.js';
import type { Store } from '../store/store.js';
import { Bucket } from './bucket.js';
import { checkTokens, normalizeRateLimiter, type Decision, type RateLimiterOptions } from './options.js';
import { SharedBucket, type SharedDecision } from './shared-bucket.js';
import { waitFor } from './token-bucket.js';

/**
 * A token-bucket rate limiter: `limit` tokens per `interval` ms, refilled continuously, holding at
 * most `burst`. `tryAcquire` answers at once, `acquire` waits its turn (FIFO, abortable), and as
 * a strategy it fails fast with `RateLimitExceededError` whose `retryAfter` is the exact wait.
 * With a `store`, the bucket is shared by every limiter of the same `name` (one store round trip
 * per decision, and `tryAcquire` returns a promise).
 */
export class RateLimiter<S extends Store | undefined = undefined> implements Strategy {
  readonly kind = 'rate-limit';
  /** Tokens per `interval`. */
  readonly limit: number;
  /** Refill period (ms). */
  readonly interval: number;
  /** Bucket capacity. */
  readonly burst: number;
  /** Telemetry label. */
  readonly name: string | undefined;
  private readonly bucket: Bucket;
  private readonly shared: SharedBucket | undefined;
  private readonly clock: Clock;
  private readonly telemetry: Telemetry | undefined;
  private readonly health: HealthSignal;
  private readonly recoverAt: number;
  private recovery: TimerHandle | undefined = undefined;

  /** A limiter of `limit` per `interval` ms with an optional `burst` (default `limit`). */
  constructor(options: RateLimiterOptions<S>) {
    const o = normalizeRateLimiter('RateLimiter', options);
    this.limit = o.limit;
    this.interval = o.interval;
    this.burst = o.burst;
    this.name = o.name;
    this.clock = o.clock;
    this.telemetry = o.telemetry;
    this.bucket = new Bucket(o, o.clock);
    const store = o.store;
    this.shared = store === undefined ? undefined : new SharedBucket(store.bucket(o.name as string, undefined, o), o, o.clock, store.onStoreError);
    this.health = new HealthSignal('rate-limiter', o.name, o.clock, o.telemetry);
    // Healthy again once half the burst is back: hysteresis, so a limiter running exactly at its
    // rate does not flap on every call.
    this.recoverAt = Math.max(1, Math.ceil(o.burst / 2));
  }

  /** Tokens available now (fractional); with a store, those left after this process's last decision. */
  get tokens(): number {
    return this.shared === undefined ? this.bucket.tokens : this.shared.tokens;
  }

  /**
   * Subscribes to backpressure: `degraded` once a call is refused or must wait, `healthy` when
   * half the burst is back. While a listener is subscribed and the limiter is degraded, one timer
   * waits for the recovery (so a paused producer learns when to resume); unsubscribing the last
   * listener cancels it.
   */
  onHealthChange(listener: (event: HealthChangeEvent) => void): () => void {
    const unsubscribe = this.health.subscribe(listener);
    return () => {
      unsubscribe();
      if (this.health.listenerCount === 0) this.cancelRecovery();
    };
  }

  /** Takes `n` tokens if available right now (and nobody is waiting); with a store, the answer is a promise. */
  tryAcquire(n = 1): Decision<S> {
    const shared = this.shared;
    if (shared !== undefined) return this.tryShared(shared, n) as Decision<S>;
    const count = checkTokens('RateLimiter.tryAcquire', n, this.burst);
    this.checkRecovery();
    if (this.bucket.tryTake(count)) return true as Decision<S>;
    this.refuse(undefined, this.bucket.retryAfter);
    return false as Decision<S>;
  }

  private tryShared(shared: SharedBucket, n: number): Promise<boolean> {
    try {
      // The outcome is applied in the same promise step as the store's answer.
      const admitted = shared.tryTake(checkTokens('RateLimiter.tryAcquire', n, this.burst), this.outcome);
      return admitted instanceof Promise ? admitted : Promise.resolve(admitted);
    } catch (error) {
      return Promise.reject(error);
    }
  }

  private readonly outcome = (decision: SharedDecision): boolean => this.sharedOutcome(decision, undefined);

  // Applies a shared decision to health and telemetry; true when admitted.
  private sharedOutcome(decision: SharedDecision, ctx: ExecutionContext | undefined): boolean {
    if (decision.allowed) {
      if (this.health.current !== 'healthy' && this.tokens >= this.recoverAt) this.health.set('healthy', 'tokens available');
      return true;
    }
    if (!decision.unavailable) this.refuse(ctx, decision.retryAfter);
    return false;
  }

  /** Waits (FIFO) until `n` tokens are taken; rejects with the signal's reason when it aborts. */
  acquire(n = 1, signal?: AbortSignal): Promise<void> {
    try {
      const count = checkTokens('RateLimiter.acquire', n, this.burst);
      if (signal !== undefined && !isAbortSignal(signal)) typeError('RateLimiter.acquire', 'signal', 'an AbortSignal', signal);
      if (this.shared !== undefined) return this.shared.acquire(count, signal);
      this.checkRecovery();
      const wait = this.bucket.acquire(count, signal);
      // A waiter in the bucket means the caller could not be served at once.
      if (!this.bucket.idle) this.degrade();
      return wait;
    } catch (error) {
      return Promise.reject(error);
    }
  }

  /** Runs `fn` if a token is available, else rejects with `RateLimitExceededError`. */
  execute<T>(fn: BlockAction<T>, signal?: AbortSignal): Promise<T> {
    return runStandalone('RateLimiter.execute', this, this.clock, fn, signal);
  }

  /** Strategy entry point: one token per call (a call's retries and hedges share it). */
  run(ctx: ExecutionContext, next: Next): Promise<unknown> {
    const scope = ctx.scope;
    // An already cancelled call must not spend a token.
    if (scope?.aborted === true) return Promise.reject(scope.reason);
    if (this.shared !== undefined) return this.runShared(this.shared, ctx, next);
    this.checkRecovery();
    if (this.bucket.tryTake(1)) return next(ctx);
    return Promise.reject(this.exceeded(this.refuse(ctx, this.bucket.retryAfter)));
  }

  private async runShared(shared: SharedBucket, ctx: ExecutionContext, next: Next): Promise<unknown> {
    const decision = await shared.tryTake(1, same);
    if (this.sharedOutcome(decision, ctx)) return next(ctx);
    if (decision.unavailable) throw new StoreUnavailableError(`rate limiter "${this.name ?? ''}": store unavailable`, { source: this.name ?? this.kind });
    throw this.exceeded(decision.retryAfter);
  }

  private exceeded(retryAfter: number): RateLimitExceededError {
    const message = `rate limit exceeded: next token in ${String(Math.ceil(retryAfter))} ms`;
    return new RateLimitExceededError(message, { retryAfter, source: this.name ?? this.kind });
  }

  // Reports a refusal; returns the exact wait until the call could have been admitted.
  private refuse(ctx: ExecutionContext | undefined, retryAfter: number): number {
    this.degrade();
    emitBlockEvent(this.telemetry, ctx, 'onRateLimitExceeded', () => ({
      at: this.clock.now(),
      name: this.name ?? ctx?.name,
      execution: ctx?.execution,
      retryAfter,
    }));
    return retryAfter;
  }

  private degrade(): void {
    this.health.set('degraded', 'rate limit reached');
    // Tell a paused producer when to resume, but only when someone listens: otherwise the
    // limiter keeps no timer and recovers on its next call. A shared bucket recovers on this
    // process's next admitted call (its tokens are not known in between).
    if (this.health.listenerCount > 0 && this.recovery === undefined && this.shared === undefined) this.scheduleRecovery();
  }

  // Back to healthy once half the burst has refilled and nobody waits; true when healthy.
  private checkRecovery(): boolean {
    if (this.health.current === 'healthy') return true;
    if (!this.bucket.idle || this.bucket.tokens < this.recoverAt) return false;
    this.cancelRecovery();
    this.health.set('healthy', 'tokens available');
    return true;
  }

  private cancelRecovery(): void {
    this.recovery?.cancel();
    this.recovery = undefined;
  }

  private scheduleRecovery(): void {
    const wait = Math.max(1, waitFor(this, this.bucket.tokens, this.recoverAt));
    this.recovery = this.clock.setTimer(wait, () => {
      this.recovery = undefined;
      if (!this.checkRecovery()) this.scheduleRecovery();
    });
  }
}

function same<T>(value: T): T {
  return value;
}

/** The rate-limit strategy for a shared limiter. */
export function rateLimit<S extends Store | undefined>(rl: RateLimiter<S>): RateLimiter<S> {
  if (!(rl instanceof RateLimiter)) typeError('rateLimit', 'rl', 'a RateLimiter', rl);
  return rl;
}
