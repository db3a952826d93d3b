import { describe, expect, it } from 'vitest';
import { kneeTarget } from './adaptive-concurrency.js';
import { recoveryTime } from './retry-storm.js';
import { heldWithin } from './settle.js';

const times = Array.from({ length: 10 }, (_, i) => i);

describe('heldWithin', () => {
  it('finds the first time a series stays in band for the hold time', () => {
    const v = [50, 30, 22, 19, 21, 20, 20, 20, 20, 20];
    expect(heldWithin(times, v, 16, 24, 0, Infinity, 3)).toBe(2);
    expect(heldWithin(times, v, 16, 24, 5, Infinity, 3)).toBe(0);
    expect(heldWithin(times, v, 0, 10, 0, Infinity, 1)).toBeNull();
  });

  it('needs the whole hold inside the window and the data, and breaks on missing readings', () => {
    const v = [20, 20, null, 20, 20, 20, 20, 20, 20, 20];
    expect(heldWithin(times, v, 16, 24, 0, Infinity, 3)).toBe(3);
    expect(heldWithin(times, v, 16, 24, 0, 5, 3)).toBeNull();
    expect(heldWithin(times, v, 16, 24, 8, Infinity, 3)).toBeNull();
  });
});

describe('recoveryTime', () => {
  it('is the time from the outage end until every later bucket succeeds ≥ 99%', () => {
    const success = [100, 100, 0, 0, 0, 50, 100, 99.5, 100, null];
    expect(recoveryTime(times, success, 5)).toBe(1);
    expect(recoveryTime(times, [100, 0, 0, 100, 100, 100, 100, 100, 100, 100], 5)).toBe(0);
    expect(recoveryTime(times, [100, 0, 0, 0, 0, 0, 0, 0, 0, 0], 5)).toBeNull();
  });
});

describe('kneeTarget', () => {
  it('is met when the limit settles in band within 30 s', () => {
    const t = kneeTarget('limiter');
    expect(t.check({ convergence: 12 })).toEqual({ measured: 'settled after 12.0 s', met: true });
    expect(t.check({ convergence: 31 }).met).toBe(false);
    expect(t.check({ convergence: null })).toEqual({ measured: 'never settled in band', met: false });
  });
});
