import { describe, expect, it } from 'vitest';
import { execute } from '../../src/policy/execute.js';
import { SimClock } from './clock.js';

describe('SimClock', () => {
  it('fires timers in due order, FIFO among equal times, and moves time to each', async () => {
    const clock = new SimClock({ start: 100 });
    const seen: string[] = [];
    clock.setTimer(20, () => seen.push(`b@${String(clock.now())}`));
    clock.setTimer(10, () => seen.push(`a@${String(clock.now())}`));
    clock.setTimer(20, () => seen.push(`c@${String(clock.now())}`));
    clock.setTimer(-5, () => seen.push(`now@${String(clock.now())}`));
    await clock.run(150);
    expect(seen).toEqual(['now@100', 'a@110', 'b@120', 'c@120']);
    expect(clock.now()).toBe(150);
    expect(clock.firedTimers).toBe(4);
  });

  it('leaves later timers pending and runs them on the next run', async () => {
    const clock = new SimClock();
    const seen: number[] = [];
    clock.setTimer(5, () => seen.push(5));
    clock.setTimer(50, () => seen.push(50));
    await clock.run(10);
    expect(seen).toEqual([5]);
    expect(clock.pendingTimers).toBe(1);
    await clock.run(Infinity);
    expect(seen).toEqual([5, 50]);
    expect(clock.now()).toBe(50);
  });

  it('never fires a cancelled timer, and cancel is idempotent', async () => {
    const clock = new SimClock();
    let fired = 0;
    const t = clock.setTimer(5, () => fired++);
    t.cancel();
    t.cancel();
    expect(clock.pendingTimers).toBe(0);
    await clock.run(10);
    expect(fired).toBe(0);
  });

  it('stays correct when many cancelled timers force a compaction', async () => {
    const clock = new SimClock();
    const order: number[] = [];
    const handles = Array.from({ length: 5000 }, (_, i) => clock.setTimer(5000 - i, () => order.push(5000 - i)));
    handles.forEach((h, i) => {
      if (i % 5 !== 0) h.cancel();
    });
    expect(clock.pendingTimers).toBe(1000);
    await clock.run(Infinity);
    expect(order).toHaveLength(1000);
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('lets promise continuations of one timer run before the next timer fires', async () => {
    const clock = new SimClock();
    const seen: string[] = [];
    clock.setTimer(10, () => {
      void Promise.resolve()
        .then(() => Promise.resolve())
        .then(() => seen.push(`continuation@${String(clock.now())}`));
    });
    clock.setTimer(10, () => seen.push(`second@${String(clock.now())}`));
    await clock.run(20);
    expect(seen).toEqual(['continuation@10', 'second@10']);
  });

  it("drives resile's own timers (retries with backoff) like any Clock", async () => {
    const clock = new SimClock();
    let calls = 0;
    const done = execute(
      () => {
        calls++;
        if (calls < 3) throw new Error('flaky');
        return clock.now();
      },
      { clock, maxAttempts: 3, backoff: 'exponential', baseDelay: 100 },
    );
    await clock.run(Infinity);
    await expect(done).resolves.toBe(300);
  });

  it('with a microtask drain, runs chains shorter than the bound before the next timer', async () => {
    const clock = new SimClock({ drain: { microtaskTurns: 4 } });
    const seen: string[] = [];
    clock.setTimer(1, () => {
      void Promise.resolve().then(() => seen.push('short'));
    });
    clock.setTimer(1, () => seen.push('next'));
    await clock.run(5);
    expect(seen).toEqual(['short', 'next']);
  });
});
