import { describe, expect, it } from 'vitest';
import { ShedLoadError } from '../../../src/core/errors/shed-load-error.js';
import { SimClock } from '../../sim/clock.js';
import { GO_RULE, GoLimiter, goInitialState, goUpdate } from './go-limiter.js';

describe('goUpdate (RESILE-GO.md §16)', () => {
  it('takes the first sample as baseline and EWMA without touching the limit', () => {
    expect(goUpdate(goInitialState(0), 40, 1)).toEqual({ limit: 10, baseline: 40, ewma: 40, decayedAt: 0 });
  });

  it('grows by one on every fast sample, with no ceiling and whatever the use', () => {
    let s = goUpdate(goInitialState(0), 40, 0);
    for (let i = 0; i < 1000; i++) s = goUpdate(s, 40, i);
    expect(s.limit).toBe(1010);
  });

  it('cuts by 20% (truncated, floor 1) on every sample whose EWMA reaches 1.5× the baseline', () => {
    let s = { limit: 10, baseline: 10, ewma: 20, decayedAt: 0 };
    s = goUpdate(s, 20, 1);
    expect(s.limit).toBe(8);
    for (let i = 0; i < 20; i++) s = goUpdate(s, 20, 1);
    expect(s.limit).toBe(1);
  });

  it('lowers the baseline to a faster sample, and decays it ×1.05 at most once a minute', () => {
    const s = goUpdate({ limit: 10, baseline: 10, ewma: 10, decayedAt: 0 }, 8, 1);
    expect(s.baseline).toBe(8);
    const decayed = goUpdate({ limit: 10, baseline: 10, ewma: 10, decayedAt: 0 }, 30, GO_RULE.decayEvery + 1);
    expect(decayed.baseline).toBeCloseTo(10.5, 12);
    expect(decayed.decayedAt).toBe(GO_RULE.decayEvery + 1);
    expect(goUpdate(decayed, 30, GO_RULE.decayEvery + 2).baseline).toBeCloseTo(10.5, 12);
  });
});

describe('GoLimiter', () => {
  it('sheds past the limit and feeds every outcome as a sample', async () => {
    const clock = new SimClock();
    const limiter = new GoLimiter(clock);
    const wait = (ms: number, fail = false): Promise<void> =>
      new Promise((resolve, reject) => {
        clock.setTimer(ms, () => {
          if (fail) reject(new Error('x'));
          else resolve();
        });
      });
    const calls = Array.from({ length: 11 }, () => limiter.run(() => wait(10)).then(() => 'ok', (e: unknown) => e));
    expect(limiter.inFlight).toBe(10);
    await clock.run(Infinity);
    const results = await Promise.all(calls);
    expect(results.filter((r) => r === 'ok')).toHaveLength(10);
    expect(results[10]).toBeInstanceOf(ShedLoadError);
    expect(limiter.limit).toBe(19);
    const failing = limiter.run(() => wait(10, true)).catch((e: unknown) => e);
    await clock.run(Infinity);
    expect(await failing).toBeInstanceOf(Error);
    expect(limiter.limit).toBe(20);
  });
});
