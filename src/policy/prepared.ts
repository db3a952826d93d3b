import { earliest, toDeadline } from '../core/ambient.js';
import { CancelScope } from '../core/cancel-scope.js';
import { systemClock, type Clock } from '../core/clock.js';
import type { Action, ExecutionContext } from '../core/context.js';
import { isAbortSignal, linkSignal } from '../core/signal.js';
import { typeError } from '../core/validate.js';
import { createRootContext, settleRoot, type CallOptions } from './call-options.js';
import { link } from './chain.js';
import { strategiesFor, type ExecuteOptions } from './execute.js';
import type { Next } from './strategy.js';

/** What one call of a {@link PreparedExecute} may add to the prepared options. */
export interface PreparedCall {
  /** Cancels this call; combined with the prepared `signal`, if any. */
  signal?: AbortSignal | undefined;
  /** Absolute deadline (epoch ms or `Date`); the earlier of it and the prepared `deadline` wins. */
  deadline?: number | Date | undefined;
  /**
   * An internal scope that cancels this call with its reason: far cheaper than a signal for a
   * component that starts many calls under one cancellation (no EventTarget listener per call).
   */
  scope?: CancelScope | undefined;
}

/**
 * `execute`'s options validated and linked once, for components that make many calls with the
 * same options (a state machine's transitions, a stream's items). Every option is checked at
 * construction with `owner` in the message; a call only builds its context.
 */
export class PreparedExecute {
  /** The clock every call uses. */
  readonly clock: Clock;
  private readonly chain: Next;
  private readonly call: CallOptions;
  private readonly signal: AbortSignal | undefined;
  private readonly deadline: number | undefined;

  constructor(
    private readonly owner: string,
    o: ExecuteOptions<never>,
  ) {
    this.chain = link(strategiesFor(o, owner));
    const call: CallOptions = {};
    if (o.clock !== undefined) call.clock = o.clock;
    if (o.random !== undefined) call.random = o.random;
    if (o.priority !== undefined) call.priority = o.priority;
    if (o.name !== undefined) call.name = o.name;
    if (o.timeout !== undefined) call.timeout = o.timeout;
    // Building (and releasing) one context checks the call-level options exactly as a call would.
    createRootContext(owner, noop, { ...call, ...(o.signal === undefined ? {} : { signal: o.signal }) }).scope?.dispose();
    this.call = call;
    this.clock = o.clock ?? systemClock;
    this.signal = o.signal;
    this.deadline = o.deadline === undefined ? undefined : toDeadline(owner, o.deadline);
  }

  /**
   * Creates the root context of one call now: its deadline and `timeout` start counting and the
   * ambient context is captured. Pass it to {@link run}, or to {@link discard} if it never runs.
   */
  context(action: Action<unknown>, extra: PreparedCall = {}): ExecutionContext {
    if (extra.signal !== undefined && !isAbortSignal(extra.signal)) typeError(this.owner, 'signal', 'an AbortSignal', extra.signal);
    const deadline = earliest(this.deadline, extra.deadline === undefined ? undefined : toDeadline(this.owner, extra.deadline));
    const options: CallOptions = deadline === undefined ? { ...this.call } : { ...this.call, deadline };
    let ctx: ExecutionContext;
    if (extra.signal === undefined || this.signal === undefined) {
      const signal = extra.signal ?? this.signal;
      if (signal !== undefined) options.signal = signal;
      ctx = createRootContext(this.owner, action, options);
    } else {
      const both = linkSignal(this.signal, extra.signal);
      options.signal = both.signal;
      ctx = createRootContext(this.owner, action, options);
      // A signal means the context has a scope; the link lives exactly as long as it.
      ctx.scope?.onDispose(() => {
        both.dispose();
      });
    }
    return extra.scope === undefined ? ctx : underScope(ctx, extra.scope);
  }

  /** Runs the prepared layers for `ctx`; the context's scope is released when it settles. */
  run(ctx: ExecutionContext): Promise<unknown> {
    return settleRoot(this.chain(ctx), ctx);
  }

  /** Releases a context that will never run (its caller gave up before its turn). */
  discard(ctx: ExecutionContext): void {
    ctx.scope?.dispose();
  }
}

/** `ctx`, made to abort when `parent` aborts; the link is removed when the call's scope is released. */
function underScope(ctx: ExecutionContext, parent: CancelScope): ExecutionContext {
  const own = ctx.scope;
  if (own === undefined) return ctx.withScope(new CancelScope(parent));
  if (parent.aborted) {
    own.abort(parent.reason);
    return ctx;
  }
  const onAbort = (): void => {
    own.abort(parent.reason);
  };
  parent.subscribe(onAbort);
  own.onDispose(() => {
    parent.unsubscribe(onAbort);
  });
  return ctx;
}

function noop(): void {
  // The action of the validation-only context; it never runs.
}
