// A sliding time window in constant memory: `buckets` slots, each holding a few counters and the
// epoch (absolute bucket number) it belongs to. A slot is reused, and zeroed, when time reaches a
// later epoch, so a window that sees steady traffic still forgets old counts (the bug of a
// window that only clears on gaps). Pure data and functions of `now`: no clock, no timers.

/** The plain, serialisable state of a bucketed window. */
export interface TimeBuckets {
  /** Length of one bucket in ms (`windowMs / buckets`). */
  readonly bucketMs: number;
  /** Counters per bucket. */
  readonly fields: number;
  /**
   * Absolute bucket number (`floor(now / bucketMs)`) each slot holds. An empty slot's label is 0:
   * its counters are all zero, so the label never changes a sum (and the state stays JSON-safe).
   */
  readonly epochs: number[];
  /** `epochs.length × fields` counters, slot-major. */
  readonly counts: number[];
}

/** An empty window of `windowMs` split into `buckets` buckets of `fields` counters each. */
export function createTimeBuckets(windowMs: number, buckets: number, fields: number): TimeBuckets {
  return {
    bucketMs: windowMs / buckets,
    fields,
    epochs: new Array<number>(buckets).fill(0),
    counts: new Array<number>(buckets * fields).fill(0),
  };
}

/** The bucket number of time `now`. */
export function epochOf(b: TimeBuckets, now: number): number {
  return Math.floor(now / b.bucketMs);
}

/** The index in `counts` of the first counter of `now`'s bucket, zeroing a stale slot first. */
export function touchBucket(b: TimeBuckets, now: number): number {
  const epoch = epochOf(b, now);
  const slots = b.epochs.length;
  const slot = ((epoch % slots) + slots) % slots;
  const base = slot * b.fields;
  if (b.epochs[slot] !== epoch) {
    b.epochs[slot] = epoch;
    for (let f = 0; f < b.fields; f++) b.counts[base + f] = 0;
  }
  return base;
}

/** Adds `n` to counter `field` of the bucket of `now`. */
export function addToBucket(b: TimeBuckets, now: number, field: number, n = 1): void {
  const at = touchBucket(b, now) + field;
  b.counts[at] = (b.counts[at] as number) + n;
}

/**
 * Sum of counter `field` over the window ending at `now`: every bucket whose epoch is one of the
 * last `buckets` epochs up to and including the current one.
 */
export function sumBuckets(b: TimeBuckets, now: number, field: number): number {
  const epoch = epochOf(b, now);
  const oldest = epoch - b.epochs.length;
  let sum = 0;
  for (let slot = 0; slot < b.epochs.length; slot++) {
    const e = b.epochs[slot] as number;
    if (e > oldest && e <= epoch) sum += b.counts[slot * b.fields + field] as number;
  }
  return sum;
}

/** Sums every counter over the window at `now` in one pass, into `into` (one entry per field). */
export function sumAllBuckets(b: TimeBuckets, now: number, into: number[]): number[] {
  const epoch = epochOf(b, now);
  const oldest = epoch - b.epochs.length;
  into.fill(0, 0, b.fields);
  for (let slot = 0; slot < b.epochs.length; slot++) {
    const e = b.epochs[slot] as number;
    if (e <= oldest || e > epoch) continue;
    for (let f = 0; f < b.fields; f++) into[f] = (into[f] as number) + (b.counts[slot * b.fields + f] as number);
  }
  return into;
}

/** Forgets every count. */
export function clearBuckets(b: TimeBuckets): void {
  b.epochs.fill(0);
  b.counts.fill(0);
}
