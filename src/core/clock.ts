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

/** The platform timer functions a timer clock is built on (injectable for tests). */
export interface TimerHost {
  setTimeout(fn: () => void, ms: number): unknown;
  /** Epoch milliseconds, monotonic where the platform allows. */
  now(): number;
  /** Lets the process exit while `id` is pending (or keeps it alive again). */
  setRef?(id: unknown, on: boolean): void;
}

const globals = globalThis as unknown as {
  setTimeout(fn: () => void, ms: number): unknown;
  performance?: { timeOrigin: number; now(): number };
};

const perf = globals.performance;
// performance.timeOrigin + performance.now() is epoch-based yet never jumps back with NTP.
// timeOrigin is fixed for the process and its getter is slow, so it is read once.
function nowFrom(origin: number, p: { now(): number }): () => number {
  return () => origin + p.now();
}

const now: () => number =
  perf !== undefined && typeof perf.now === 'function' && typeof perf.timeOrigin === 'number'
    ? nowFrom(perf.timeOrigin, perf)
    : () => Date.now();

// Platform timers fire on a millisecond loop clock, so a timer may run a fraction of a
// millisecond before its sub-millisecond due time; such entries count as due.
const EARLY_TOLERANCE_MS = 1;

interface NodeLikeTimer {
  ref?: () => unknown;
  unref?: () => unknown;
}
interface DenoLike {
  refTimer?: (id: number) => void;
  unrefTimer?: (id: number) => void;
}

/** Lets the process exit while `id` is pending (Node, Bun, Deno); a no-op in browsers. */
function platformSetRef(id: unknown, on: boolean): void {
  if (typeof id === 'object' && id !== null) {
    const t = id as NodeLikeTimer;
    if (on) t.ref?.();
    else t.unref?.();
    return;
  }
  const deno = (globalThis as { Deno?: DenoLike }).Deno;
  if (typeof id === 'number' && deno !== undefined) {
    if (on) deno.refTimer?.(id);
    else deno.unrefTimer?.(id);
  }
}

/**
 * Timers whose durations round up to the same millisecond, in due order. A platform timer per
 * attempt timeout would cost about 0.8 µs to set and clear on Node; instead each list keeps one
 * platform timer armed for its head, so setting and cancelling a timer is a linked-list append
 * and unlink. When the list empties, the platform timer is not cleared but unref'd (it no longer
 * keeps the process alive) and reused by the next timer of that duration; if none comes before it
 * fires, the list is dropped.
 */
class TimerList {
  head: ListTimer | undefined = undefined;
  tail: ListTimer | undefined = undefined;
  private id: unknown = undefined;
  private refed = false;

  constructor(
    readonly key: number,
    private readonly lists: Map<number, TimerList>,
    private readonly host: TimerHost,
  ) {}

  append(timer: ListTimer): void {
    timer.prev = this.tail;
    if (this.tail === undefined) this.head = timer;
    else this.tail.next = timer;
    this.tail = timer;
    if (this.id === undefined) {
      this.arm(timer.due - this.host.now());
    } else if (!this.refed) {
      // The armed platform timer is due no later than this timer: reuse it.
      this.refed = true;
      this.host.setRef?.(this.id, true);
    }
  }

  unlink(timer: ListTimer): void {
    if (timer.prev === undefined) this.head = timer.next;
    else timer.prev.next = timer.next;
    if (timer.next === undefined) this.tail = timer.prev;
    else timer.next.prev = timer.prev;
    timer.prev = timer.next = undefined;
    if (this.head === undefined && this.refed && this.id !== undefined) {
      this.refed = false;
      this.host.setRef?.(this.id, false);
    }
  }

  private arm(ms: number): void {
    this.refed = true;
    this.id = this.host.setTimeout(
      () => {
        this.fire();
      },
      ms > 0 ? ms : 0,
    );
  }

  private fire(): void {
    this.id = undefined;
    this.refed = false;
    const limit = this.host.now() + EARLY_TOLERANCE_MS;
    try {
      for (let timer = this.head; timer !== undefined && timer.due <= limit; timer = this.head) {
        this.unlink(timer);
        timer.list = undefined;
        timer.fn();
      }
    } finally {
      // Re-arm for the new head (also when a callback threw, so later timers still fire).
      const head = this.head;
      if (head === undefined) {
        if (this.id === undefined && this.lists.get(this.key) === this) this.lists.delete(this.key);
      } else if (this.id === undefined) {
        this.arm(head.due - this.host.now());
      }
    }
  }
}

class ListTimer implements TimerHandle {
  prev: ListTimer | undefined = undefined;
  next: ListTimer | undefined = undefined;

  constructor(
    readonly due: number,
    readonly fn: () => void,
    public list: TimerList | undefined,
  ) {}

  cancel(): void {
    const list = this.list;
    if (list === undefined) return;
    this.list = undefined;
    list.unlink(this);
  }
}

// Platform timers overflow past 2^31 - 1 ms (about 24.8 days).
const MAX_DELAY = 2_147_483_647;

/** Creates a clock on `host`'s timers, coalescing timers of equal (whole-ms) duration. */
export function createTimerClock(host: TimerHost): Clock {
  const lists = new Map<number, TimerList>();
  const now = (): number => host.now();
  return Object.freeze({
    now,
    setTimer(ms: number, fn: () => void): TimerHandle {
      const delay = ms > 0 && ms < MAX_DELAY ? ms : ms > 0 ? MAX_DELAY : 0;
      const key = Math.ceil(delay);
      let list = lists.get(key);
      if (list === undefined) {
        list = new TimerList(key, lists, host);
        lists.set(key, list);
      }
      const timer = new ListTimer(now() + delay, fn, list);
      list.append(timer);
      return timer;
    },
  });
}

/** The real clock: monotonic epoch milliseconds and the platform's timers. */
export const systemClock: Clock = createTimerClock({
  setTimeout: (fn, ms) => globals.setTimeout(fn, ms),
  now,
  setRef: platformSetRef,
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
      globals.setTimeout(resolve, 0);
    }
  });
}
