import { describe, expect, it } from 'vitest';
import { SimClock } from './clock.js';
import { openLoop } from './load.js';
import { stream } from './random.js';
import { window } from './schedule.js';

async function arrivals(o: { rate: number | ((t: number) => number); arrivals?: 'poisson' | 'uniform'; seed?: number }): Promise<number[]> {
  const clock = new SimClock();
  const times: number[] = [];
  openLoop({ clock, random: stream(o.seed ?? 1, 'load'), rate: o.rate, duration: 10_000, arrivals: o.arrivals ?? 'poisson', onArrival: (_, t) => times.push(t) });
  await clock.run(Infinity);
  return times;
}

describe('openLoop', () => {
  it('sends evenly spaced requests at the rate with uniform arrivals', async () => {
    const times = await arrivals({ rate: 100, arrivals: 'uniform' });
    expect(times).toHaveLength(100 * 10);
    expect(times[1]! - times[0]!).toBeCloseTo(10, 9);
  });

  it('sends about rate × duration Poisson arrivals, the same ones for the same seed', async () => {
    const a = await arrivals({ rate: 200 });
    const b = await arrivals({ rate: 200 });
    const c = await arrivals({ rate: 200, seed: 2 });
    expect(a.length).toBeGreaterThan(1900);
    expect(a.length).toBeLessThan(2100);
    expect(b).toEqual(a);
    expect(c).not.toEqual(a);
    expect(a.every((t, i) => i === 0 || t >= a[i - 1]!)).toBe(true);
  });

  it('follows a rate schedule, sending nothing while it is zero', async () => {
    const times = await arrivals({ rate: window(2_000, 4_000, 100), arrivals: 'uniform' });
    expect(times.length).toBeGreaterThanOrEqual(199);
    expect(times.length).toBeLessThanOrEqual(201);
    expect(Math.min(...times)).toBeGreaterThanOrEqual(2_000);
    expect(Math.max(...times)).toBeLessThan(4_000);
  });
});
