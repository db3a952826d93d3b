import { yieldToEventLoop, type Clock, type TimerHandle } from '../core/clock.js';
import { checkDelay, checkNumber } from '../core/validate.js';

interface PendingTimer {
  readonly due: number;
  readonly seq: number;
  readonly fn: () => void;
  cancelled: boolean;
}

/** Options of {@link VirtualClock}. */
export interface VirtualClockOptions {
  /** The initial time (epoch ms). @defaultValue 1_700_000_000_000 */
  now?: number;
  /** Safety limit on timers fired by one `advance`/`runAll` (catches runaway loops). @defaultValue 100000 */
  maxTimers?: number;
}

/**
 * A deterministic clock for tests: time moves only when the test calls `advance` or `runAll`.
 * Timers fire in due order (FIFO among equal times), and pending promise continuations run to
 * completion between two timers, so code reacts to each timer before the next one fires.
 */
export class VirtualClock implements Clock {
  private time: number;
  private seq = 0;
  private readonly timers: PendingTimer[] = [];
  private readonly maxTimers: number;

  constructor(options: VirtualClockOptions = {}) {
    this.time = options.now === undefined ? 1_700_000_000_000 : checkNumber('VirtualClock', 'now', options.now, { min: -Infinity }, 'a finite number');
    this.maxTimers =
      options.maxTimers === undefined ? 100_000 : checkNumber('VirtualClock', 'maxTimers', options.maxTimers, { min: 1, integer: true }, 'a positive integer');
  }

  now(): number {
    return this.time;
  }

  setTimer(ms: number, fn: () => void): TimerHandle {
    const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
    const timer: PendingTimer = { due: this.time + delay, seq: this.seq++, fn, cancelled: false };
    // Keep the list sorted by (due, seq): insertion from the back is O(1) for the common case.
    let i = this.timers.length;
    while (i > 0) {
      const prev = this.timers[i - 1] as PendingTimer;
      if (prev.due < timer.due || (prev.due === timer.due && prev.seq < timer.seq)) break;
      i--;
    }
    this.timers.splice(i, 0, timer);
    return {
      cancel: () => {
        if (timer.cancelled) return;
        timer.cancelled = true;
        const at = this.timers.indexOf(timer);
        if (at !== -1) this.timers.splice(at, 1);
      },
    };
  }

  /** Number of timers scheduled and not yet fired or cancelled. */
  get pendingTimers(): number {
    return this.timers.length;
  }

  /** Time of the next pending timer, or `undefined`. */
  get nextTimerAt(): number | undefined {
    return this.timers[0]?.due;
  }

  /** Moves time forward by `ms`, firing every timer that falls due, in order. */
  async advance(ms: number): Promise<void> {
    checkDelay('VirtualClock.advance', 'ms', ms);
    await this.runUntil(this.time + ms);
  }

  /** Moves time to `epochMs` (never backwards), firing due timers. */
  async advanceTo(epochMs: number): Promise<void> {
    checkNumber('VirtualClock.advanceTo', 'epochMs', epochMs, { min: this.time }, `a time not before now (${String(this.time)})`);
    await this.runUntil(epochMs);
  }

  /** Fires timers until none are left (including ones scheduled meanwhile). */
  async runAll(): Promise<void> {
    await this.runUntil(Infinity);
  }

  /** Lets pending promise continuations run without moving time. */
  async flush(): Promise<void> {
    await yieldToEventLoop();
  }

  /** Throws when timers are still pending (use in `afterEach` to catch timer leaks). */
  assertNoPendingTimers(): void {
    if (this.timers.length > 0) {
      const dues = this.timers.slice(0, 5).map((t) => `+${String(t.due - this.time)}ms`);
      throw new Error(`VirtualClock: ${String(this.timers.length)} pending timer(s) (due ${dues.join(', ')})`);
    }
  }

  private async runUntil(target: number): Promise<void> {
    let fired = 0;
    await yieldToEventLoop();
    for (;;) {
      const timer = this.timers[0];
      if (timer === undefined || timer.due > target) break;
      if (++fired > this.maxTimers) {
        throw new Error(`VirtualClock: more than ${String(this.maxTimers)} timers fired in one advance (runaway loop?)`);
      }
      this.timers.shift();
      if (timer.due > this.time) this.time = timer.due;
      timer.cancelled = true;
      timer.fn();
      await yieldToEventLoop();
    }
    if (target !== Infinity && target > this.time) this.time = target;
  }
}
