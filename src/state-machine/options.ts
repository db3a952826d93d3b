import type { AttemptContext } from '../core/context.js';
import { checkFunction, checkOptionsObject, describeValue, rangeError, typeError } from '../core/validate.js';
import type { ExecuteOptions } from '../policy/execute.js';

/** The outcome of a transition: the next state and data. */
export interface Transition<S, D> {
  readonly state: S;
  readonly data: D;
}

/**
 * Computes the next state and data for `event`. It may do I/O and may throw: it runs under the
 * machine's resilience options, and each attempt sees the same committed state and data.
 */
export type TransitionFn<S, D, E> = (
  ctx: AttemptContext,
  state: S,
  data: D,
  event: E,
) => Transition<S, D> | PromiseLike<Transition<S, D>>;

/**
 * Options of `new StateMachine(...)`: the machine itself plus `execute`'s options for every
 * transition. The state type is inferred from `states` only (`NoInfer` elsewhere), so a typo in
 * `initial`, a transition or a fallback is a compile error instead of a widened state type.
 */
export interface StateMachineOptions<S, D, E> extends ExecuteOptions<Transition<NoInfer<S>, D>> {
  /** The state the machine starts in (must be one of `states` when they are declared). */
  initial: NoInfer<S>;
  /** The data the machine starts with. */
  data: D;
  /** Computes each event's next state and data. */
  transition: TransitionFn<NoInfer<S>, D, E>;
  /** Every valid state; a transition to any other state is an error instead of a silent typo. */
  states?: readonly S[];
}

/** What `onTransition` listeners receive once a transition is committed. */
export interface TransitionRecord<S, E> {
  /** The state before the event. */
  readonly from: S;
  /** The state after the event. */
  readonly to: S;
  /** The event that caused the transition. */
  readonly event: E;
  /** Attempts the transition took (1 when it succeeded at once). */
  readonly attempts: number;
  /** Time from the start of the transition (after any wait in the mailbox) to its commit, in ms. */
  readonly durationMs: number;
}

/** Per-event options of `handle`. */
export interface HandleOptions {
  /** Cancels this event, also while it waits in the mailbox. */
  signal?: AbortSignal;
  /** Absolute deadline of this event (epoch ms or `Date`), counted from the `handle` call. */
  deadline?: number | Date;
}

/** The validated machine-level options. */
export interface NormalizedMachine<S, D, E> {
  readonly initial: S;
  readonly data: D;
  readonly transition: TransitionFn<S, D, E>;
  readonly states: ReadonlySet<S> | undefined;
}

export const OWNER = 'StateMachine';

/** Validates the machine's own options (the `execute` options are checked by `PreparedExecute`). */
export function normalizeMachine<S, D, E>(options: unknown): NormalizedMachine<S, D, E> & { execute: ExecuteOptions<never> } {
  // Unlike execute's, these options are required: there is no machine without a transition.
  if (options === undefined) typeError(OWNER, 'options', 'an object', options);
  const o = checkOptionsObject<StateMachineOptions<S, D, E>>(OWNER, options);
  const transition = checkFunction<TransitionFn<S, D, E>>(OWNER, 'transition', o.transition);
  if (!('initial' in o)) typeError(OWNER, 'initial', 'set', undefined);
  const initial = o.initial as S;
  let states: ReadonlySet<S> | undefined;
  if (o.states !== undefined) {
    if (!Array.isArray(o.states)) typeError(OWNER, 'states', 'an array of states', o.states);
    if (o.states.length === 0) rangeError(OWNER, 'states', 'a non-empty array of states', o.states);
    states = new Set(o.states);
    if (!states.has(initial)) rangeError(OWNER, 'initial', `one of states (${listStates(states)})`, initial);
  }
  // The machine's own keys are ignored by `execute`, so the whole object doubles as its options.
  return { initial, data: o.data as D, transition, states, execute: o as unknown as ExecuteOptions<never> };
}

/** Renders declared states for an error message (the first few). */
export function listStates(states: ReadonlySet<unknown>): string {
  const shown = [...states].slice(0, 8).map(describeValue);
  return states.size > 8 ? `${shown.join(', ')}, …` : shown.join(', ');
}

/** Checks a transition's result: its shape, and its target against the declared states. */
export function checkResult<S, D>(result: unknown, from: S, states: ReadonlySet<S> | undefined): Transition<S, D> {
  if (typeof result !== 'object' || result === null || !('state' in result)) {
    throw new TypeError(`${OWNER}: transition must return { state, data } (got ${describeValue(result)})`);
  }
  const { state, data } = result as Transition<S, D>;
  if (states !== undefined && !states.has(state)) {
    throw new RangeError(
      `${OWNER}: transition from ${describeValue(from)} returned unknown state ${describeValue(state)} (declared: ${listStates(states)})`,
    );
  }
  return { state, data };
}
