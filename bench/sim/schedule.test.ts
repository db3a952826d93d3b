import { describe, expect, it } from 'vitest';
import { piecewise, toSchedule, window } from './schedule.js';

describe('schedules', () => {
  it('piecewise interpolates linearly and holds the ends', () => {
    const s = piecewise([
      [10, 1],
      [20, 41],
    ]);
    expect([s(0), s(10), s(15), s(20), s(99)]).toEqual([1, 1, 21, 41, 41]);
  });

  it('piecewise steps, and a repeated time makes a jump', () => {
    const step = piecewise(
      [
        [0, 1],
        [10, 2],
        [20, 3],
      ],
      'step',
    );
    expect([step(5), step(10), step(19.9), step(20)]).toEqual([1, 2, 2, 3]);
    const jump = piecewise([
      [10, 1],
      [10, 5],
      [20, 5],
      [20, 1],
    ]);
    expect([jump(9), jump(10), jump(15), jump(20), jump(25)]).toEqual([1, 5, 5, 1, 1]);
  });

  it('rejects empty and unsorted points', () => {
    expect(() => piecewise([])).toThrow(RangeError);
    expect(() =>
      piecewise([
        [2, 0],
        [1, 0],
      ]),
    ).toThrow(RangeError);
  });

  it('window and toSchedule', () => {
    const w = window(5, 10, 3);
    expect([w(4), w(5), w(9), w(10)]).toEqual([0, 3, 3, 0]);
    expect(toSchedule(4)(123)).toBe(4);
  });
});
