import type { CancelScope } from './cancel-scope.js';
import type { Clock } from './clock.js';
import type { Priority } from './priority.js';
import type { Random } from './random.js';
import type { ExecutionInfo } from './telemetry/events.js';
import type { Telemetry } from './telemetry/telemetry.js';

/** What an action receives: read-only facts about the current attempt. */
export interface AttemptContext {
  /** Aborted when this attempt must stop: caller abort, deadline, attempt timeout, lost hedge. */
  readonly signal: AbortSignal;
  /** 0-based attempt number. */
  readonly attempt: number;
  /** The previous attempt's error, or `undefined` on the first attempt. */
  readonly lastError: unknown;
  /** Absolute deadline (epoch ms), if any. */
  readonly deadline: number | undefined;
  /** Milliseconds left before the deadline (`Infinity` without one); safe to destructure. */
  readonly remaining: () => number;
  /** The call's priority. */
  readonly priority: Priority;
  /** The call's `name` option. */
  readonly name: string | undefined;
}

/** A user action: may return a value or a promise, and may throw. */
export type Action<T> = (ctx: AttemptContext) => T | PromiseLike<T>;

const infinite = (): number => Infinity;

/**
 * The one object that flows down a policy. Strategies never mutate it: they derive children
 * (`withScope`, `forAttempt`, `with`). The same object is what the action sees as its
 * {@link AttemptContext}. Fields are positional in the constructor because a context is created
 * on every call: it must cost one allocation.
 */
export class ExecutionContext implements AttemptContext {
  private ownSignal: AbortSignal | undefined = undefined;

  constructor(
    /** The user's action (innermost step). */
    readonly action: Action<unknown>,
    readonly clock: Clock,
    readonly random: Random,
    /** Cancellation of this level; `undefined` when nothing can ever cancel it. */
    readonly scope: CancelScope | undefined,
    readonly deadline: number | undefined,
    readonly priority: Priority,
    readonly name: string | undefined,
    readonly attempt: number,
    readonly lastError: unknown,
    /** Event dispatch; `undefined` when no instrumenter listens. */
    readonly telemetry: Telemetry | undefined,
    /** Identity of the call for telemetry; set by the outermost instrument layer. */
    readonly execution: ExecutionInfo | undefined,
    /** True when delays are bypassed for tests. */
    readonly bypass: boolean,
  ) {}

  get signal(): AbortSignal {
    if (this.scope !== undefined) return this.scope.signal;
    // Nothing can cancel this call: hand out a private signal that never aborts.
    return (this.ownSignal ??= new AbortController().signal);
  }

  /** Milliseconds left before the deadline; safe to destructure (`({ remaining }) => remaining()`). */
  get remaining(): () => number {
    const { deadline, clock } = this;
    return deadline === undefined ? infinite : () => deadline - clock.now();
  }

  /** A child with other fields replaced. */
  with(c: ContextChanges): ExecutionContext {
    return new ExecutionContext(
      this.action,
      this.clock,
      this.random,
      'scope' in c ? c.scope : this.scope,
      'deadline' in c ? c.deadline : this.deadline,
      this.priority,
      this.name,
      c.attempt ?? this.attempt,
      'lastError' in c ? c.lastError : this.lastError,
      'telemetry' in c ? c.telemetry : this.telemetry,
      'execution' in c ? c.execution : this.execution,
      this.bypass,
    );
  }

  /** A child whose cancellation is `scope`. */
  withScope(scope: CancelScope): ExecutionContext {
    return this.with({ scope });
  }

  /** The context of attempt `attempt`; reuses `this` when nothing changes. */
  forAttempt(attempt: number, lastError: unknown, scope: CancelScope | undefined = this.scope): ExecutionContext {
    if (attempt === this.attempt && lastError === this.lastError && scope === this.scope) return this;
    return this.with({ attempt, lastError, scope });
  }
}

/** Fields a strategy may change when deriving a child context. */
export interface ContextChanges {
  readonly scope?: CancelScope | undefined;
  readonly deadline?: number | undefined;
  readonly attempt?: number;
  readonly lastError?: unknown;
  readonly telemetry?: Telemetry | undefined;
  readonly execution?: ExecutionInfo | undefined;
}
