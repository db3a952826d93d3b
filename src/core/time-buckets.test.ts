import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addToBucket, clearBuckets, createTimeBuckets, sumAllBuckets, sumBuckets } from './time-buckets.js';

describe('time buckets', () => {
  it('counts what falls in the last `buckets` bucket epochs and forgets older counts', () => {
    const b = createTimeBuckets(1000, 10, 1); // 100 ms buckets
    addToBucket(b, 0, 0);
    addToBucket(b, 50, 0, 2);
    addToBucket(b, 950, 0);
    expect(sumBuckets(b, 999, 0)).toBe(4);
    // At 1000 the epoch-0 bucket (0–99 ms) has left the window; 950 (bucket 900–999) leaves at 1900.
    expect(sumBuckets(b, 1000, 0)).toBe(1);
    expect(sumBuckets(b, 1899, 0)).toBe(1);
    expect(sumBuckets(b, 1900, 0)).toBe(0);
  });

  it('reuses a slot under steady traffic instead of accumulating forever', () => {
    const b = createTimeBuckets(1000, 10, 1);
    for (let t = 0; t < 10_000; t += 10) addToBucket(b, t, 0);
    // 100 calls per second, one per 10 ms: the window holds exactly one second of them.
    expect(sumBuckets(b, 9_999, 0)).toBe(100);
  });

  it('keeps separate counters per field and clears them all', () => {
    const b = createTimeBuckets(60_000, 10, 3);
    addToBucket(b, 1_000, 0);
    addToBucket(b, 1_000, 2, 5);
    expect([sumBuckets(b, 1_000, 0), sumBuckets(b, 1_000, 1), sumBuckets(b, 1_000, 2)]).toEqual([1, 0, 5]);
    clearBuckets(b);
    expect(sumBuckets(b, 1_000, 2)).toBe(0);
  });

  it('matches a brute-force count of every event in the bucket-aligned window', () => {
    const step = fc.record({ dt: fc.integer({ min: 0, max: 400 }), field: fc.integer({ min: 0, max: 1 }), n: fc.integer({ min: 1, max: 3 }) });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.integer({ min: 1, max: 12 }), fc.array(step, { maxLength: 200 }), (windowMs, buckets, steps) => {
        const b = createTimeBuckets(windowMs, buckets, 2);
        const bucketMs = windowMs / buckets;
        const events: { t: number; field: number; n: number }[] = [];
        let now = 1_700_000_000_000;
        for (const { dt, field, n } of steps) {
          now += dt;
          addToBucket(b, now, field, n);
          events.push({ t: now, field, n });
          const current = Math.floor(now / bucketMs);
          const expected = [0, 1].map((f) =>
            events.filter((e) => e.field === f && Math.floor(e.t / bucketMs) > current - buckets).reduce((sum, e) => sum + e.n, 0),
          );
          expect([sumBuckets(b, now, 0), sumBuckets(b, now, 1)]).toEqual(expected);
          expect(sumAllBuckets(b, now, [7, 7])).toEqual(expected);
        }
      }),
    );
  });

  it('stays JSON-safe', () => {
    const b = createTimeBuckets(1000, 4, 2);
    addToBucket(b, 123, 1);
    expect(JSON.parse(JSON.stringify(b))).toEqual(b);
  });
});
