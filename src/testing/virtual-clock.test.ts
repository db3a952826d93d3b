import { describe, expect, it } from 'vitest';
import { VirtualClock } from './virtual-clock.js';

describe('VirtualClock', () => {
  it('moves only when advanced and fires timers in due order, FIFO among equals', async () => {
    const clock = new VirtualClock({ now: 0 });
    const fired: string[] = [];
    clock.setTimer(20, () => fired.push('b'));
    clock.setTimer(10, () => fired.push('a'));
    clock.setTimer(20, () => fired.push('c'));
    expect(clock.pendingTimers).toBe(3);
    expect(clock.nextTimerAt).toBe(10);
    await clock.advance(15);
    expect(fired).toEqual(['a']);
    expect(clock.now()).toBe(15);
    await clock.advance(5);
    expect(fired).toEqual(['a', 'b', 'c']);
    clock.assertNoPendingTimers();
  });

  it('lets promise continuations run between timers', async () => {
    const clock = new VirtualClock({ now: 0 });
    const log: string[] = [];
    const sleep = (ms: number): Promise<void> => new Promise((r) => clock.setTimer(ms, r));
    const task = (async () => {
      await sleep(10);
      log.push(`woke at ${String(clock.now())}`);
      await Promise.resolve();
      await sleep(10);
      log.push(`woke at ${String(clock.now())}`);
    })();
    await clock.advance(100);
    await task;
    expect(log).toEqual(['woke at 10', 'woke at 20']);
    expect(clock.now()).toBe(100);
  });

  it('cancels timers and reports pending ones', async () => {
    const clock = new VirtualClock({ now: 0 });
    let fired = false;
    const t = clock.setTimer(5, () => (fired = true));
    t.cancel();
    t.cancel();
    await clock.runAll();
    expect(fired).toBe(false);
    clock.setTimer(7, () => undefined);
    expect(() => clock.assertNoPendingTimers()).toThrow('VirtualClock: 1 pending timer(s) (due +7ms)');
    await clock.runAll();
  });

  it('runAll fires timers scheduled by timers and stops runaway loops', async () => {
    const clock = new VirtualClock({ now: 0, maxTimers: 50 });
    let count = 0;
    const again = (): void => {
      count++;
      if (count < 10) clock.setTimer(1, again);
    };
    clock.setTimer(1, again);
    await clock.runAll();
    expect(count).toBe(10);
    const forever = (): void => void clock.setTimer(1, forever);
    clock.setTimer(1, forever);
    await expect(clock.runAll()).rejects.toThrow('VirtualClock: more than 50 timers fired in one advance (runaway loop?)');
  });

  it('advanceTo never goes backwards; non-finite delays fire at once', async () => {
    const clock = new VirtualClock({ now: 100 });
    await expect(clock.advanceTo(50)).rejects.toThrow(RangeError);
    let fired = false;
    clock.setTimer(Number.NaN, () => (fired = true));
    await clock.advanceTo(100);
    expect(fired).toBe(true);
  });
});
