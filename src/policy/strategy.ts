import type { ExecutionContext } from '../core/context.js';

/** Runs the rest of the pipeline (the inner strategies and the action) with `ctx`. */
export type Next = (ctx: ExecutionContext) => Promise<unknown>;

/**
 * One layer of protection. `run` calls `next` zero or more times (a retry calls it once per
 * attempt, an open breaker not at all) and must settle only after releasing what it acquired.
 */
export interface Strategy<W = never> {
  /** Short kind name, e.g. `retry`, `timeout`, `circuit-breaker`. */
  readonly kind: string;
  /** Runs this layer around `next`. */
  run(ctx: ExecutionContext, next: Next): Promise<unknown>;
  /**
   * Type-level only (never set at run time): the type a strategy may produce besides the
   * action's, such as a fallback's value. Strategies that widen declare it as required.
   */
  readonly '~widens'?: W;
}

/** The extra result type a strategy (or union of strategies) may produce. */
export type WidenOf<S> = S extends { readonly '~widens': infer W } ? W : never;
