import type { ExecutionContext } from '../core/context.js';
import { DeadlineExceededError } from '../core/errors/deadline-exceeded-error.js';
import { defaultRandom } from '../core/random.js';
import { sleep } from '../core/sleep.js';
import type { GiveUpReason } from '../core/telemetry/events.js';
import type { Next } from '../policy/strategy.js';
import { cancellationReason } from './classify.js';
import { attemptOutcome, classifyFailure, nextDelay } from './decide.js';
import { exhaustedError } from './exhausted.js';
import type { NormalizedRetry } from './options.js';

class GiveUp {
  constructor(
    readonly error: unknown,
    readonly reason: GiveUpReason,
  ) {}
}

/** A failure of attempt 0 that the fast path hands to the full loop. */
interface FirstFailure {
  readonly error: unknown;
}

/**
 * Sequential retries: one attempt at a time, a backoff (or the server's hint) between them.
 * The first attempt of an uninstrumented call runs on a fast path: one `.then` on the action's
 * promise, so success costs no async frame; the full loop starts only after a failure.
 */
export function runRetry(o: NormalizedRetry, ctx: ExecutionContext, next: Next, onSuccess: ((value: unknown) => unknown) | undefined): Promise<unknown> {
  if (ctx.telemetry !== undefined || o.retryIfResult !== undefined) return retryLoop(o, ctx, next, undefined);
  return next(ctx.forAttempt(0, undefined)).then(onSuccess, (error: unknown) => retryLoop(o, ctx, next, { error }));
}

// Events are object literals, never `{ ...base, x }`: in V8 a spread followed by a property
// takes a slow runtime path (tens of times the cost of a literal).
async function retryLoop(o: NormalizedRetry, ctx: ExecutionContext, next: Next, first: FirstFailure | undefined): Promise<unknown> {
  const t = ctx.telemetry;
  const startedAt = t === undefined ? 0 : ctx.clock.now();
  // A retry without a `random` of its own jitters with the call's (a seeded run stays reproducible).
  const shared = o.jitterFrom !== undefined && ctx.random !== defaultRandom ? o.jitterFrom(ctx.random) : o.backoff;
  const backoff = shared.forCall === undefined ? shared : shared.forCall();
  let errors: unknown[] | undefined;
  let lastError: unknown = undefined;
  for (let attempt = 0; ; attempt++) {
    const actx = ctx.forAttempt(attempt, lastError);
    const attemptStart = t === undefined ? 0 : emitAttempt(actx, attempt);
    let value: unknown;
    try {
      // Resume where the fast path left off: its first attempt already failed.
      if (attempt === 0 && first !== undefined) throw first.error;
      value = await next(actx);
    } catch (thrown) {
      if (t !== undefined) {
        const outcome = attemptOutcome(ctx, thrown);
        const at = actx.clock.now();
        t.emit('onAttemptEnd', { at, name: actx.name, execution: actx.execution, attempt, hedge: false, outcome, durationMs: at - attemptStart, error: thrown });
      }
      const verdict = classifyFailure(o, ctx, actx, thrown);
      if (!verdict.retry) return giveUp(ctx, startedAt, attempt + 1, new GiveUp(verdict.error, verdict.reason));
      (errors ??= []).push(thrown);
      lastError = thrown;
      if (attempt + 1 >= o.maxAttempts) {
        return giveUp(ctx, startedAt, attempt + 1, new GiveUp(exhaustedError(errors, attempt + 1), 'exhausted'));
      }
      const refusal = await waitBeforeRetry(o, backoff, ctx, attempt, thrown, errors);
      if (refusal !== undefined) return giveUp(ctx, startedAt, attempt + 1, refusal);
      continue;
    }
    if (o.retryIfResult?.(value, actx) === true) {
      if (t !== undefined) {
        const at = actx.clock.now();
        t.emit('onAttemptEnd', { at, name: actx.name, execution: actx.execution, attempt, hedge: false, outcome: 'failure', durationMs: at - attemptStart });
      }
      // A rejected value is still a value: when we cannot try again, the caller gets it.
      if (attempt + 1 >= o.maxAttempts) return valueGiveUp(ctx, startedAt, attempt + 1, value);
      lastError = undefined;
      const refusal = await waitBeforeRetry(o, backoff, ctx, attempt, undefined, errors);
      if (refusal !== undefined) {
        if (refusal.reason === 'cancelled') throw refusal.error;
        return valueGiveUp(ctx, startedAt, attempt + 1, value);
      }
      continue;
    }
    if (t !== undefined) {
      const now = actx.clock.now();
      t.emit('onAttemptEnd', { at: now, name: actx.name, execution: actx.execution, attempt, hedge: false, outcome: 'success', durationMs: now - attemptStart });
      t.emit('onSuccess', { at: now, name: actx.name, execution: actx.execution, attempts: attempt + 1, durationMs: now - startedAt });
    }
    o.retryBudget?.onSuccess();
    return value;
  }
}

function emitAttempt(actx: ExecutionContext, attempt: number): number {
  const at = actx.clock.now();
  actx.telemetry?.emit('onAttempt', { at, name: actx.name, execution: actx.execution, attempt, hedge: false });
  return at;
}

/**
 * Sleeps before the next attempt, unless the deadline would pass first, the budget refuses, or
 * the call is cancelled meanwhile: then it returns why retrying stops.
 */
async function waitBeforeRetry(
  o: NormalizedRetry,
  backoff: NormalizedRetry['backoff'],
  ctx: ExecutionContext,
  attempt: number,
  error: unknown,
  errors: readonly unknown[] | undefined,
): Promise<GiveUp | undefined> {
  const { delay: computed, serverHint } = nextDelay(o, backoff, attempt, error);
  const delay = ctx.bypass ? 0 : computed;
  const deadline = ctx.deadline;
  if (deadline !== undefined && ctx.clock.now() + delay >= deadline) {
    // Never sleep past the deadline: the attempt after the sleep could not run anyway.
    const cause = errors === undefined ? undefined : exhaustedError(errors, attempt + 1);
    return new GiveUp(new DeadlineExceededError(deadline, { cause, message: `deadline exceeded: no time left for attempt ${String(attempt + 2)}` }), 'deadline');
  }
  const budget = o.retryBudget;
  if (budget !== undefined) {
    const allowed = await budget.tryRetry();
    if (!allowed) {
      ctx.telemetry?.emit('onRetryThrottled', { at: ctx.clock.now(), name: ctx.name, execution: ctx.execution, attempt: attempt + 1, budget: budget.name });
      return new GiveUp(error ?? errors?.[errors.length - 1], 'budget');
    }
  }
  ctx.telemetry?.emit('onRetry', { at: ctx.clock.now(), name: ctx.name, execution: ctx.execution, attempt, delayMs: delay, error, serverHint });
  try {
    await sleep(ctx.clock, delay, ctx.scope);
  } catch (reason) {
    return new GiveUp(reason, cancellationReason(reason));
  }
  return undefined;
}

function giveUp(ctx: ExecutionContext, startedAt: number, attempts: number, g: GiveUp): never {
  const t = ctx.telemetry;
  if (t !== undefined) {
    const at = ctx.clock.now();
    t.emit('onGiveUp', { at, name: ctx.name, execution: ctx.execution, attempts, durationMs: at - startedAt, error: g.error, reason: g.reason });
  }
  throw g.error;
}

function valueGiveUp(ctx: ExecutionContext, startedAt: number, attempts: number, value: unknown): unknown {
  const t = ctx.telemetry;
  if (t !== undefined) {
    const at = ctx.clock.now();
    t.emit('onGiveUp', { at, name: ctx.name, execution: ctx.execution, attempts, durationMs: at - startedAt, error: undefined, reason: 'exhausted' });
  }
  return value;
}
