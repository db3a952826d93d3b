/** A cancellable timer returned by {@link Clock.setTimer}. */
export interface TimerHandle {
  /** Cancels the timer; calling it after the timer fired or twice is harmless. */
  cancel(): void;
}

/** Source of time and timers for every resile component; pass a `VirtualClock` in tests. */
export interface Clock {
  /** Epoch milliseconds with sub-millisecond precision; monotonic for the system clock. */
  now(): number;
  /** Runs `fn` once after `ms` milliseconds unless the returned handle is cancelled first. */
  setTimer(ms: number, fn: () => void): TimerHandle;
}

interface TimerHost {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(id: unknown): void;
  performance?: { timeOrigin: number; now(): number };
}

const host = globalThis as unknown as TimerHost;

// The timer id is kept on a tiny class (not a closure) so a timer costs one small allocation.
class SystemTimer implements TimerHandle {
  constructor(private readonly id: unknown) {}
  cancel(): void {
    host.clearTimeout(this.id);
  }
}

const perf = host.performance;
// performance.timeOrigin + performance.now() is epoch-based yet never jumps back with NTP.
const now: () => number =
  perf !== undefined && typeof perf.now === 'function' && typeof perf.timeOrigin === 'number'
    ? () => perf.timeOrigin + perf.now()
    : () => Date.now();

/** The real clock: monotonic epoch milliseconds and the platform's timers. */
export const systemClock: Clock = Object.freeze({
  now,
  setTimer(ms: number, fn: () => void): TimerHandle {
    return new SystemTimer(host.setTimeout(fn, ms));
  },
});

interface MacrotaskHost {
  setImmediate?: (fn: () => void) => unknown;
  MessageChannel?: new () => {
    port1: { onmessage: (() => void) | null; close(): void };
    port2: { postMessage(v: unknown): void; close(): void };
  };
}

/**
 * Resolves after the current macrotask and every queued microtask have run. Used by
 * `VirtualClock` to let promise continuations settle between virtual timers; it never waits on
 * wall-clock time.
 */
export function yieldToEventLoop(): Promise<void> {
  const h = globalThis as unknown as MacrotaskHost;
  return new Promise<void>((resolve) => {
    if (typeof h.setImmediate === 'function') {
      h.setImmediate(resolve);
    } else if (typeof h.MessageChannel === 'function') {
      const channel = new h.MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        channel.port2.close();
        resolve();
      };
      channel.port2.postMessage(0);
    } else {
      host.setTimeout(resolve, 0);
    }
  });
}
