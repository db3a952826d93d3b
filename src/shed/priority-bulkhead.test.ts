import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { runWithContext } from '../core/ambient.js';
import { BulkheadFullError } from '../core/errors/bulkhead-full-error.js';
import { ShedLoadError } from '../core/errors/shed-load-error.js';
import { Priority } from '../core/priority.js';
import type { HealthChangeEvent, ShedLoadEvent } from '../core/telemetry/events.js';
import { useClock } from '../../test/helpers/clock.js';
import { deferred } from '../../test/helpers/deferred.js';
import { admission } from './admission.js';
import { PriorityBulkhead, priorityBulkhead } from './priority-bulkhead.js';

describe('admission (pure)', () => {
  it('measures utilisation before admitting', () => {
    expect(admission(4, 10, 0.5)).toBe('admit');
    expect(admission(5, 10, 0.5)).toBe('shed');
    expect(admission(9, 10, 1)).toBe('admit');
    expect(admission(10, 10, 1)).toBe('full');
    expect(admission(10, 10, 0.5)).toBe('full');
  });

  it('admits exactly the calls whose utilisation is below the threshold', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 500 }), fc.integer({ min: 1, max: 1000 }).map((n) => n / 1000), (capacity, threshold) => {
        let active = 0;
        while (admission(active, capacity, threshold) === 'admit') active++;
        // The number admitted from empty is ceil(threshold × capacity), never more than capacity.
        expect(active).toBe(Math.min(capacity, Math.ceil(threshold * capacity - 1e-9)));
      }),
    );
  });
});

describe('PriorityBulkhead validation', () => {
  it.each([
    [() => new PriorityBulkhead(0), RangeError, 'PriorityBulkhead: capacity must be a positive integer (got 0)'],
    [() => new PriorityBulkhead(10, { low: 0 }), RangeError, 'PriorityBulkhead: thresholds.low must be a utilisation fraction in (0, 1] (got 0)'],
    [() => new PriorityBulkhead(10, { standard: 1.2 }), RangeError, 'PriorityBulkhead: thresholds.standard must be a utilisation fraction in (0, 1] (got 1.2)'],
    [() => new PriorityBulkhead(10, { critical: NaN }), RangeError, 'PriorityBulkhead: thresholds.critical must be a utilisation fraction in (0, 1] (got NaN)'],
    [() => new PriorityBulkhead(10, { low: '0.5' as never }), TypeError, 'PriorityBulkhead: thresholds.low must be a utilisation fraction in (0, 1] (got "0.5")'],
    [() => new PriorityBulkhead(10, 0.5 as never), TypeError, 'PriorityBulkhead: thresholds must be an object (got 0.5)'],
    [() => new PriorityBulkhead(10, {}, { name: 1 as never }), TypeError, 'PriorityBulkhead: name must be a string (got 1)'],
    [() => priorityBulkhead({} as never), TypeError, 'priorityBulkhead: pb must be a PriorityBulkhead (got an object)'],
  ])('%#: rejects invalid options with an exact message', (build, type, message) => {
    expect(build).toThrow(type);
    expect(build).toThrow(message);
  });

  it('fills in default thresholds', () => {
    expect(new PriorityBulkhead(10, { low: 0.3 }).thresholds).toEqual({ low: 0.3, standard: 0.8, critical: 1 });
  });
});

describe('PriorityBulkhead', () => {
  it('sheds by priority and refuses everyone when full (the Go cookbook scenario)', async () => {
    const clock = useClock();
    const shed: ShedLoadEvent[] = [];
    const pb = new PriorityBulkhead(10, undefined, { clock, name: 'api', instrumenter: { onShedLoad: (e) => shed.push(e) } });
    const gate = deferred();
    const hold = (n: number, priority: Priority): Promise<unknown>[] =>
      Array.from({ length: n }, () => runWithContext({ priority }, () => pb.execute(() => gate.promise)));
    const at = (priority: Priority): Promise<unknown> => runWithContext({ priority }, () => pb.execute(() => 'ran'));
    const held = hold(5, Priority.Critical);
    await expect(at(Priority.Low)).rejects.toBeInstanceOf(ShedLoadError);
    held.push(...hold(3, Priority.Standard));
    expect(pb.active).toBe(8);
    await expect(at(Priority.Standard)).rejects.toThrow('load shed: standard priority is admitted below 0.8 utilisation (8/10 busy)');
    held.push(...hold(2, Priority.Critical));
    const full = at(Priority.Critical);
    await expect(full).rejects.toBeInstanceOf(BulkheadFullError);
    await expect(full).rejects.toThrow('priority bulkhead is full (10 active)');
    expect(shed.map((e) => [e.priority, e.reason, e.name])).toEqual([
      ['low', 'priority', 'api'],
      ['standard', 'priority', 'api'],
    ]);
    gate.resolve();
    await Promise.all(held);
    expect([pb.active, pb.available]).toEqual([0, 10]);
    expect(await at(Priority.Low)).toBe('ran');
  });

  it('uses Standard without an ambient priority and tags rejections with its source', async () => {
    const pb = new PriorityBulkhead(2, { standard: 0.5 }, { clock: useClock() });
    const gate = deferred();
    const first = pb.execute(() => gate.promise);
    const error = await pb.execute(() => 1).then(undefined, (e: unknown) => e);
    expect(error).toBeInstanceOf(ShedLoadError);
    expect((error as ShedLoadError).source).toBe('priority-bulkhead');
    gate.resolve();
    await first;
  });

  it('releases its slot on a synchronous throw and reports health on transitions only', async () => {
    const clock = useClock();
    const pb = new PriorityBulkhead(2, undefined, { clock });
    const events: HealthChangeEvent[] = [];
    pb.onHealthChange((e) => events.push(e));
    await expect(
      pb.execute(() => {
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    expect(pb.active).toBe(0);
    // 1 of 2 busy = 0.5 utilisation: low priority is now shed, so the bulkhead is degraded.
    const gate = deferred();
    const one = runWithContext({ priority: Priority.Critical }, () => pb.execute(() => gate.promise));
    gate.resolve();
    await one;
    expect(events.map((e) => e.state)).toEqual(['degraded', 'healthy', 'degraded', 'healthy']);
  });
});
