import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VirtualClock } from '../testing/virtual-clock.js';
import { deferred, type Deferred } from '../../test/helpers/deferred.js';
import { Bulkhead } from './bulkhead.js';

type Step = { kind: 'start' } | { kind: 'finish'; pick: number } | { kind: 'abort'; pick: number } | { kind: 'tick'; ms: number };

const step: fc.Arbitrary<Step> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<Step>({ kind: 'start' }) },
  { weight: 3, arbitrary: fc.nat(50).map<Step>((pick) => ({ kind: 'finish', pick })) },
  { weight: 2, arbitrary: fc.nat(50).map<Step>((pick) => ({ kind: 'abort', pick })) },
  { weight: 1, arbitrary: fc.integer({ min: 1, max: 40 }).map<Step>((ms) => ({ kind: 'tick', ms })) },
);

interface Call {
  readonly controller: AbortController;
  readonly gate: Deferred<void>;
  started: boolean;
  settled: boolean;
}

describe('Bulkhead model', () => {
  it('never runs more than capacity, never queues more than the bound, never idles a slot while calls wait', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 4 }),
        fc.boolean(),
        fc.array(step, { maxLength: 60 }),
        async (capacity, queue, withTimeout, steps) => {
          const clock = new VirtualClock();
          const bh = new Bulkhead(capacity, { clock, queue, ...(withTimeout && queue > 0 ? { queueTimeout: 30 } : {}) });
          const calls: Call[] = [];
          const open = (): Call[] => calls.filter((c) => !c.settled);
          const check = (): void => {
            const running = calls.filter((c) => c.started && !c.settled).length;
            expect(running).toBeLessThanOrEqual(capacity);
            expect(bh.active).toBeLessThanOrEqual(capacity);
            expect(bh.queued).toBeLessThanOrEqual(queue);
            expect(bh.active + bh.available).toBe(capacity);
            if (bh.queued > 0) expect(bh.active).toBe(capacity);
          };
          for (const s of steps) {
            if (s.kind === 'start') {
              const call: Call = { controller: new AbortController(), gate: deferred(), started: false, settled: false };
              calls.push(call);
              const work = bh.execute(() => {
                call.started = true;
                return call.gate.promise;
              }, call.controller.signal);
              work.then(
                () => (call.settled = true),
                () => (call.settled = true),
              );
            } else if (s.kind === 'tick') {
              await clock.advance(s.ms);
            } else {
              const candidates = open();
              const target = candidates[s.pick % Math.max(1, candidates.length)];
              if (s.kind === 'finish') target?.gate.resolve();
              else target?.controller.abort(new Error('aborted'));
            }
            await clock.flush();
            check();
          }
          for (const c of calls) c.gate.resolve();
          await clock.runAll();
          await clock.flush();
          expect([bh.active, bh.queued]).toEqual([0, 0]);
          expect(clock.pendingTimers).toBe(0);
          expect(open()).toEqual([]);
        },
      ),
      { numRuns: 150 },
    );
  });
});
