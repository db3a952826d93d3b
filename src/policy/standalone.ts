import { ambientState } from '../core/ambient.js';
import { CancelScope } from '../core/cancel-scope.js';
import type { Clock } from '../core/clock.js';
import { ExecutionContext, type AttemptContext } from '../core/context.js';
import { Priority } from '../core/priority.js';
import { defaultRandom } from '../core/random.js';
import { isAbortSignal } from '../core/signal.js';
import { typeError } from '../core/validate.js';
import { invokeAction } from './invoke.js';
import type { Strategy } from './strategy.js';

/** What a block's standalone `execute(fn, signal?)` passes to `fn`. */
export type BlockAction<T> = (ctx: { readonly signal: AbortSignal } & AttemptContext) => T | PromiseLike<T>;

/**
 * Runs one block's strategy on its own, for `block.execute(fn, signal?)`. Always returns a
 * promise: a synchronous throw in `fn` becomes a rejection, and invalid arguments too.
 */
export function runStandalone<T>(
  owner: string,
  strategy: Strategy<unknown>,
  clock: Clock,
  fn: BlockAction<T>,
  signal: AbortSignal | undefined,
): Promise<T> {
  try {
    if (typeof fn !== 'function') typeError(owner, 'fn', 'a function', fn);
    if (signal !== undefined && !isAbortSignal(signal)) typeError(owner, 'signal', 'an AbortSignal', signal);
  } catch (error) {
    return Promise.reject(error);
  }
  let scope: CancelScope | undefined;
  if (signal !== undefined) {
    scope = new CancelScope();
    scope.linkSignal(signal);
  }
  const ctx = new ExecutionContext(
    fn,
    clock,
    defaultRandom,
    scope,
    undefined,
    // Blocks that shed by priority see the caller's ambient priority, as they do inside execute.
    ambientState()?.priority ?? Priority.Standard,
    undefined,
    0,
    undefined,
    undefined,
    undefined,
    false,
  );
  const work = strategy.run(ctx, invokeAction) as Promise<T>;
  if (scope !== undefined) {
    const release = (): void => {
      scope.dispose();
    };
    work.then(release, release);
  }
  return work;
}
