import type { Action } from '../core/context.js';
import { unwrapFatal } from '../core/errors/fatal.js';
import { describeValue } from '../core/validate.js';
import { createRootContext, settleRoot, type CallOptions } from './call-options.js';
import { link } from './chain.js';
import type { Next, Strategy, WidenOf } from './strategy.js';
import type { ExecutionContext } from '../core/context.js';
import { instrumentLayer } from '../instrument/instrument.js';

/**
 * An immutable pipeline of strategies, outermost first. Build it once and share it: the chain is
 * linked at build time and every call only creates its context.
 */
export class Policy<W = never> implements Strategy<W> {
  readonly kind = 'policy';
  declare readonly '~widens': W;
  /** The strategies, outermost first (nested policies are flattened). */
  readonly strategies: readonly Strategy<unknown>[];
  private readonly chain: Next;
  private readonly retries: boolean;

  constructor(strategies: readonly Strategy<unknown>[]) {
    this.strategies = Object.freeze([...strategies]);
    this.chain = link(this.strategies);
    this.retries = this.strategies.some((s) => s.kind === 'retry');
    Object.freeze(this);
  }

  /** Runs `action` through the pipeline. */
  execute<T>(action: Action<T>, options?: CallOptions): Promise<T | W> {
    const ctx = createRootContext('policy.execute', action, options);
    const instrumenter = options?.instrumenter;
    const layer = instrumenter === undefined ? undefined : instrumentLayer('policy.execute', instrumenter);
    const run = layer === undefined ? this.chain(ctx) : layer.run(ctx, this.chain);
    const work = settleRoot(run, ctx);
    // Without a retry layer nobody unwraps `fatal(e)`, so the boundary does.
    return (this.retries ? work : work.then(undefined, rethrowUnwrapped)) as Promise<T | W>;
  }

  /** Runs the pipeline as one layer of an outer pipeline. */
  run(ctx: ExecutionContext, next: Next): Promise<unknown> {
    return link(this.strategies, next)(ctx);
  }
}

function rethrowUnwrapped(error: unknown): never {
  throw unwrapFatal(error);
}

/**
 * Composes strategies into a reusable {@link Policy}, the first argument outermost. Policies
 * can be passed in too; they are flattened.
 */
export function policy<const S extends readonly Strategy<unknown>[]>(...strategies: S): Policy<WidenOf<S[number]>> {
  const flat: Strategy<unknown>[] = [];
  strategies.forEach((s, i) => {
    const candidate: unknown = s;
    if (typeof candidate !== 'object' || candidate === null || typeof (candidate as Partial<Strategy>).run !== 'function') {
      throw new TypeError(`policy: strategies[${String(i)}] must be a strategy (got ${describeValue(candidate)})`);
    }
    if (s instanceof Policy) flat.push(...(s.strategies as Strategy<unknown>[]));
    else flat.push(s);
  });
  return new Policy(flat);
}
