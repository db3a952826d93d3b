import { CancelScope } from '../core/cancel-scope.js';
import type { TimerHandle } from '../core/clock.js';
import type { ExecutionContext } from '../core/context.js';
import { HedgeLostError } from '../core/errors/hedge-lost-error.js';
import type { AttemptOutcome, GiveUpReason } from '../core/telemetry/events.js';
import type { Next } from '../policy/strategy.js';
import { cancellationReason } from '../retry/classify.js';
import { attemptOutcome, classifyFailure } from '../retry/decide.js';
import { exhaustedError } from '../retry/exhausted.js';
import type { NormalizedRetry } from '../retry/options.js';

/**
 * Hedged execution: starts attempt 0, then another whenever the running ones have not settled
 * after `hedgingDelay`, or at once when one fails with a retryable error. The first success wins;
 * every other attempt is aborted with a `HedgeLostError` and its late result is ignored (but
 * observed). `maxAttempts` bounds both the attempts and how many run at once.
 */
export function hedgedRun(o: NormalizedRetry, ctx: ExecutionContext, next: Next): Promise<unknown> {
  return new Promise((resolve, reject) => {
    new HedgeRun(o, ctx, next, resolve, reject).start();
  });
}

class HedgeRun {
  private started = 0;
  private inFlight = 0;
  private settled = false;
  private launching = false;
  // Set when the retry budget or an open circuit refuses further attempts: no new hedges start,
  // but the attempts in flight go on.
  private noMoreLaunches = false;
  private readonly scopes: (CancelScope | undefined)[] = [];
  private readonly attemptStarts: number[] = [];
  private readonly errors: { attempt: number; error: unknown }[] = [];
  private lastValue: { value: unknown } | undefined = undefined;
  private timer: TimerHandle | undefined = undefined;
  private readonly startedAt: number;
  private readonly onCallAbort = (): void => {
    const reason = this.ctx.scope?.reason;
    this.fail(reason, cancellationReason(reason));
  };

  constructor(
    private readonly o: NormalizedRetry,
    private readonly ctx: ExecutionContext,
    private readonly next: Next,
    private readonly resolve: (value: unknown) => void,
    private readonly reject: (error: unknown) => void,
  ) {
    this.startedAt = ctx.telemetry === undefined ? 0 : ctx.clock.now();
  }

  start(): void {
    const scope = this.ctx.scope;
    if (scope?.aborted === true) {
      this.reject(scope.reason);
      return;
    }
    scope?.subscribe(this.onCallAbort);
    this.launch('delay');
  }

  private launch(trigger: 'delay' | 'failure'): void {
    const attempt = this.started++;
    const scope = new CancelScope(this.ctx.scope);
    this.scopes[attempt] = scope;
    this.inFlight++;
    const actx = this.ctx.forAttempt(attempt, undefined, scope);
    const t = this.ctx.telemetry;
    const attemptStart = t === undefined ? 0 : this.ctx.clock.now();
    this.attemptStarts[attempt] = attemptStart;
    if (t !== undefined) {
      const { name, execution } = this.ctx;
      // Literals, not `{ ...common, x }`: a spread followed by a property is a slow path in V8.
      if (attempt > 0) t.emit('onHedge', { at: attemptStart, name, execution, attempt, trigger });
      t.emit('onAttempt', { at: attemptStart, name, execution, attempt, hedge: attempt > 0 });
    }
    this.next(actx).then(
      (value) => {
        this.onValue(attempt, actx, value);
      },
      (error: unknown) => {
        this.onError(attempt, actx, error);
      },
    );
    this.armTimer();
  }

  private armTimer(): void {
    this.timer?.cancel();
    this.timer = undefined;
    if (this.started >= this.o.maxAttempts || this.noMoreLaunches) return;
    const delay = this.ctx.bypass ? 0 : (this.o.hedgingDelay ?? 0);
    this.timer = this.ctx.clock.setTimer(delay, () => {
      this.timer = undefined;
      this.tryLaunch('delay');
    });
  }

  /** Launches the next attempt if attempts and the retry budget allow it. */
  private tryLaunch(trigger: 'delay' | 'failure'): void {
    if (this.settled || this.launching || this.started >= this.o.maxAttempts || this.noMoreLaunches) return;
    const budget = this.o.retryBudget;
    if (budget === undefined) {
      this.launch(trigger);
      return;
    }
    const allowed = budget.tryRetry();
    if (typeof allowed === 'boolean') {
      this.afterBudget(allowed, trigger);
      return;
    }
    this.launching = true;
    allowed.then(
      (ok) => {
        this.launching = false;
        this.afterBudget(ok, trigger);
      },
      () => {
        this.launching = false;
        this.afterBudget(false, trigger);
      },
    );
  }

  private afterBudget(allowed: boolean, trigger: 'delay' | 'failure'): void {
    if (this.settled) return;
    if (allowed) {
      this.launch(trigger);
      return;
    }
    this.noMoreLaunches = true;
    this.timer?.cancel();
    this.timer = undefined;
    const t = this.ctx.telemetry;
    t?.emit('onRetryThrottled', {
      at: this.ctx.clock.now(),
      name: this.ctx.name,
      execution: this.ctx.execution,
      attempt: this.started,
      budget: this.o.retryBudget?.name,
    });
    if (this.inFlight === 0) this.finishExhausted('budget');
  }

  private onValue(attempt: number, actx: ExecutionContext, value: unknown): void {
    this.release(attempt);
    if (this.settled) return;
    const rejected = this.o.retryIfResult?.(value, actx) === true;
    const t = this.ctx.telemetry;
    if (t !== undefined) {
      this.emitAttemptEnd(attempt, rejected ? 'failure' : 'success');
      const at = this.ctx.clock.now();
      if (!rejected) t.emit('onSuccess', { at, name: this.ctx.name, execution: this.ctx.execution, attempts: this.started, durationMs: at - this.startedAt });
    }
    if (rejected) {
      this.lastValue = { value };
      this.afterFailure();
      return;
    }
    this.settle(attempt);
    this.o.retryBudget?.onSuccess();
    this.resolve(value);
  }

  private onError(attempt: number, actx: ExecutionContext, error: unknown): void {
    this.release(attempt);
    if (this.settled) return;
    if (this.ctx.telemetry !== undefined) this.emitAttemptEnd(attempt, attemptOutcome(this.ctx, error), error);
    const verdict = classifyFailure(this.o, this.ctx, actx, error);
    if (!verdict.retry && verdict.reason === 'circuit-open' && this.inFlight > 0) {
      // A hedge refused by the breaker (open, or half-open with its probe in flight) must not
      // abort the attempts already running: stop hedging and let them finish.
      this.noMoreLaunches = true;
      this.timer?.cancel();
      this.timer = undefined;
      this.errors.push({ attempt, error });
      return;
    }
    if (!verdict.retry) {
      this.fail(verdict.error, verdict.reason);
      return;
    }
    this.lastValue = undefined;
    this.errors.push({ attempt, error });
    this.afterFailure();
  }

  /** An attempt settled: it no longer listens to the call, and it will never be aborted. */
  private release(attempt: number): void {
    this.inFlight--;
    this.scopes[attempt]?.dispose();
    this.scopes[attempt] = undefined;
  }

  private afterFailure(): void {
    if (this.started < this.o.maxAttempts && !this.noMoreLaunches) {
      this.tryLaunch('failure');
      if (this.inFlight > 0 || this.launching) return;
    }
    if (this.inFlight === 0 && !this.launching) this.finishExhausted('exhausted');
  }

  private finishExhausted(reason: GiveUpReason): void {
    const last = this.lastValue;
    if (last !== undefined) {
      this.settle(undefined);
      this.emitGiveUp(undefined, reason);
      this.resolve(last.value);
      return;
    }
    const ordered = this.errors.sort((a, b) => a.attempt - b.attempt).map((e) => e.error);
    this.fail(exhaustedError(ordered, this.started), reason);
  }

  private fail(error: unknown, reason: GiveUpReason): void {
    if (this.settled) return;
    this.settle(undefined);
    this.emitGiveUp(error, reason);
    this.reject(error);
  }

  private emitGiveUp(error: unknown, reason: GiveUpReason): void {
    const t = this.ctx.telemetry;
    if (t === undefined) return;
    const at = this.ctx.clock.now();
    t.emit('onGiveUp', { at, name: this.ctx.name, execution: this.ctx.execution, attempts: this.started, durationMs: at - this.startedAt, error, reason });
  }

  /** Ends the run: no more launches, every other attempt aborted as a hedge loser. */
  private settle(winner: number | undefined): void {
    this.settled = true;
    this.timer?.cancel();
    this.timer = undefined;
    this.ctx.scope?.unsubscribe(this.onCallAbort);
    const call = this.ctx.scope;
    const cancelled = call?.aborted === true;
    let lost: HedgeLostError | undefined;
    for (let i = 0; i < this.scopes.length; i++) {
      const scope = this.scopes[i];
      if (scope === undefined || i === winner) continue;
      scope.abort(cancelled ? call.reason : (lost ??= new HedgeLostError(winner)));
      this.scopes[i] = undefined;
      if (this.ctx.telemetry !== undefined) this.emitAttemptEnd(i, cancelled ? 'cancelled' : 'hedge-lost', scope.reason);
    }
  }

  /** Reports how an attempt ended (abandoned ones end when the run settles). */
  private emitAttemptEnd(attempt: number, outcome: AttemptOutcome, error?: unknown): void {
    const t = this.ctx.telemetry;
    if (t === undefined) return;
    const at = this.ctx.clock.now();
    const { name, execution } = this.ctx;
    const durationMs = at - (this.attemptStarts[attempt] ?? at);
    t.emit(
      'onAttemptEnd',
      outcome === 'success'
        ? { at, name, execution, attempt, hedge: attempt > 0, outcome, durationMs }
        : { at, name, execution, attempt, hedge: attempt > 0, outcome, durationMs, error },
    );
  }
}
