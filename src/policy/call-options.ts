import { ambientState, earliest, isBypassed, toDeadline } from '../core/ambient.js';
import { CancelScope } from '../core/cancel-scope.js';
import { systemClock, type Clock } from '../core/clock.js';
import { ExecutionContext, type Action } from '../core/context.js';
import { DeadlineExceededError } from '../core/errors/deadline-exceeded-error.js';
import { isPriority, Priority } from '../core/priority.js';
import { defaultRandom, type Random } from '../core/random.js';
import { isAbortSignal } from '../core/signal.js';
import type { Instrumenter } from '../core/telemetry/instrumenter.js';
import { checkFunction, checkPositiveDuration, rangeError, typeError } from '../core/validate.js';

/** Per-call options accepted by `execute` and `Policy.execute`. */
export interface CallOptions {
  /** Caller's cancellation. @defaultValue the ambient signal, else none */
  signal?: AbortSignal;
  /** Absolute deadline (epoch ms or `Date`); an earlier ambient deadline still wins. */
  deadline?: number | Date;
  /** Total budget in ms for the whole call including retries; narrows `deadline`. */
  timeout?: number;
  /** The call's priority. @defaultValue the ambient priority, else `Priority.Standard` */
  priority?: Priority;
  /** Telemetry label. */
  name?: string;
  /** Time source. @defaultValue the system clock */
  clock?: Clock;
  /** Random source for jitter and chaos. @defaultValue Math.random */
  random?: Random;
  /** Receives this call's events. */
  instrumenter?: Instrumenter | readonly Instrumenter[];
}

/** Validates a `clock` option for `owner`. */
export function checkClock(owner: string, value: unknown): Clock {
  const c = value as Clock | null;
  if (typeof c !== 'object' || c === null || typeof c.now !== 'function' || typeof c.setTimer !== 'function') {
    typeError(owner, 'clock', 'a Clock (an object with now and setTimer)', value);
  }
  return c;
}

/**
 * Builds the root context of one call from its options and the ambient context. Cancellation
 * (a `CancelScope`) exists only when something can cancel the call: a signal or a deadline.
 * The deadline becomes one timer that aborts the call with `DeadlineExceededError`.
 */
export function createRootContext(owner: string, action: Action<unknown>, o: CallOptions | undefined): ExecutionContext {
  if (typeof action !== 'function') typeError(owner, 'action', 'a function', action);
  const ambient = ambientState();
  let clock = systemClock;
  let random = defaultRandom;
  let deadline = ambient?.deadline;
  let priority = ambient?.priority ?? Priority.Standard;
  let name: string | undefined;
  let signal: AbortSignal | undefined;
  if (o !== undefined) {
    if (o.clock !== undefined) clock = checkClock(owner, o.clock);
    if (o.random !== undefined) random = checkFunction<Random>(owner, 'random', o.random);
    if (o.deadline !== undefined) deadline = earliest(deadline, toDeadline(owner, o.deadline));
    if (o.timeout !== undefined) deadline = earliest(deadline, clock.now() + checkPositiveDuration(owner, 'timeout', o.timeout));
    if (o.priority !== undefined) {
      if (!isPriority(o.priority)) rangeError(owner, 'priority', `one of ${Object.values(Priority).join(', ')}`, o.priority);
      priority = o.priority;
    }
    if (o.name !== undefined) {
      if (typeof o.name !== 'string') typeError(owner, 'name', 'a string', o.name);
      name = o.name;
    }
    if (o.signal !== undefined) {
      if (!isAbortSignal(o.signal)) typeError(owner, 'signal', 'an AbortSignal', o.signal);
      signal = o.signal;
    }
  }
  const scope = rootScope(clock, deadline, signal, ambient?.signal);
  return new ExecutionContext({
    action,
    clock,
    random,
    scope,
    deadline,
    priority,
    name,
    attempt: 0,
    lastError: undefined,
    telemetry: undefined,
    execution: undefined,
    bypass: isBypassed(ambient),
  });
}

function rootScope(
  clock: Clock,
  deadline: number | undefined,
  signal: AbortSignal | undefined,
  ambientSignal: AbortSignal | undefined,
): CancelScope | undefined {
  if (deadline === undefined && signal === undefined && ambientSignal === undefined) return undefined;
  const scope = new CancelScope();
  if (signal !== undefined) scope.linkSignal(signal);
  if (ambientSignal !== undefined && ambientSignal !== signal) scope.linkSignal(ambientSignal);
  if (deadline !== undefined && !scope.aborted) {
    const remaining = deadline - clock.now();
    if (remaining <= 0) {
      scope.abort(new DeadlineExceededError(deadline));
    } else {
      const timer = clock.setTimer(remaining, () => {
        scope.abort(new DeadlineExceededError(deadline));
      });
      scope.onDispose(() => {
        timer.cancel();
      });
    }
  }
  return scope;
}

/** Releases the root scope (signal links, deadline timer) once the call settles. */
export function settleRoot(work: Promise<unknown>, ctx: ExecutionContext): Promise<unknown> {
  const scope = ctx.scope;
  if (scope === undefined) return work;
  const release = (): void => {
    scope.dispose();
  };
  work.then(release, release);
  return work;
}
