import { describe, expect, it, vi } from 'vitest';
import { delay, settle, useClock } from '../../test/helpers/clock.js';
import { runWithContext } from '../core/ambient.js';
import { DeadlineExceededError } from '../core/errors/deadline-exceeded-error.js';
import { Priority } from '../core/priority.js';
import { trackedSignal } from '../testing/tracked-signal.js';
import { constant } from '../retry/backoff.js';
import { execute } from './execute.js';

describe('execute: cancellation', () => {
  it('rejects with the signal reason without calling the action when already aborted', async () => {
    const c = new AbortController();
    c.abort(new Error('caller gone'));
    const action = vi.fn(() => 'never');
    await expect(execute(action, { signal: c.signal })).rejects.toThrow('caller gone');
    expect(action).not.toHaveBeenCalled();
  });

  it('abandons an attempt that ignores its signal at once, and never retries after abort', async () => {
    const clock = useClock();
    const t = trackedSignal();
    const action = vi.fn(() => delay(clock, 10_000).then(() => Promise.reject(new Error('late failure'))));
    const p = execute(action, { clock, signal: t.signal });
    const outcome = p.then(
      () => 'resolved',
      (e: unknown) => e,
    );
    await clock.advance(50);
    t.abort('user cancelled');
    expect(await outcome).toBe('user cancelled');
    expect(t.listeners).toBe(0);
    await clock.runAll();
    expect(action).toHaveBeenCalledTimes(1);
  });

  it('aborts the attempt signal with the caller reason', async () => {
    const clock = useClock();
    const t = trackedSignal();
    let attemptSignal: AbortSignal | undefined;
    const p = execute(({ signal }) => { attemptSignal = signal; return delay(clock, 1000, signal); }, { clock, signal: t.signal });
    t.abort('stop');
    await expect(p).rejects.toBe('stop');
    expect(attemptSignal?.aborted).toBe(true);
    expect(attemptSignal?.reason).toBe('stop');
  });

  it('stops during a backoff sleep and clears its timer', async () => {
    const clock = useClock();
    const t = trackedSignal();
    const action = vi.fn(() => Promise.reject(new Error('x')));
    const p = execute(action, { clock, signal: t.signal, backoff: constant(5000) });
    const outcome = p.catch((e: unknown) => e);
    await clock.advance(10);
    expect(clock.pendingTimers).toBe(1);
    t.abort('bye');
    expect(await outcome).toBe('bye');
    expect(clock.pendingTimers).toBe(0);
    expect(action).toHaveBeenCalledTimes(1);
    expect(t.listeners).toBe(0);
  });

  it('removes its listener from a long-lived caller signal after success and failure', async () => {
    const t = trackedSignal();
    for (let i = 0; i < 20; i++) {
      await execute(() => i, { signal: t.signal });
      await execute(() => Promise.reject(new Error('x')), { signal: t.signal, maxAttempts: 1 }).catch(() => undefined);
    }
    expect(t.listeners).toBe(0);
  });
});

describe('execute: deadlines', () => {
  it('fails with DeadlineExceededError when the total timeout passes during an attempt', async () => {
    const clock = useClock();
    const out = await settle(clock, execute(() => delay(clock, 10_000), { clock, timeout: 1000 }));
    expect((out as { error: unknown }).error).toBeInstanceOf(DeadlineExceededError);
    expect(clock.now()).toBe(1_700_000_000_000 + 10_000);
  });

  it('does not start an attempt with less than minDeadlineThreshold left', async () => {
    const clock = useClock();
    const action = vi.fn(() => Promise.reject(new Error('slow')));
    const out = await settle(clock, execute(action, { clock, deadline: clock.now() + 100, minDeadlineThreshold: 50, backoff: constant(60) }));
    const error = (out as { error: DeadlineExceededError }).error;
    expect(error).toBeInstanceOf(DeadlineExceededError);
    expect(error.message).toBe('deadline exceeded: 40 ms left, below minDeadlineThreshold (50 ms)');
    expect((error.cause as Error).message).toBe('slow');
    expect(action).toHaveBeenCalledTimes(1);
  });

  it('accepts a Date deadline and exposes remaining() to the action', async () => {
    const clock = useClock();
    let remaining = 0;
    await execute(({ remaining: r, deadline }) => { remaining = r(); return deadline; }, { clock, deadline: new Date(clock.now() + 2500) });
    expect(remaining).toBe(2500);
  });

  it('a past deadline fails without calling the action', async () => {
    const clock = useClock();
    const action = vi.fn(() => 1);
    await expect(execute(action, { clock, deadline: clock.now() - 1 })).rejects.toBeInstanceOf(DeadlineExceededError);
    expect(action).not.toHaveBeenCalled();
  });

  it('inherits the ambient deadline, signal and priority, and only narrows them', async () => {
    const clock = useClock();
    const c = new AbortController();
    const seen = await runWithContext({ timeout: 1000, clock, signal: c.signal, priority: Priority.Critical }, () =>
      execute(({ deadline, priority }) => ({ deadline, priority }), { clock, deadline: clock.now() + 5000 }),
    );
    expect(seen).toEqual({ deadline: clock.now() + 1000, priority: 'critical' });
    const narrowed = await runWithContext({ timeout: 1000, clock }, () => execute(({ deadline }) => deadline, { clock, timeout: 200 }));
    expect(narrowed).toBe(clock.now() + 200);
    const pending = runWithContext({ signal: c.signal }, () => execute(({ signal }) => delay(clock, 1000, signal), { clock }));
    c.abort('ambient abort');
    await expect(pending).rejects.toBe('ambient abort');
  });
});
