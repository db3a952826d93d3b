// The store contract: the same operations on the in-memory store and on Redis (through every
// supported client) give the same answers, exactly (a bucket's tokens left: in thousandths), for
// random operation sequences. The Redis stores use the caller's clock here, so both sides see
// the same times.
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { redisStore } from '../../../src/adapters/redis/index.js';
import type { Clock } from '../../../src/core/clock.js';
import type { BudgetConfig } from '../../../src/budget/options.js';
import { normalizeBreaker } from '../../../src/circuit/options.js';
import { memoryStore } from '../../../src/store/memory-store.js';
import type { OutcomeReport, Store, StoreAnswer } from '../../../src/store/store.js';
import { CLIENTS, connect, describeRedis, useRedisServer, type TestClient } from '../../helpers/redis-suite.js';

/** A clock whose time the test sets; its timers never fire (every answer comes long before). */
function manualClock(start: number): Clock & { t: number } {
  return {
    t: start,
    now() {
      return this.t;
    },
    setTimer: () => ({ cancel: () => undefined }),
  };
}

const START = 1_700_000_000_000.25;
let run = 0;

async function answer<T>(a: StoreAnswer<T>): Promise<T> {
  const value = await a;
  if (typeof value === 'symbol') throw new Error('store unavailable');
  return value;
}

describeRedis('store contract: memory and Redis answer alike', () => {
  const server = useRedisServer();
  const clients: TestClient[] = [];
  beforeAll(async () => {
    for (const kind of CLIENTS) clients.push(await connect(kind, server().port));
  });
  afterAll(async () => {
    for (const c of clients) await c.close();
  });

  const pair = (c: TestClient, probeLease = 700): [Store, Store] => [
    memoryStore({ probeLease }),
    redisStore(c.client as never, { prefix: 'contract', clock: 'local', storeTimeout: 10_000, probeLease }),
  ];

  it.each(CLIENTS)('token bucket via %s', async (kind) => {
    const c = clients.find((x) => x.label === kind)!;
    const config = fc.record({ limit: fc.integer({ min: 1, max: 20 }), interval: fc.integer({ min: 50, max: 2000 }), extra: fc.integer({ min: 0, max: 20 }) });
    const op = fc.oneof(fc.record({ advance: fc.double({ min: 0, max: 400, noNaN: true }) }), fc.record({ take: fc.integer({ min: 1, max: 20 }) }));
    await fc.assert(
      fc.asyncProperty(config, fc.array(op, { minLength: 1, maxLength: 25 }), async ({ limit, interval, extra }, ops) => {
        const cfg = { limit, interval, burst: limit + extra };
        const [memory, redis] = pair(c);
        const name = `bucket-${String(++run)}`;
        const clock = manualClock(START);
        const [m, r] = [memory.bucket(name, 'k', cfg), redis.bucket(name, 'k', cfg)];
        for (const o of ops) {
          if ('advance' in o) clock.t += o.advance;
          else {
            const n = Math.min(o.take, cfg.burst);
            const expected = await answer(m.take(n, clock));
            const got = await answer(r.take(n, clock));
            // Decisions and waits are exact; Redis reports the tokens left in thousandths.
            expect({ ...got, tokens: 0 }).toEqual({ ...expected, tokens: 0 });
            expect(got.tokens).toBe(Math.floor(expected.tokens * 1000) / 1000);
          }
        }
      }),
      { numRuns: 40 },
    );
  });

  it.each(CLIENTS)('retry budget via %s', async (kind) => {
    const c = clients.find((x) => x.label === kind)!;
    const config = fc
      .record({ capacity: fc.integer({ min: 1, max: 30 }), retryCost: fc.double({ min: 0.5, max: 10, noNaN: true }), successRefill: fc.double({ min: 0.1, max: 4, noNaN: true }) })
      .filter((b) => b.retryCost <= b.capacity);
    const op = fc.record({ successes: fc.integer({ min: 0, max: 6 }), spend: fc.boolean() });
    await fc.assert(
      fc.asyncProperty(config, fc.array(op, { minLength: 1, maxLength: 25 }), async (cfg: BudgetConfig, ops) => {
        const [memory, redis] = pair(c);
        const name = `budget-${String(++run)}`;
        const clock = manualClock(START);
        const [m, r] = [memory.budget(name, cfg), redis.budget(name, cfg)];
        for (const o of ops) expect(await answer(r.update(o.successes, o.spend, clock))).toEqual(await answer(m.update(o.successes, o.spend, clock)));
      }),
      { numRuns: 40 },
    );
  });

  it.each(CLIENTS)('circuit breaker via %s', async (kind) => {
    const c = clients.find((x) => x.label === kind)!;
    const configs = fc.constantFrom(
      normalizeBreaker({ failureThreshold: 3, resetTimeout: 500, resetBackoff: 2, maxResetTimeout: 4000 }),
      normalizeBreaker({ window: 'count', windowSize: 5, minimumCalls: 3, resetTimeout: 500 }),
      normalizeBreaker({ window: 'count', windowSize: 4, minimumCalls: 2, slowCallThreshold: 10, slowCallRateThreshold: 50, resetTimeout: 300 }),
      normalizeBreaker({ window: 'time', windowSize: 1000, minimumCalls: 2, failureRateThreshold: 60, resetTimeout: 500, resetBackoff: 1.5 }),
    );
    const report = fc.integer({ min: 0, max: 5 }).chain((calls) =>
      fc.record({
        calls: fc.constant(calls),
        failures: fc.integer({ min: 0, max: calls }),
        slow: fc.integer({ min: 0, max: calls }),
        trailingFailures: fc.integer({ min: 0, max: calls }),
        sawSuccess: fc.boolean(),
        outcomes: fc.array(fc.constantFrom('0', '1', '2', '3'), { minLength: calls, maxLength: calls }).map((a) => a.join('')),
        epochKind: fc.constantFrom('known', 'none', 'stale'),
      }),
    );
    const op = fc.oneof(
      fc.record({ advance: fc.double({ min: 0, max: 800, noNaN: true }) }),
      fc.record({ sync: report }),
      fc.record({ acquire: fc.constantFrom('A', 'B') }),
      fc.record({ release: fc.constantFrom('A', 'B'), verdict: fc.constantFrom<'closed' | 'open' | 'none'>('closed', 'open', 'none') }),
      fc.record({ force: fc.constantFrom<'closed' | 'isolated'>('closed', 'isolated') }),
    );
    await fc.assert(
      fc.asyncProperty(configs, fc.array(op, { minLength: 1, maxLength: 30 }), async (cfg, ops) => {
        const [memory, redis] = pair(c);
        const name = `breaker-${String(++run)}`;
        const clock = manualClock(START);
        const [m, r] = [memory.breaker(name, cfg), redis.breaker(name, cfg)];
        let epoch = -1;
        for (const o of ops) {
          if ('advance' in o) {
            clock.t += o.advance;
            continue;
          }
          let pairOf: [StoreAnswer<unknown>, StoreAnswer<unknown>];
          if ('sync' in o) {
            const { epochKind, ...rest } = o.sync;
            const rep: OutcomeReport = { ...rest, epoch: epochKind === 'none' ? -1 : epochKind === 'stale' ? epoch - 1 : epoch };
            pairOf = [m.sync(rep, clock), r.sync(rep, clock)];
          } else if ('acquire' in o) pairOf = [m.acquireProbe(o.acquire, clock), r.acquireProbe(o.acquire, clock)];
          else if ('release' in o) pairOf = [m.releaseProbe(o.release, o.verdict, clock), r.releaseProbe(o.release, o.verdict, clock)];
          else pairOf = [m.force(o.force, clock), r.force(o.force, clock)];
          const expected = await answer(pairOf[0]);
          expect(await answer(pairOf[1])).toEqual(expected);
          epoch = (expected as { epoch: number }).epoch;
        }
      }),
      { numRuns: 60 },
    );
  });
});
