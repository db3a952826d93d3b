// The last N calls, exactly, in O(1) per call: a ring of outcome bits plus running totals.

/** Outcome bits of one call in a count window. */
export const FAILED = 1;
/** Outcome bit of a slow call. */
export const SLOW = 2;

/** Plain, serialisable state of a count window. */
export interface CountWindow {
  readonly kind: 'count';
  /** Calls the window holds at most. */
  readonly size: number;
  /** Outcome bits (`FAILED | SLOW`) of the calls held; grows up to `size`, then is a ring. */
  readonly outcomes: number[];
  /** Ring position the next call overwrites once the window is full. */
  next: number;
  failures: number;
  slow: number;
}

/** An empty window of `size` calls. */
export function createCountWindow(size: number): CountWindow {
  return { kind: 'count', size, outcomes: [], next: 0, failures: 0, slow: 0 };
}

/** Records one call; the oldest one drops out when the window is full. */
export function recordCount(w: CountWindow, bits: number): void {
  if (w.outcomes.length < w.size) {
    w.outcomes.push(bits);
  } else {
    const old = w.outcomes[w.next] as number;
    w.failures -= old & FAILED;
    w.slow -= (old & SLOW) >> 1;
    w.outcomes[w.next] = bits;
    w.next = w.next + 1 === w.size ? 0 : w.next + 1;
  }
  w.failures += bits & FAILED;
  w.slow += (bits & SLOW) >> 1;
}

/** Forgets every call. */
export function clearCount(w: CountWindow): void {
  w.outcomes.length = 0;
  w.next = 0;
  w.failures = 0;
  w.slow = 0;
}
