import type { ExecutionContext } from '../core/context.js';
import { invokeAction } from './invoke.js';
import type { Next, Strategy } from './strategy.js';

/**
 * Links strategies once, outermost first, into a single function; `inner` (the action by
 * default) sits at the centre. Building per call is avoided: a policy's chain is made when the
 * policy is built.
 */
export function link(strategies: readonly Strategy<unknown>[], inner: Next = invokeAction): Next {
  let next = inner;
  for (let i = strategies.length - 1; i >= 0; i--) {
    const strategy = strategies[i] as Strategy<unknown>;
    const after = next;
    next = (ctx: ExecutionContext) => strategy.run(ctx, after);
  }
  return next;
}
