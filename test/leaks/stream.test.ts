// Leak suite for resile/stream and StateMachine: on every path (completion, early break, source
// error, item failure, abort before and during) nothing may be left behind: no pending timer, no
// abort listener on the caller's signal, no unhandled rejection, and the source released once.
import { describe, expect, it } from 'vitest';
import { delay, useClock } from '../helpers/clock.js';
import { numbers, type TrackedSource } from '../helpers/streams.js';
import { trackUnhandled } from '../helpers/unhandled.js';
import { StateMachine } from '../../src/index.js';
import { duplicate, mapResilient, toArray, window } from '../../src/stream/index.js';
import { trackedSignal, type VirtualClock } from '../../src/testing/index.js';

const unhandled = trackUnhandled();

type Path = 'complete' | 'break' | 'source-error' | 'item-failure' | 'abort-before' | 'abort-during';
const paths: Path[] = ['complete', 'break', 'source-error', 'item-failure', 'abort-before', 'abort-during'];

/** Runs one consumer of `source` through a stage; resolves when it is done either way. */
type Pipeline = (source: TrackedSource, signal: AbortSignal, clock: VirtualClock, path: Path) => Promise<unknown>;

async function take(iterable: AsyncIterable<unknown>, limit: number): Promise<number> {
  const items: unknown[] = [];
  for await (const item of iterable) {
    items.push(item);
    if (items.length === limit) break;
  }
  return items.length;
}

const mapper = (clock: VirtualClock, path: Path) => async (x: number, { signal }: { signal: AbortSignal }): Promise<number> => {
  await delay(clock, 7, signal);
  if (path === 'item-failure' && x === 2) throw new Error('item failed');
  return x;
};

const pipelines: Record<string, Pipeline> = {
  toArray: (source, signal) => toArray(source, { signal }),
  window: (source, signal, _clock, path) => take(window(source, 2, { signal }), path === 'break' ? 2 : Infinity),
  duplicate: (source, signal, _clock, path) => {
    const [a, b] = duplicate(source, 2, { signal, buffer: 2 });
    return Promise.all([take(a!, path === 'break' ? 2 : Infinity), take(b!, path === 'break' ? 3 : Infinity)]);
  },
  'mapResilient ordered': (source, signal, clock, path) =>
    take(mapResilient(source, mapper(clock, path), { clock, signal, concurrency: 3, maxAttempts: 2, baseDelay: 3 }), path === 'break' ? 2 : Infinity),
  'mapResilient unordered, emit': (source, signal, clock, path) =>
    take(
      mapResilient(source, mapper(clock, path), { clock, signal, concurrency: 3, ordered: false, onError: 'emit', maxAttempts: 2, baseDelay: 3 }),
      path === 'break' ? 2 : Infinity,
    ),
};

describe('leak suite: stream stages × paths', () => {
  for (const [name, pipeline] of Object.entries(pipelines)) {
    // toArray has no consumer that could stop early.
    for (const path of paths.filter((p) => name !== 'toArray' || p !== 'break')) {
      it(`${name} / ${path}`, async () => {
        const clock = useClock();
        const t = trackedSignal();
        const endless = path === 'break' || path.startsWith('abort');
        const source = numbers(endless ? Infinity : 6, { clock, delayMs: 5, signal: t.signal, ...(path === 'source-error' ? { failAt: 4 } : {}) });
        if (path === 'abort-before') t.abort('before');
        let settled = false;
        const run = pipeline(source, t.signal, clock, path);
        run.then(
          () => (settled = true),
          () => (settled = true),
        );
        if (path === 'abort-during') {
          await clock.advance(12);
          t.abort('during');
        }
        while (!settled) await clock.advance(1);
        await clock.flush();
        expect(clock.pendingTimers).toBe(0);
        expect(t.listeners).toBe(0);
        expect(unhandled.reasons).toEqual([]);
        // A source that did not finish on its own is released exactly once.
        const finished = path === 'complete' || path === 'source-error' || (path === 'item-failure' && name !== 'mapResilient ordered');
        expect(source.returns).toBe(finished || source.pulled === 0 ? 0 : 1);
      });
    }
  }
});

describe('leak suite: StateMachine × paths', () => {
  for (const path of ['success', 'failure', 'abort-queued', 'abort-running', 'deadline'] as const) {
    it(path, async () => {
      const clock = useClock();
      const t = trackedSignal();
      const m = new StateMachine({
        initial: 'a',
        data: 0,
        clock,
        maxAttempts: 2,
        baseDelay: 5,
        transition: async ({ signal }, _state, data, fail: boolean) => {
          await delay(clock, 20, signal);
          if (fail) throw new Error('transition failed');
          return { state: 'b', data: data + 1 };
        },
      });
      const first = m.handle(path === 'failure', path === 'abort-running' ? { signal: t.signal } : {});
      const second = m.handle(false, path === 'abort-queued' ? { signal: t.signal } : path === 'deadline' ? { deadline: clock.now() + 10, signal: t.signal } : { signal: t.signal });
      const all = Promise.allSettled([first, second]);
      if (path.startsWith('abort')) {
        await clock.advance(5);
        t.abort('gone');
      }
      let settled = false;
      void all.then(() => (settled = true));
      while (!settled) await clock.advance(1);
      await clock.flush();
      expect(clock.pendingTimers).toBe(0);
      expect(t.listeners).toBe(0);
      expect(unhandled.reasons).toEqual([]);
      expect(m.queued).toBe(0);
    });
  }
});
