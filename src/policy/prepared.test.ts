import { describe, expect, it } from 'vitest';
import { delay, useClock } from '../../test/helpers/clock.js';
import { CancelScope } from '../core/cancel-scope.js';
import { trackedSignal } from '../testing/tracked-signal.js';
import { PreparedExecute } from './prepared.js';

/** Abort callbacks a scope still holds (it keeps them in a private list). */
function callbacks(scope: CancelScope): number {
  return (scope as unknown as { callbacks?: unknown[] }).callbacks?.length ?? 0;
}

describe('PreparedExecute', () => {
  it('validates every option once, with its owner in the message', () => {
    expect(() => new PreparedExecute('Thing', { maxAttempts: 0 })).toThrow(new RangeError('Thing: maxAttempts must be a positive integer (got 0)'));
    expect(() => new PreparedExecute('Thing', { name: 5 as never })).toThrow(new TypeError('Thing: name must be a string (got 5)'));
    expect(() => new PreparedExecute('Thing', { timeout: -1 })).toThrow(new RangeError('Thing: timeout must be a positive finite number of milliseconds (got -1)'));
  });

  it('cancels a call through a parent scope, with or without a scope of its own, and unlinks after', async () => {
    const clock = useClock();
    const p = new PreparedExecute('Thing', { clock, maxAttempts: 1 });
    const parent = new CancelScope();
    const action = ({ signal }: { signal: AbortSignal }): Promise<void> => delay(clock, 100, signal);
    const plain = p.run(p.context(action, { scope: parent }));
    const withDeadline = p.run(p.context(action, { scope: parent, deadline: clock.now() + 1000 }));
    expect(callbacks(parent)).toBe(2);
    parent.abort('stop');
    await expect(plain).rejects.toBe('stop');
    await expect(withDeadline).rejects.toBe('stop');
    const other = new CancelScope();
    await Promise.all([p.run(p.context(() => 1, { scope: other })), p.run(p.context(() => 2, { scope: other, deadline: clock.now() + 50 }))]);
    expect(callbacks(other)).toBe(0);
    expect(clock.pendingTimers).toBe(0);
  });

  it('fails at once under an already aborted parent scope', async () => {
    const clock = useClock();
    const p = new PreparedExecute('Thing', { clock, maxAttempts: 1 });
    const parent = new CancelScope();
    parent.abort('gone');
    await expect(p.run(p.context(() => 1, { scope: parent }))).rejects.toBe('gone');
    await expect(p.run(p.context(() => 1, { scope: parent, deadline: clock.now() + 10 }))).rejects.toBe('gone');
    expect(clock.pendingTimers).toBe(0);
  });

  it('combines its own signal with a call signal and releases both links', async () => {
    const own = trackedSignal();
    const call = trackedSignal();
    const p = new PreparedExecute('Thing', { signal: own.signal, maxAttempts: 1 });
    expect(own.listeners).toBe(0);
    await p.run(p.context(() => 1, { signal: call.signal }));
    expect([own.listeners, call.listeners]).toEqual([0, 0]);
    const ctx = p.context(() => 1, { signal: call.signal });
    p.discard(ctx);
    expect([own.listeners, call.listeners]).toEqual([0, 0]);
  });
});
