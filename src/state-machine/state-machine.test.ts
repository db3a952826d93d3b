import { describe, expect, it, vi } from 'vitest';
import { delay, settle, useClock } from '../../test/helpers/clock.js';
import { currentContext, runWithContext } from '../core/ambient.js';
import { RetryExhaustedError } from '../core/errors/retry-exhausted-error.js';
import type { Instrumenter } from '../core/telemetry/instrumenter.js';
import { trackedSignal } from '../testing/tracked-signal.js';
import type { VirtualClock } from '../testing/virtual-clock.js';
import type { TransitionRecord } from './options.js';
import { StateMachine } from './state-machine.js';

type Conn = 'disconnected' | 'connected';

function counter(clock: VirtualClock, step = 10): StateMachine<string, number, number> {
  return new StateMachine({
    initial: 'idle',
    data: 0,
    clock,
    transition: async (_ctx, _state, data: number, by: number) => {
      await delay(clock, step);
      return { state: 'counting', data: data + by };
    },
  });
}

describe('StateMachine', () => {
  it('commits the next state and data and resolves with them', async () => {
    const clock = useClock();
    const m = counter(clock);
    const outcome = await settle(clock, m.handle(5));
    expect(outcome).toEqual({ ok: true, value: { state: 'counting', data: 5 } });
    expect([m.state, m.data]).toEqual(['counting', 5]);
  });

  it('applies concurrent events one at a time, in call order', async () => {
    const clock = useClock();
    const seen: number[] = [];
    let active = 0;
    let maxActive = 0;
    const m = new StateMachine({
      initial: 'idle',
      data: 0,
      clock,
      transition: async (_ctx, _s, data: number, event: number) => {
        active++;
        maxActive = Math.max(maxActive, active);
        seen.push(event);
        // Later events are faster: without the mailbox they would overtake earlier ones.
        await delay(clock, 100 - event);
        active--;
        return { state: 'counting', data: data + 1 };
      },
    });
    const all = Promise.all(Array.from({ length: 100 }, (_, i) => m.handle(i)));
    expect(m.queued).toBe(99);
    const outcome = await settle(clock, all);
    expect(outcome.ok).toBe(true);
    expect(m.data).toBe(100);
    expect(seen).toEqual(Array.from({ length: 100 }, (_, i) => i));
    expect(maxActive).toBe(1);
    expect(m.queued).toBe(0);
  });

  it('retries a failing transition and commits only when it succeeds', async () => {
    const clock = useClock();
    let calls = 0;
    const observed: string[] = [];
    const m = new StateMachine({
      initial: 'disconnected',
      data: { retries: 0 },
      states: ['disconnected', 'connected'],
      clock,
      baseDelay: 10,
      backoff: 'exponential',
      transition: (ctx, state, data) => {
        calls++;
        observed.push(`${state}#${String(ctx.attempt)}`);
        if (calls < 3) throw new Error(`refused ${String(calls)}`);
        return { state: 'connected', data: { retries: data.retries + ctx.attempt } };
      },
    });
    const records: TransitionRecord<Conn, unknown>[] = [];
    m.onTransition((t) => records.push(t));
    const pending = m.handle('connect');
    await clock.advance(10);
    expect(m.state).toBe('disconnected');
    const outcome = await settle(clock, pending);
    expect(outcome).toEqual({ ok: true, value: { state: 'connected', data: { retries: 2 } } });
    expect(observed).toEqual(['disconnected#0', 'disconnected#1', 'disconnected#2']);
    expect(records).toEqual([{ from: 'disconnected', to: 'connected', event: 'connect', attempts: 3, durationMs: 30 }]);
  });

  it('leaves state and data unchanged when retries run out, and goes on with the next event', async () => {
    const clock = useClock();
    const m = new StateMachine({
      initial: 'a',
      data: 1,
      clock,
      maxAttempts: 2,
      baseDelay: 5,
      transition: (_ctx, _s, data, event: 'fail' | 'ok') => {
        if (event === 'fail') throw new Error('boom');
        return { state: 'b', data: data + 1 };
      },
    });
    const first = m.handle('fail');
    const second = m.handle('ok');
    const a = await settle(clock, first);
    expect(a.ok ? undefined : a.error).toBeInstanceOf(RetryExhaustedError);
    expect(a.ok ? undefined : (a.error as RetryExhaustedError).attempts).toBe(2);
    expect(await settle(clock, second)).toEqual({ ok: true, value: { state: 'b', data: 2 } });
  });

  it('lets a queued event whose signal aborts leave the queue at once', async () => {
    const clock = useClock();
    const calls: number[] = [];
    const m = new StateMachine({
      initial: 'idle',
      data: [] as number[],
      clock,
      transition: async (_ctx, _s, data, event: number) => {
        calls.push(event);
        await delay(clock, 100);
        return { state: 'busy', data: [...data, event] };
      },
    });
    const t = trackedSignal();
    const first = m.handle(1);
    const second = m.handle(2, { signal: t.signal });
    const third = m.handle(3);
    expect(t.listeners).toBe(1);
    const reason = new Error('caller left');
    t.abort(reason);
    await expect(second).rejects.toBe(reason);
    expect(clock.now() - 1_700_000_000_000).toBe(0);
    expect(m.queued).toBe(1);
    await settle(clock, Promise.all([first, third]));
    expect(calls).toEqual([1, 3]);
    expect(m.data).toEqual([1, 3]);
  });

  it('rejects a running event on abort without committing it, then runs the next', async () => {
    const clock = useClock();
    const m = counter(clock, 100);
    const t = trackedSignal();
    const first = m.handle(1, { signal: t.signal });
    const second = m.handle(10);
    await clock.advance(50);
    t.abort('stop');
    await expect(first).rejects.toBe('stop');
    expect(t.listeners).toBe(0);
    expect(m.data).toBe(0);
    expect(await settle(clock, second)).toEqual({ ok: true, value: { state: 'counting', data: 10 } });
  });

  it('fails an event whose deadline passes while it is queued, and counts timeout from handle()', async () => {
    const clock = useClock();
    const m = new StateMachine({ initial: 'x', data: 0, clock, timeout: 150, transition: async () => {
      await delay(clock, 100);
      return { state: 'x', data: 1 };
    } });
    const first = m.handle('a');
    const second = m.handle('b');
    const third = m.handle('c', { deadline: clock.now() + 50 });
    const outcome = await settle(clock, Promise.allSettled([first, second, third]));
    const [r1, r2, r3] = outcome.ok ? outcome.value : [];
    expect(r1?.status).toBe('fulfilled');
    expect(r2?.status === 'rejected' ? r2.reason : undefined).toMatchObject({ code: 'ERR_DEADLINE_EXCEEDED', deadline: clock.now() - 50 });
    expect(r3?.status === 'rejected' ? r3.reason : undefined).toMatchObject({ code: 'ERR_DEADLINE_EXCEEDED', deadline: clock.now() - 150 });
  });

  it('combines the machine signal with each event signal and unlinks both', async () => {
    const clock = useClock();
    const machine = trackedSignal();
    const event = trackedSignal();
    const m = new StateMachine({ initial: 'x', data: 0, clock, signal: machine.signal, transition: async (ctx) => {
      await delay(clock, 10, ctx.signal);
      return { state: 'y', data: 1 };
    } });
    await settle(clock, m.handle('go', { signal: event.signal }));
    expect([machine.listeners, event.listeners]).toEqual([0, 0]);
    const pending = m.handle('again', { signal: event.signal });
    machine.abort('shutdown');
    await expect(pending).rejects.toBe('shutdown');
    await expect(m.handle('late')).rejects.toBe('shutdown');
  });

  it('runs each transition in the ambient context of its own handle() call', async () => {
    const clock = useClock();
    const seen: boolean[] = [];
    const m = new StateMachine({ initial: 'x', data: 0, clock, maxAttempts: 1, transition: async (ctx) => {
      seen.push(currentContext().signal !== undefined);
      await delay(clock, 10, ctx.signal);
      return { state: 'x', data: 1 };
    } });
    const a = new AbortController();
    const first = runWithContext({ signal: a.signal }, () => m.handle('a'));
    const second = m.handle('b');
    await clock.advance(5);
    a.abort('request A gone');
    await expect(first).rejects.toBe('request A gone');
    expect((await settle(clock, second)).ok).toBe(true);
    expect(seen).toEqual([true, false]);
  });

  it('calls transition listeners before handle() resolves, isolates throwing ones and unsubscribes', async () => {
    const clock = useClock();
    const onListenerError = vi.fn();
    const m = new StateMachine({ initial: 'a', data: 0, clock, name: 'conn', instrumenter: { onListenerError }, transition: () => ({ state: 'b', data: 1 }) });
    const order: string[] = [];
    m.onTransition(() => {
      throw new Error('bad listener');
    });
    const off = m.onTransition((t) => order.push(`listener ${t.from}->${t.to}`));
    await m.handle('go').then(() => order.push('resolved'));
    expect(order).toEqual(['listener a->b', 'resolved']);
    expect(onListenerError).toHaveBeenCalledWith(expect.objectContaining({ hook: 'onTransition', name: 'conn', error: new Error('bad listener') }));
    off();
    await m.handle('go');
    expect(order).toHaveLength(2);
  });

  it('reports every transition attempt to the instrumenter', async () => {
    const clock = useClock();
    const events: string[] = [];
    const instrumenter: Instrumenter = {
      onAttempt: (e) => events.push(`attempt ${String(e.attempt)} ${String(e.name)}`),
      onAttemptEnd: (e) => events.push(`end ${String(e.attempt)} ${e.outcome}`),
      onSuccess: (e) => events.push(`success ${String(e.attempts)}`),
    };
    let n = 0;
    const m = new StateMachine({ initial: 'a', data: 0, clock, name: 'm', instrumenter, baseDelay: 1, transition: () => {
      if (n++ === 0) throw new Error('once');
      return { state: 'b', data: 0 };
    } });
    await settle(clock, m.handle('x'));
    expect(events).toEqual(['attempt 0 m', 'end 0 failure', 'attempt 1 m', 'end 1 success', 'success 2']);
  });

  it('rejects a transition to an undeclared state without committing it', async () => {
    const m = new StateMachine({
      initial: 'disconnected',
      data: 0,
      states: ['disconnected', 'connected'],
      maxAttempts: 1,
      // A JavaScript caller (or a cast) can still return a typo; the machine refuses it.
      transition: () => ({ state: 'conected' as 'connected', data: 1 }),
    });
    await expect(m.handle('go')).rejects.toThrow(
      new RangeError('StateMachine: transition from "disconnected" returned unknown state "conected" (declared: "disconnected", "connected")'),
    );
    expect([m.state, m.data]).toEqual(['disconnected', 0]);
  });

  it('rejects a transition result that is not { state, data }', async () => {
    const m = new StateMachine({ initial: 'a', data: 0, maxAttempts: 1, transition: () => undefined as never });
    await expect(m.handle('go')).rejects.toThrow(new TypeError('StateMachine: transition must return { state, data } (got undefined)'));
  });

  it('commits what the fallback returns when the transition keeps failing', async () => {
    const clock = useClock();
    const m = new StateMachine({
      initial: 'connected',
      data: 0,
      clock,
      maxAttempts: 2,
      baseDelay: 1,
      fallback: () => ({ state: 'offline', data: -1 }),
      transition: () => Promise.reject(new Error('down')),
    });
    expect(await settle(clock, m.handle('sync'))).toEqual({ ok: true, value: { state: 'offline', data: -1 } });
    expect(m.state).toBe('offline');
  });
});
