import { createStorage } from './ambient-storage.js';
import { systemClock, type Clock } from './clock.js';
import { isPriority, Priority } from './priority.js';
import { isAbortSignal, linkSignal } from './signal.js';
import { isThenable } from './thenable.js';
import { checkPositiveDuration, typeError, rangeError, checkOptionsObject } from './validate.js';

/** What nested code inherits from {@link runWithContext}. */
export interface AmbientState {
  readonly deadline: number | undefined;
  readonly signal: AbortSignal | undefined;
  readonly priority: Priority | undefined;
  readonly bypass: boolean;
}

/** Options of {@link runWithContext}. */
export interface ContextOptions {
  /** Absolute deadline (epoch ms or `Date`); an outer, earlier deadline still wins. */
  deadline?: number | Date;
  /** Budget in ms from now; narrows `deadline`. */
  timeout?: number;
  /** Cancellation for everything inside; combined with any outer signal. */
  signal?: AbortSignal;
  /** Priority of the work inside (overrides the outer one). */
  priority?: Priority;
  /** Clock used to turn `timeout` into a deadline. */
  clock?: Clock;
}

/** The ambient context as seen by user code. */
export interface CurrentContext {
  readonly deadline?: number;
  readonly signal?: AbortSignal;
  readonly priority: Priority;
}

const storage = createStorage<AmbientState>();
let globalBypass = false;
// Until some code enters an ambient context there is nothing to look up; skipping getStore()
// keeps the uninstrumented hot path of `execute` free of it.
let entered = false;

/** The raw ambient state (internal). */
export function ambientState(): AmbientState | undefined {
  return entered ? storage.getStore() : undefined;
}

function enter<R>(state: AmbientState, fn: () => R): R {
  entered = true;
  return storage.run(state, fn);
}

/** True when the runtime propagates context across `await` (AsyncLocalStorage is available). */
export const hasAsyncContext: boolean = storage.async;

/** Normalises a deadline option (epoch ms or Date) for `owner`. */
export function toDeadline(owner: string, value: unknown): number {
  if (value instanceof Date) {
    const t = value.getTime();
    if (Number.isNaN(t)) return rangeError(owner, 'deadline', 'a valid Date or finite epoch milliseconds', value);
    return t;
  }
  if (typeof value !== 'number') return typeError(owner, 'deadline', 'a number (epoch ms) or a Date', value);
  if (!Number.isFinite(value)) return rangeError(owner, 'deadline', 'a finite number of epoch milliseconds', value);
  return value;
}

/** The earlier of two optional deadlines. */
export function earliest(a: number | undefined, b: number | undefined): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return a < b ? a : b;
}

/**
 * Runs `fn` with an ambient deadline, signal and priority that every `execute` inside it (and
 * everything those call) inherits. Nested contexts only narrow: the earlier deadline wins and
 * signals are combined.
 */
export function runWithContext<R>(options: ContextOptions, fn: () => R): R {
  const owner = 'runWithContext';
  const o = checkOptionsObject<ContextOptions>(owner, options);
  if (typeof fn !== 'function') typeError(owner, 'fn', 'a function', fn);
  const parent = ambientState();
  const clock = o.clock ?? systemClock;
  let deadline = o.deadline === undefined ? undefined : toDeadline(owner, o.deadline);
  if (o.timeout !== undefined) {
    deadline = earliest(deadline, clock.now() + checkPositiveDuration(owner, 'timeout', o.timeout));
  }
  deadline = earliest(parent?.deadline, deadline);
  if (o.signal !== undefined && !isAbortSignal(o.signal)) typeError(owner, 'signal', 'an AbortSignal', o.signal);
  if (o.priority !== undefined && !isPriority(o.priority)) {
    rangeError(owner, 'priority', `one of ${Object.values(Priority).join(', ')}`, o.priority);
  }
  let signal = o.signal ?? parent?.signal;
  let dispose: (() => void) | undefined;
  if (o.signal !== undefined && parent?.signal !== undefined && o.signal !== parent.signal) {
    const link = linkSignal(parent.signal, o.signal);
    signal = link.signal;
    dispose = () => {
      link.dispose();
    };
  }
  const state: AmbientState = {
    deadline,
    signal,
    priority: o.priority ?? parent?.priority,
    bypass: parent?.bypass ?? false,
  };
  return runDisposing(state, fn, dispose);
}

function runDisposing<R>(state: AmbientState, fn: () => R, dispose: (() => void) | undefined): R {
  if (dispose === undefined) return enter(state, fn);
  let result: R;
  try {
    result = enter(state, fn);
  } catch (error) {
    dispose();
    throw error;
  }
  // The link lives as long as the work: until the returned promise settles.
  if (isThenable(result)) result.then(dispose, dispose);
  else dispose();
  return result;
}

/** The ambient context (deadline, signal, priority) of the calling code. */
export function currentContext(): CurrentContext {
  const s = ambientState();
  const ctx: { deadline?: number; signal?: AbortSignal; priority: Priority } = {
    priority: s?.priority ?? Priority.Standard,
  };
  if (s?.deadline !== undefined) ctx.deadline = s.deadline;
  if (s?.signal !== undefined) ctx.signal = s.signal;
  return ctx;
}

/**
 * Runs `fn` with every backoff, hedge and chaos delay made zero (attempt counts unchanged), for
 * fast unit tests. Covers all work started inside `fn` until its promise settles.
 */
export function withTestingBypass<R>(fn: () => R): R {
  if (typeof fn !== 'function') typeError('withTestingBypass', 'fn', 'a function', fn);
  const parent = ambientState();
  return enter(
    {
      deadline: parent?.deadline,
      signal: parent?.signal,
      priority: parent?.priority,
      bypass: true,
    },
    fn,
  );
}

/** Turns the testing bypass on or off for the whole process (prefer `withTestingBypass`). */
export function setTestingBypass(on: boolean): void {
  if (typeof on !== 'boolean') typeError('setTestingBypass', 'on', 'a boolean', on);
  globalBypass = on;
}

/** True when delays are bypassed for `state` (or globally). */
export function isBypassed(state: AmbientState | undefined): boolean {
  return globalBypass || state?.bypass === true;
}
