import { describe, expect, it } from 'vitest';
import { currentContext, runWithContext } from '../core/ambient.js';
import { BulkheadFullError } from '../core/errors/bulkhead-full-error.js';
import { Priority } from '../core/priority.js';
import type { BulkheadFullEvent, HealthChangeEvent } from '../core/telemetry/events.js';
import { trackedSignal } from '../testing/tracked-signal.js';
import { settle, useClock } from '../../test/helpers/clock.js';
import { deferred } from '../../test/helpers/deferred.js';
import { Bulkhead, bulkhead } from './bulkhead.js';

describe('Bulkhead validation', () => {
  it.each([
    [() => new Bulkhead(0), RangeError, 'Bulkhead: capacity must be a positive integer (got 0)'],
    [() => new Bulkhead(1.5), RangeError, 'Bulkhead: capacity must be a positive integer (got 1.5)'],
    [() => new Bulkhead('2' as never), TypeError, 'Bulkhead: capacity must be a positive integer (got "2")'],
    [() => new Bulkhead(Infinity), RangeError, 'Bulkhead: capacity must be a positive integer (got Infinity)'],
    [() => new Bulkhead(1, { queue: -1 }), RangeError, 'Bulkhead: queue must be a non-negative integer (got -1)'],
    [() => new Bulkhead(1, { queue: 2, queueTimeout: 0 }), RangeError, 'Bulkhead: queueTimeout must be a positive finite number of milliseconds (got 0)'],
    [() => new Bulkhead(1, { queueTimeout: 100 }), RangeError, 'Bulkhead: queue must be a positive integer when queueTimeout is set (got 0)'],
    [() => new Bulkhead(1, 5 as never), TypeError, 'Bulkhead: options must be an object (got 5)'],
    [() => new Bulkhead(1, { name: 5 as never }), TypeError, 'Bulkhead: name must be a string (got 5)'],
    [() => new Bulkhead(1, { clock: {} as never }), TypeError, 'Bulkhead: clock must be a Clock (an object with now and setTimer) (got an object)'],
    [() => new Bulkhead(1, { instrumenter: 5 as never }), TypeError, 'Bulkhead: instrumenter must be an Instrumenter object or an array of them (got 5)'],
    [() => bulkhead(-3), RangeError, 'Bulkhead: capacity must be a positive integer (got -3)'],
  ])('%#: rejects invalid options with an exact message', (build, type, message) => {
    expect(build).toThrow(type);
    expect(build).toThrow(message);
  });

  it('bulkhead() returns a shared bulkhead as it is', () => {
    const shared = new Bulkhead(3);
    expect(bulkhead(shared)).toBe(shared);
    expect(bulkhead(2).capacity).toBe(2);
  });
});

describe('Bulkhead', () => {
  it('fails fast with BulkheadFullError when full and reports it', async () => {
    const clock = useClock();
    const events: BulkheadFullEvent[] = [];
    const bh = new Bulkhead(2, { clock, name: 'db', instrumenter: { onBulkheadFull: (e) => events.push(e) } });
    const gate = deferred();
    const running = [bh.execute(() => gate.promise), bh.execute(() => gate.promise)];
    expect([bh.active, bh.available, bh.queued]).toEqual([2, 0, 0]);
    const refused = await settle(clock, bh.execute(() => 'never'));
    expect(refused.ok).toBe(false);
    const error = (refused as { error: BulkheadFullError }).error;
    expect(error).toBeInstanceOf(BulkheadFullError);
    expect(error.code).toBe('ERR_BULKHEAD_FULL');
    expect(error.source).toBe('db');
    expect(error.message).toBe('bulkhead is full (2 active)');
    expect(events).toEqual([{ at: clock.now(), name: 'db', execution: undefined, active: 2, capacity: 2, queued: 0, reason: 'full' }]);
    gate.resolve();
    await Promise.all(running);
    expect([bh.active, bh.available]).toEqual([0, 2]);
  });

  it('queues in FIFO order and hands a freed slot to the oldest waiter', async () => {
    const clock = useClock();
    const bh = new Bulkhead(1, { clock, queue: 3 });
    const order: string[] = [];
    const gates = { a: deferred(), b: deferred(), c: deferred(), d: deferred() };
    const calls = (['a', 'b', 'c', 'd'] as const).map((k) =>
      bh.execute(async () => {
        order.push(k);
        await gates[k].promise;
      }),
    );
    await clock.flush();
    expect(order).toEqual(['a']);
    expect([bh.active, bh.queued]).toEqual([1, 3]);
    // A newcomer cannot overtake the queue, even at the instant a slot is freed.
    gates.a.resolve();
    const late = bh.execute(() => order.push('late'));
    expect((await settle(clock, late)).ok).toBe(false);
    await clock.flush();
    expect(order).toEqual(['a', 'b']);
    gates.b.resolve();
    gates.c.resolve();
    gates.d.resolve();
    await Promise.all(calls);
    expect(order).toEqual(['a', 'b', 'c', 'd']);
    expect([bh.active, bh.queued]).toEqual([0, 0]);
  });

  it('rejects a waiter after queueTimeout without it ever holding a slot', async () => {
    const clock = useClock();
    const events: BulkheadFullEvent[] = [];
    const bh = new Bulkhead(1, { clock, queue: 1, queueTimeout: 50, instrumenter: { onBulkheadFull: (e) => events.push(e) } });
    const gate = deferred();
    const first = bh.execute(() => gate.promise);
    let ran = false;
    const waiting = bh.execute(() => {
      ran = true;
    });
    const outcome = waiting.then(undefined, (e: unknown) => e);
    await clock.advance(49);
    expect(bh.queued).toBe(1);
    await clock.advance(1);
    const error = await outcome;
    expect(error).toBeInstanceOf(BulkheadFullError);
    expect((error as Error).message).toBe('bulkhead queue timeout: no slot within 50 ms');
    expect(events.map((e) => e.reason)).toEqual(['queue-timeout']);
    expect([bh.active, bh.queued]).toEqual([1, 0]);
    gate.resolve();
    await first;
    expect(ran).toBe(false);
    expect(bh.active).toBe(0);
  });

  it('an aborted waiter leaves the queue at once, removes its listener and never takes a slot', async () => {
    const clock = useClock();
    const bh = new Bulkhead(1, { clock, queue: 2, queueTimeout: 1000 });
    const gate = deferred();
    const first = bh.execute(() => gate.promise);
    const tracked = trackedSignal();
    let ran = false;
    const waiting = bh.execute(() => {
      ran = true;
    }, tracked.signal);
    expect(tracked.listeners).toBe(1);
    expect(bh.queued).toBe(1);
    const reason = new Error('caller gave up');
    tracked.controller.abort(reason);
    expect(bh.queued).toBe(0);
    await expect(waiting).rejects.toBe(reason);
    expect(tracked.listeners).toBe(0);
    expect(clock.pendingTimers).toBe(0);
    gate.resolve();
    await first;
    expect(ran).toBe(false);
    expect([bh.active, bh.queued, bh.available]).toEqual([0, 0, 1]);
  });

  it('refuses an already aborted call without queueing it', async () => {
    const bh = new Bulkhead(1, { clock: useClock() });
    const c = new AbortController();
    c.abort('gone');
    await expect(bh.execute(() => 1, c.signal)).rejects.toBe('gone');
    expect(bh.active).toBe(0);
  });

  it('releases the slot when fn throws synchronously or rejects', async () => {
    const bh = new Bulkhead(1, { clock: useClock() });
    await expect(
      bh.execute(() => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    expect(bh.active).toBe(0);
    await expect(bh.execute(() => Promise.reject(new Error('async')))).rejects.toThrow('async');
    expect(bh.active).toBe(0);
    expect(await bh.execute(() => 7)).toBe(7);
  });

  it('reports health transitions only: degraded when saturated, healthy once a slot frees', async () => {
    const clock = useClock();
    const bh = new Bulkhead(2, { clock, name: 'api', queue: 1 });
    const events: HealthChangeEvent[] = [];
    const unsubscribe = bh.onHealthChange((e) => events.push(e));
    const gates = [deferred(), deferred(), deferred()];
    const calls = gates.map((g) => bh.execute(() => g.promise));
    await clock.flush();
    expect(events.map((e) => e.state)).toEqual(['degraded']);
    gates[0]!.resolve(); // the waiter takes the slot: still saturated, no event
    await clock.flush();
    expect(events.map((e) => e.state)).toEqual(['degraded']);
    gates[1]!.resolve();
    await clock.flush();
    expect(events).toEqual([
      { at: clock.now(), name: 'api', component: 'bulkhead', state: 'degraded', reason: 'all slots busy' },
      { at: clock.now(), name: 'api', component: 'bulkhead', state: 'healthy', reason: 'a slot is free' },
    ]);
    gates[2]!.resolve();
    await Promise.all(calls);
    expect(events).toHaveLength(2);
    unsubscribe();
  });

  it('keeps the AsyncLocalStorage context of a queued call', async () => {
    const clock = useClock();
    const bh = new Bulkhead(1, { clock, queue: 1 });
    const gate = deferred();
    const first = runWithContext({ priority: Priority.Critical }, () => bh.execute(() => gate.promise));
    const queued = runWithContext({ priority: Priority.Low }, () => bh.execute(() => currentContext().priority));
    gate.resolve();
    await first;
    expect(await queued).toBe(Priority.Low);
  });

  it('passes a signal to fn and rejects a non-function fn', async () => {
    const bh = new Bulkhead(1, { clock: useClock() });
    expect(await bh.execute(({ signal }) => signal instanceof AbortSignal)).toBe(true);
    await expect(bh.execute(5 as never)).rejects.toThrow('Bulkhead.execute: fn must be a function (got 5)');
  });
});
