import type { AttemptContext, ExecutionContext } from '../core/context.js';
import { Listeners } from '../core/listeners.js';
import type { Telemetry } from '../core/telemetry/telemetry.js';
import { checkOptionsObject } from '../core/validate.js';
import { toTelemetry } from '../instrument/instrument.js';
import { PreparedExecute } from '../policy/prepared.js';
import { Mailbox } from './mailbox.js';
import {
  checkResult,
  normalizeMachine,
  OWNER,
  type HandleOptions,
  type StateMachineOptions,
  type Transition,
  type TransitionFn,
  type TransitionRecord,
} from './options.js';

/**
 * A state machine whose every transition runs under a resilience policy (inspired by Erlang's
 * gen_statem). Events go through a mailbox: they are applied one at a time, in the order
 * `handle` was called, however many callers there are. State and data change only when a
 * transition succeeds; a failed, timed-out or cancelled event rejects its own `handle()` and
 * the events behind it go on. Reading `state` and `data` never waits.
 *
 * Declare `states` to have the state type inferred as a union of literals and an unknown target
 * state rejected (a `RangeError`) instead of committed; without it the state type is `string`.
 */
export class StateMachine<const S = string, D = unknown, E = unknown> {
  private current: S;
  private currentData: D;
  private readonly transitionFn: TransitionFn<S, D, E>;
  private readonly states: ReadonlySet<S> | undefined;
  private readonly prepared: PreparedExecute;
  private readonly mailbox = new Mailbox();
  private readonly listeners: Listeners<TransitionRecord<S, E>>;
  private readonly telemetry: Telemetry | undefined;
  private readonly name: string | undefined;

  /** Validates every option now (a `TypeError`/`RangeError` names the option and the value). */
  constructor(options: StateMachineOptions<S, D, E>) {
    const m = normalizeMachine<S, D, E>(options);
    this.prepared = new PreparedExecute(OWNER, m.execute);
    this.current = m.initial;
    this.currentData = m.data;
    this.transitionFn = m.transition;
    this.states = m.states;
    this.name = m.execute.name;
    this.telemetry = m.execute.instrumenter === undefined ? undefined : toTelemetry(OWNER, m.execute.instrumenter);
    this.listeners = new Listeners((error) => {
      this.telemetry?.report('onTransition', { at: this.prepared.clock.now(), name: this.name }, error);
    });
  }

  /** The committed state. */
  get state(): S {
    return this.current;
  }

  /** The committed data. */
  get data(): D {
    return this.currentData;
  }

  /** Events waiting in the mailbox (not counting the one being applied). */
  get queued(): number {
    return this.mailbox.size;
  }

  /**
   * Queues `event` and resolves with the committed `{ state, data }` once its transition
   * succeeded. Rejects with the transition's error (state and data unchanged), with the signal's
   * reason if `signal` aborts (also while queued: the event leaves the queue at once), or with a
   * `DeadlineExceededError` when its deadline or the machine's `timeout` passes first.
   */
  handle(event: E, options?: HandleOptions): Promise<Transition<S, D>> {
    const run = { attempts: 0 };
    let ctx: ExecutionContext;
    try {
      const o = checkOptionsObject<HandleOptions>(`${OWNER}.handle`, options);
      const action = (actx: AttemptContext): unknown => {
        run.attempts++;
        return this.transitionFn(actx, this.current, this.currentData, event);
      };
      ctx = this.prepared.context(action, { signal: o.signal, deadline: o.deadline });
    } catch (error) {
      return Promise.reject(error);
    }
    // An idle machine applies the event right away (an aborted scope fails it in `run`).
    if (this.mailbox.tryEnter()) return this.apply(ctx, event, run);
    // Registered now, so the transition runs in the ambient (async) context of this caller.
    return this.mailbox.enter(ctx.scope).then(
      () => this.apply(ctx, event, run),
      (reason: unknown) => {
        this.prepared.discard(ctx);
        throw reason;
      },
    );
  }

  /**
   * Calls `listener` after each committed transition, before that event's `handle()` resolves.
   * A throwing listener is isolated (reported to the instrumenter's `onListenerError`).
   * Returns the function that unsubscribes it.
   */
  onTransition(listener: (transition: TransitionRecord<S, E>) => void): () => void {
    return this.listeners.add(listener);
  }

  private apply(ctx: ExecutionContext, event: E, run: { attempts: number }): Promise<Transition<S, D>> {
    const from = this.current;
    const clock = this.prepared.clock;
    const startedAt = clock.now();
    return this.prepared.run(ctx).then(
      (result) => {
        try {
          const next = checkResult<S, D>(result, from, this.states);
          this.current = next.state;
          this.currentData = next.data;
          if (this.listeners.size > 0) {
            this.listeners.emit({ from, to: next.state, event, attempts: run.attempts, durationMs: clock.now() - startedAt });
          }
          return next;
        } finally {
          this.mailbox.leave();
        }
      },
      (error: unknown) => {
        this.mailbox.leave();
        throw error;
      },
    );
  }
}
