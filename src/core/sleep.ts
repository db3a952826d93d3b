import type { CancelScope } from './cancel-scope.js';
import type { Clock } from './clock.js';

/**
 * Waits `ms` on `clock`. Rejects with the scope's reason as soon as `scope` aborts (also when it
 * already has). On every path the timer is cancelled and the abort callback removed.
 */
export function sleep(clock: Clock, ms: number, scope?: CancelScope): Promise<void> {
  if (scope?.aborted === true) return Promise.reject(scope.reason);
  if (!(ms > 0)) return Promise.resolve();
  return new Promise<void>((resolve, reject) => {
    const onAbort = (): void => {
      timer.cancel();
      reject(scope?.reason);
    };
    const timer = clock.setTimer(ms, () => {
      scope?.unsubscribe(onAbort);
      resolve();
    });
    scope?.subscribe(onAbort);
  });
}
