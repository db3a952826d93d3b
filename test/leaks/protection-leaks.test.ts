// Leak suite for the breaker, chaos, retry budget and adaptive throttle: every path (success,
// failure, abort before and during, attempt timeout, hedge loss) must leave no timer, no abort
// listener on the caller's signal, no unhandled rejection and no held half-open probe slot.
import { describe, expect, it } from 'vitest';
import { AdaptiveThrottle, CircuitBreaker, RetryBudget, execute, type ExecuteOptions } from '../../src/index.js';
import { trackedSignal, type VirtualClock } from '../../src/testing/index.js';
import { delay, useClock } from '../helpers/clock.js';

interface Setup {
  options: ExecuteOptions;
  /** Checks the block is left usable (e.g. a half-open probe slot was released). */
  after?: () => Promise<void>;
}

async function openThenHalfOpen(clock: VirtualClock): Promise<CircuitBreaker> {
  const cb = new CircuitBreaker({ clock, failureThreshold: 1, resetTimeout: 1_000 });
  await cb.execute(() => Promise.reject(new Error('trip'))).catch(() => undefined);
  await clock.advance(1_000);
  return cb;
}

const strategies: Record<string, (clock: VirtualClock) => Promise<Setup>> = {
  'circuit breaker (closed)': async (clock) => ({ options: { circuitBreaker: new CircuitBreaker({ clock }) } }),
  'circuit breaker (half-open probe)': async (clock) => {
    const cb = await openThenHalfOpen(clock);
    return {
      options: { circuitBreaker: cb },
      after: async () => {
        if (cb.state === 'half-open') await expect(cb.execute(() => 'probe admitted')).resolves.toBe('probe admitted');
      },
    };
  },
  'adaptive throttle': async (clock) => ({ options: { adaptiveThrottle: new AdaptiveThrottle({ clock }) } }),
  'chaos latency': async () => ({ options: { chaos: { latencyProbability: 1, latency: 15 } } }),
  'chaos error': async () => ({ options: { chaos: { errorProbability: 0.5 } } }),
  'retry budget': async () => ({ options: { retryBudget: new RetryBudget({ capacity: 5, retryCost: 5 }) } }),
};

type Path = 'success' | 'failure' | 'abort before' | 'abort during' | 'attempt timeout' | 'hedge loss';
const paths: Path[] = ['success', 'failure', 'abort before', 'abort during', 'attempt timeout', 'hedge loss'];

function actionFor(path: Path, clock: VirtualClock): ExecuteOptions & { action: (ctx: { signal: AbortSignal; attempt: number }) => Promise<unknown> } {
  switch (path) {
    case 'success':
      return { action: ({ signal }) => delay(clock, 20, signal).then(() => 'ok') };
    case 'failure':
      return { maxAttempts: 2, baseDelay: 1, action: ({ signal }) => delay(clock, 20, signal).then(() => Promise.reject(new Error('down'))) };
    case 'abort before':
    case 'abort during':
      // Ignores its signal on purpose: the call must still be abandoned cleanly.
      return { action: () => delay(clock, 1_000).then(() => 'too late') };
    case 'attempt timeout':
      return { maxAttempts: 2, baseDelay: 1, attemptTimeout: 30, action: ({ signal }) => delay(clock, 1_000, signal) };
    case 'hedge loss':
      return { maxAttempts: 2, hedgingDelay: 5, action: ({ attempt, signal }) => (attempt === 0 ? delay(clock, 1_000, signal).then(() => 'slow') : Promise.resolve('fast')) };
  }
}

describe('leaks: breaker, chaos, retry budget, adaptive throttle', () => {
  for (const [name, make] of Object.entries(strategies)) {
    for (const path of paths) {
      it(`${name} × ${path}`, async () => {
        const clock = useClock();
        const setup = await make(clock);
        const tracked = trackedSignal();
        if (path === 'abort before') tracked.abort(new Error('caller left'));
        const { action, ...pathOptions } = actionFor(path, clock);
        const call = execute(action, { clock, signal: tracked.signal, random: () => 0.25, ...setup.options, ...pathOptions }).then(
          (value) => ({ ok: true, value }),
          (error: unknown) => ({ ok: false, error }),
        );
        if (path === 'abort during') {
          await clock.advance(10);
          tracked.abort(new Error('caller left'));
        }
        await clock.runAll();
        const result = await call;
        if (path === 'abort before' || path === 'abort during') expect(result).toMatchObject({ ok: false, error: { message: 'caller left' } });
        // A half-open breaker admits one probe: the hedge is refused and the probe itself wins.
        if (path === 'hedge loss' && name !== 'chaos error') expect(result).toEqual({ ok: true, value: name.includes('half-open') ? 'slow' : 'fast' });
        expect(tracked.listeners).toBe(0);
        expect(clock.pendingTimers).toBe(0);
        await setup.after?.();
      });
    }
  }
});
