// Leak suite: every core strategy on every path must leave no pending timer, no abort listener on
// the caller's signal and no unhandled rejection behind.
import { describe, expect, it } from 'vitest';
import { delay, settle, useClock } from '../helpers/clock.js';
import { trackUnhandled } from '../helpers/unhandled.js';
import { constant, execute, type ExecuteOptions } from '../../src/index.js';
import { trackedSignal, type VirtualClock } from '../../src/testing/index.js';

const unhandled = trackUnhandled();

type Path = 'success' | 'failure' | 'abort-before' | 'abort-during' | 'abort-in-backoff' | 'timeout' | 'hedge-loss';
const strategies: Record<string, Partial<ExecuteOptions>> = {
  retry: { maxAttempts: 3, backoff: constant(50) },
  hedge: { maxAttempts: 3, hedgingDelay: 20 },
  'attempt timeout': { maxAttempts: 2, attemptTimeout: 100, backoff: constant(10) },
  'total timeout (deadline)': { maxAttempts: 3, timeout: 250, backoff: constant(10) },
  'everything': { maxAttempts: 3, hedgingDelay: 30, attemptTimeout: 100, timeout: 400, fallback: () => 'fallback' },
};
const paths: Path[] = ['success', 'failure', 'abort-before', 'abort-during', 'abort-in-backoff', 'timeout', 'hedge-loss'];

/**
 * An action for `path`. With `cooperative` it passes its signal to its own timers, so any timer
 * still pending once the call settled belongs to resile; otherwise it ignores its signal (the
 * worst case for abandonment).
 */
function actionFor(path: Path, clock: VirtualClock, cooperative: boolean) {
  return async ({ attempt, signal }: { attempt: number; signal: AbortSignal }): Promise<string> => {
    const wait = (ms: number): Promise<void> => delay(clock, ms, cooperative ? signal : undefined);
    switch (path) {
      case 'success':
        return 'ok';
      case 'failure':
      case 'abort-in-backoff':
        await wait(5);
        throw new Error(`fail ${String(attempt)}`);
      case 'abort-before':
      case 'abort-during':
        await wait(40);
        return 'late';
      case 'timeout':
        await wait(1000);
        return 'too late';
      case 'hedge-loss':
        await wait(attempt === 0 ? 300 : 10);
        return `attempt ${String(attempt)}`;
    }
  };
}

describe('leak suite: core strategies × paths', () => {
  for (const [strategy, options] of Object.entries(strategies)) {
    for (const path of paths) {
      it(`${strategy} / ${path}: nothing left once the call settles`, async () => {
        const clock = useClock();
        const t = trackedSignal();
        if (path === 'abort-before') t.abort('before');
        let settled = false;
        const p = execute(actionFor(path, clock, true), { ...options, clock, signal: t.signal });
        p.then(
          () => (settled = true),
          () => (settled = true),
        );
        if (path === 'abort-during' || path === 'abort-in-backoff') {
          await clock.advance(15);
          t.abort('during');
        }
        // Step time only until the call settles: whatever is still scheduled then is a leak.
        while (!settled) await clock.advance(1);
        await clock.flush();
        expect(clock.pendingTimers).toBe(0);
        expect(t.listeners).toBe(0);
        expect(unhandled.reasons).toEqual([]);
      });

      it(`${strategy} / ${path}: an action ignoring its signal is abandoned safely`, async () => {
        const clock = useClock();
        const t = trackedSignal();
        if (path === 'abort-before') t.abort('before');
        const p = execute(actionFor(path, clock, false), { ...options, clock, signal: t.signal });
        if (path === 'abort-during' || path === 'abort-in-backoff') {
          await clock.advance(15);
          t.abort('during');
        }
        await settle(clock, p);
        await clock.flush();
        expect(clock.pendingTimers).toBe(0);
        expect(t.listeners).toBe(0);
        expect(unhandled.reasons).toEqual([]);
      });
    }
  }
});
