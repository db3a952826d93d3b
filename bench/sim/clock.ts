// The simulation's clock. It implements resile's `Clock`, so every resile component runs on it
// unchanged, but it is built for hundreds of thousands of timers with thousands pending at once:
// a binary heap (O(log n) insert, O(1) cancel) where the test VirtualClock keeps a sorted array
// (O(n) insert and cancel, and a cap on timers per advance). See docs/lab.md for the
// measurements behind this choice.
import { yieldToEventLoop, type Clock, type TimerHandle } from '../../src/core/clock.js';

/** How the clock lets promise continuations settle between two timers. */
export type Drain =
  /** Wait for a real macrotask (setImmediate): every pending continuation runs. Exact. */
  | 'macrotask'
  /** Spin this many microtask turns: faster, exact only for continuation chains this short. */
  | { microtaskTurns: number };

/** Options of {@link SimClock}. */
export interface SimClockOptions {
  /** Start time, epoch ms. @defaultValue 0 */
  start?: number;
  /** @defaultValue 'macrotask' */
  drain?: Drain;
}

class SimTimer implements TimerHandle {
  fn: (() => void) | undefined;
  constructor(
    readonly due: number,
    readonly seq: number,
    fn: () => void,
    private readonly owner: SimClock,
  ) {
    this.fn = fn;
  }

  cancel(): void {
    if (this.fn === undefined) return;
    this.fn = undefined;
    this.owner.onCancel();
  }
}

function before(a: SimTimer, b: SimTimer): boolean {
  return a.due < b.due || (a.due === b.due && a.seq < b.seq);
}

/**
 * A deterministic clock for simulations: time moves only inside {@link SimClock.run}, timers
 * fire in (due, scheduling order) order, and promise continuations triggered by one timer run
 * before the next timer fires, so every reaction happens at the virtual instant that caused it.
 */
export class SimClock implements Clock {
  private time: number;
  private seq = 0;
  private heap: SimTimer[] = [];
  private cancelled = 0;
  private fired = 0;
  private readonly drain: () => Promise<void>;

  constructor(options: SimClockOptions = {}) {
    this.time = options.start ?? 0;
    const d = options.drain ?? 'macrotask';
    if (d === 'macrotask') {
      this.drain = yieldToEventLoop;
    } else {
      const turns = d.microtaskTurns;
      this.drain = async () => {
        for (let i = 0; i < turns; i++) await Promise.resolve();
      };
    }
  }

  now(): number {
    return this.time;
  }

  setTimer(ms: number, fn: () => void): TimerHandle {
    const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
    const timer = new SimTimer(this.time + delay, this.seq++, fn, this);
    this.push(timer);
    return timer;
  }

  /** Timers scheduled and neither fired nor cancelled. */
  get pendingTimers(): number {
    return this.heap.length - this.cancelled;
  }

  /** Timers fired since the clock was made (a cost measure for the simulation). */
  get firedTimers(): number {
    return this.fired;
  }

  /** Fires every timer due up to `until` (epoch ms), in order; then sets the time to `until`. */
  async run(until: number): Promise<void> {
    await this.drain();
    for (;;) {
      const top = this.heap[0];
      if (top === undefined || top.due > until) break;
      this.pop();
      const fn = top.fn;
      if (fn === undefined) {
        this.cancelled--;
        continue;
      }
      top.fn = undefined;
      if (top.due > this.time) this.time = top.due;
      this.fired++;
      fn();
      await this.drain();
    }
    if (until > this.time && until !== Infinity) this.time = until;
  }

  /** Called by a timer's `cancel`; compacts the heap when cancelled timers dominate it. */
  onCancel(): void {
    this.cancelled++;
    if (this.cancelled > 1024 && this.cancelled * 2 > this.heap.length) this.compact();
  }

  private compact(): void {
    const live = this.heap.filter((t) => t.fn !== undefined);
    this.heap = [];
    this.cancelled = 0;
    for (const t of live) this.push(t);
  }

  private push(timer: SimTimer): void {
    const h = this.heap;
    let i = h.length;
    h.push(timer);
    while (i > 0) {
      const parent = (i - 1) >> 1;
      const p = h[parent] as SimTimer;
      if (!before(timer, p)) break;
      h[i] = p;
      i = parent;
    }
    h[i] = timer;
  }

  private pop(): void {
    const h = this.heap;
    const last = h.pop() as SimTimer;
    if (h.length === 0) return;
    let i = 0;
    const n = h.length;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= n) break;
      const r = l + 1;
      const child = r < n && before(h[r] as SimTimer, h[l] as SimTimer) ? r : l;
      const c = h[child] as SimTimer;
      if (!before(c, last)) break;
      h[i] = c;
      i = child;
    }
    h[i] = last;
  }
}
