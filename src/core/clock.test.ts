import { describe, expect, it } from 'vitest';
import { createTimerClock, systemClock, type TimerHost } from './clock.js';

/** A fake platform: timers fire only when the test says so. */
function fakeHost() {
  let time = 1000;
  let nextId = 1;
  const timers = new Map<number, { due: number; fn: () => void; refed: boolean }>();
  const host: TimerHost = {
    now: () => time,
    setTimeout: (fn, ms) => {
      const id = nextId++;
      timers.set(id, { due: time + ms, fn, refed: true });
      return id;
    },
    setRef: (id, on) => {
      const t = timers.get(id as number);
      if (t) t.refed = on;
    },
  };
  return {
    host,
    timers,
    /** Platform timers that keep the process alive. */
    refed: () => [...timers.values()].filter((t) => t.refed).length,
    advance(ms: number) {
      time += ms;
      for (;;) {
        const due = [...timers.entries()].filter(([, t]) => t.due <= time).sort((a, b) => a[1].due - b[1].due)[0];
        if (!due) break;
        timers.delete(due[0]);
        due[1].fn();
      }
    },
  };
}

describe('systemClock', () => {
  it('reports epoch milliseconds that never go backwards', () => {
    const a = systemClock.now();
    const b = systemClock.now();
    expect(b).toBeGreaterThanOrEqual(a);
    expect(Math.abs(a - new Date().getTime())).toBeLessThan(60_000);
  });
});

describe('createTimerClock (coalesced timers)', () => {
  it('fires timers of one duration in order with a single platform timer', () => {
    const f = fakeHost();
    const clock = createTimerClock(f.host);
    const fired: string[] = [];
    clock.setTimer(100, () => fired.push('a'));
    f.advance(10);
    clock.setTimer(100, () => fired.push('b'));
    expect(f.timers.size).toBe(1);
    f.advance(90);
    expect(fired).toEqual(['a']);
    f.advance(10);
    expect(fired).toEqual(['a', 'b']);
    expect(f.timers.size).toBe(0);
  });

  it('does not fire a cancelled timer and unrefs the platform timer when nothing is pending', () => {
    const f = fakeHost();
    const clock = createTimerClock(f.host);
    let fired = false;
    const t = clock.setTimer(50, () => (fired = true));
    expect(f.refed()).toBe(1);
    t.cancel();
    t.cancel();
    expect(f.refed()).toBe(0);
    f.advance(100);
    expect(fired).toBe(false);
  });

  it('reuses an idle platform timer for the next timer of the same duration', () => {
    const f = fakeHost();
    const clock = createTimerClock(f.host);
    clock.setTimer(100, () => undefined).cancel();
    const fired: number[] = [];
    f.advance(30);
    clock.setTimer(100, () => fired.push(f.host.now()));
    expect(f.timers.size).toBe(1);
    expect(f.refed()).toBe(1);
    f.advance(70); // the reused platform timer fires early for this entry and re-arms
    expect(fired).toEqual([]);
    f.advance(30);
    expect(fired).toEqual([1130]);
  });

  it('keeps separate lists per duration and tolerates callbacks that schedule or throw', () => {
    const f = fakeHost();
    const clock = createTimerClock(f.host);
    const fired: string[] = [];
    clock.setTimer(20, () => {
      fired.push('20');
      clock.setTimer(20, () => fired.push('20 again'));
    });
    clock.setTimer(10, () => {
      fired.push('10');
      throw new Error('callback failed');
    });
    clock.setTimer(10, () => fired.push('10b'));
    expect(() => f.advance(10)).toThrow('callback failed');
    f.advance(0);
    expect(fired).toEqual(['10', '10b']);
    f.advance(10);
    f.advance(20);
    expect(fired).toEqual(['10', '10b', '20', '20 again']);
  });

  it('clamps non-positive and huge delays', () => {
    const f = fakeHost();
    const clock = createTimerClock(f.host);
    const fired: string[] = [];
    clock.setTimer(-5, () => fired.push('negative'));
    clock.setTimer(Number.NaN, () => fired.push('nan'));
    const huge = clock.setTimer(Number.MAX_VALUE, () => fired.push('huge'));
    f.advance(0);
    expect(fired).toEqual(['negative', 'nan']);
    huge.cancel();
  });
});
