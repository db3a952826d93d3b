import type { CancelScope } from '../core/cancel-scope.js';
import type { ExecutionContext } from '../core/context.js';
import { isThenable } from '../core/thenable.js';

/**
 * The innermost step of every pipeline: calls the action. Synchronous throws and non-Error
 * throws become rejections. When the attempt can be cancelled, the returned promise settles as
 * soon as its scope aborts, even if the action ignores its signal (the action's late result is
 * still observed, so it can never become an unhandled rejection).
 */
export function invokeAction(ctx: ExecutionContext): Promise<unknown> {
  const scope = ctx.scope;
  if (scope?.aborted === true) return Promise.reject(scope.reason);
  let result: unknown;
  try {
    result = ctx.action(ctx);
  } catch (error) {
    return Promise.reject(error);
  }
  if (scope === undefined || !isThenable(result)) return Promise.resolve(result);
  if (isAborted(scope)) {
    // The action itself caused the abort; its own outcome is no longer wanted.
    result.then(undefined, ignore);
    return Promise.reject(scope.reason);
  }
  return abandonOnAbort(result, scope);
}

// A function call, so type narrowing from the check above does not hide an abort the action caused.
function isAborted(scope: CancelScope): boolean {
  return scope.aborted;
}

function ignore(): void {
  // An abandoned attempt's rejection is observed so it never surfaces as unhandled.
}

function abandonOnAbort(work: PromiseLike<unknown>, scope: CancelScope): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const onAbort = (): void => {
      reject(scope.reason);
    };
    scope.subscribe(onAbort);
    work.then(
      (value) => {
        scope.unsubscribe(onAbort);
        resolve(value);
      },
      (error: unknown) => {
        scope.unsubscribe(onAbort);
        reject(error);
      },
    );
  });
}
