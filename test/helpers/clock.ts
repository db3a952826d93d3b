import { afterEach } from 'vitest';
import { VirtualClock, type VirtualClockOptions } from '../../src/testing/index.js';

const clocks = new Set<VirtualClock>();

afterEach(() => {
  // Every test doubles as a timer-leak check: nothing may be left scheduled.
  const leaked = [...clocks].filter((c) => c.pendingTimers > 0);
  clocks.clear();
  for (const clock of leaked) clock.assertNoPendingTimers();
});

/** A VirtualClock that fails the current test if it still has pending timers at the end. */
export function useClock(options?: VirtualClockOptions): VirtualClock {
  const clock = new VirtualClock(options);
  clocks.add(clock);
  return clock;
}

/** Settles `promise` while running the clock, so tests never wait on real time. */
export async function settle<T>(clock: VirtualClock, promise: Promise<T>): Promise<{ ok: true; value: T } | { ok: false; error: unknown }> {
  const outcome = promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  await clock.runAll();
  return outcome;
}

/** A sleep on the virtual clock that honours `signal`. */
export function delay(clock: VirtualClock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise<void>((resolve, reject) => {
    if (signal?.aborted === true) {
      reject(signal.reason as unknown);
      return;
    }
    const onAbort = (): void => {
      timer.cancel();
      reject(signal?.reason as unknown);
    };
    const timer = clock.setTimer(ms, () => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    });
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
