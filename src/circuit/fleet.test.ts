// Several breakers sharing one memoryStore stand for several processes sharing a Redis: the
// fleet rules (shared window, opening for all, one probe lease, manual control) in virtual time.
import { describe, expect, it } from 'vitest';
import { useClock } from '../../test/helpers/clock.js';
import { deferred } from '../../test/helpers/deferred.js';
import { delayedStore, switchableStore } from '../../test/helpers/stores.js';
import { CircuitOpenError } from '../core/errors/circuit-open-error.js';
import { StoreUnavailableError } from '../core/errors/store-unavailable-error.js';
import { memoryStore } from '../store/memory-store.js';
import type { Store } from '../store/store.js';
import type { VirtualClock } from '../testing/virtual-clock.js';
import { CircuitBreaker } from './circuit-breaker.js';
import type { CircuitBreakerOptions } from './options.js';

const fail = (): Promise<never> => Promise.reject(new Error('down'));
const ok = (): string => 'ok';

function fleet(clock: VirtualClock, store: Store, count: number, options: CircuitBreakerOptions = {}): CircuitBreaker[] {
  const defaults: CircuitBreakerOptions = options.window === undefined ? { failureThreshold: 3 } : {};
  return Array.from({ length: count }, () => new CircuitBreaker({ ...defaults, resetTimeout: 1000, ...options, name: 'payments', clock, store }));
}

// Runs a call that settles without timers; the clock does not move.
async function run(clock: VirtualClock, breaker: CircuitBreaker, fn: () => unknown): Promise<{ ok: boolean; error?: unknown }> {
  const out = breaker.execute(fn).then(
    () => ({ ok: true }),
    (error: unknown) => ({ ok: false, error }),
  );
  await clock.flush();
  return out;
}

describe('CircuitBreaker with a store (the fleet)', () => {
  it('counts every process in one window: failures spread over processes open it for all', async () => {
    const clock = useClock();
    const [a, b, c] = fleet(clock, memoryStore(), 3) as [CircuitBreaker, CircuitBreaker, CircuitBreaker];
    await run(clock, a, fail);
    await run(clock, b, fail);
    expect([a.state, b.state, c.state]).toEqual(['closed', 'closed', 'closed']);
    await run(clock, c, fail);
    expect(c.state).toBe('open');
    const refused = await run(clock, a, ok);
    expect(refused.error).toBeInstanceOf(CircuitOpenError);
    expect((refused.error as CircuitOpenError).retryAfter).toBe(1000);
    expect((await run(clock, b, ok)).error).toBeInstanceOf(CircuitOpenError);
  });

  it('batches outcomes: other processes learn of an opening within two flush intervals', async () => {
    const clock = useClock();
    const store = memoryStore({ flushInterval: 100 });
    const [a, b] = fleet(clock, store, 2) as [CircuitBreaker, CircuitBreaker];
    const seen: string[] = [];
    const start = clock.now();
    b.onStateChange(({ to }) => seen.push(`${String(clock.now() - start)}:${to}`));
    for (let i = 0; i < 3; i++) void a.execute(fail).catch(() => undefined);
    await clock.flush();
    expect(a.state).toBe('closed'); // reported at a's next flush (t=100), not per call
    await clock.advance(60);
    expect((await run(clock, b, ok)).ok).toBe(true); // b polls at t=60: nothing reported yet
    await clock.advance(40);
    expect(a.state).toBe('open');
    await clock.advance(30);
    expect((await run(clock, b, ok)).ok).toBe(true); // b's view is 70 ms old: not polled again yet
    await clock.advance(30);
    expect((await run(clock, b, ok)).error).toBeInstanceOf(CircuitOpenError); // polled at t=160
    expect(seen).toEqual(['160:open']);
    await clock.runAll(); // the last batched reports
  });

  it('half-open: exactly one process holds the probe lease; its success closes the breaker for all', async () => {
    const clock = useClock();
    const [a, b, c] = fleet(clock, memoryStore(), 3) as [CircuitBreaker, CircuitBreaker, CircuitBreaker];
    for (let i = 0; i < 3; i++) await run(clock, a, fail);
    await clock.advance(1000);
    const probe = deferred<string>();
    const probing = a.execute(() => probe.promise);
    await clock.flush();
    for (const other of [b, c]) {
      const refused = await run(clock, other, ok);
      expect(refused.error).toBeInstanceOf(CircuitOpenError);
      expect((refused.error as Error).message).toContain('half-open');
    }
    probe.resolve('fine');
    await expect(probing).resolves.toBe('fine');
    expect(a.state).toBe('closed');
    expect((await run(clock, b, ok)).ok).toBe(true);
    expect(b.state).toBe('closed');
  });

  it('a failed probe re-opens the breaker for all, with the grown open time', async () => {
    const clock = useClock();
    const [a, b] = fleet(clock, memoryStore(), 2, { resetBackoff: 2 }) as [CircuitBreaker, CircuitBreaker];
    for (let i = 0; i < 3; i++) await run(clock, a, fail);
    await clock.advance(1000);
    await run(clock, b, fail);
    const refused = await run(clock, a, ok);
    expect((refused.error as CircuitOpenError).retryAfter).toBe(2000);
  });

  it('a cancelled probe gives the lease back; successThreshold probes keep it', async () => {
    const clock = useClock();
    const [a, b] = fleet(clock, memoryStore(), 2, { successThreshold: 2 }) as [CircuitBreaker, CircuitBreaker];
    for (let i = 0; i < 3; i++) await run(clock, a, fail);
    await clock.advance(1000);
    const controller = new AbortController();
    const cancelled = a.execute(() => new Promise(() => undefined), controller.signal).catch(() => undefined);
    await clock.flush();
    expect((await run(clock, b, ok)).error).toBeInstanceOf(CircuitOpenError);
    controller.abort();
    await cancelled;
    await clock.advance(1); // b, refused, does not ask again within max(1 ms, flushInterval)
    expect((await run(clock, b, ok)).ok).toBe(true); // b took the lease: its first probe...
    expect(b.state).toBe('half-open');
    expect((await run(clock, a, ok)).error).toBeInstanceOf(CircuitOpenError); // ...and keeps it
    expect((await run(clock, b, ok)).ok).toBe(true);
    expect([b.state, (await run(clock, a, ok)).ok]).toEqual(['closed', true]);
  });

  it('the lease expires when its holder never reports (the process died)', async () => {
    const clock = useClock();
    const store = memoryStore({ probeLease: 5000 });
    const [a, b] = fleet(clock, store, 2) as [CircuitBreaker, CircuitBreaker];
    for (let i = 0; i < 3; i++) await run(clock, a, fail);
    await clock.advance(1000);
    void a.execute(() => new Promise(() => undefined)); // a hangs for ever holding the lease
    await clock.flush();
    expect((await run(clock, b, ok)).error).toBeInstanceOf(CircuitOpenError);
    await clock.advance(4999);
    expect((await run(clock, b, ok)).error).toBeInstanceOf(CircuitOpenError);
    await clock.advance(1);
    expect((await run(clock, b, ok)).ok).toBe(true);
    expect(b.state).toBe('closed');
  });

  it('reset() and isolate() act on the whole fleet', async () => {
    const clock = useClock();
    const [a, b] = fleet(clock, memoryStore(), 2) as [CircuitBreaker, CircuitBreaker];
    a.isolate();
    const refused = await run(clock, b, ok);
    expect((refused.error as Error).message).toContain('isolated');
    b.reset();
    expect((await run(clock, a, ok)).ok).toBe(true);
    expect(a.state).toBe('closed');
  });

  it('shares count and time windows too', async () => {
    const clock = useClock();
    for (const options of [
      { window: 'count', windowSize: 4, minimumCalls: 4 },
      { window: 'time', windowSize: 1000, minimumCalls: 4 },
    ] as const) {
      const [a, b] = fleet(clock, memoryStore(), 2, options) as [CircuitBreaker, CircuitBreaker];
      await run(clock, a, ok);
      await run(clock, b, fail);
      await run(clock, a, fail);
      expect(a.state).toBe('closed');
      await run(clock, b, ok); // 2 failures in 4 calls: 50%
      expect(b.state).toBe('open');
      expect((await run(clock, a, ok)).error).toBeInstanceOf(CircuitOpenError);
    }
  });

  it('store down, onStoreError local: each process runs on its own window, and the fleet wins on return', async () => {
    const clock = useClock();
    const store = switchableStore(memoryStore(), 'local');
    const [a, b] = fleet(clock, store, 2) as [CircuitBreaker, CircuitBreaker];
    store.down = true;
    for (let i = 0; i < 3; i++) await run(clock, a, fail);
    expect(a.state).toBe('open'); // a's own window tripped
    expect((await run(clock, b, ok)).ok).toBe(true); // b knows nothing of it
    store.down = false;
    expect(await a.sync()).toBe('closed'); // the fleet never saw those failures
  });

  it('store down, onStoreError allow: calls pass; deny: calls fail with StoreUnavailableError', async () => {
    const clock = useClock();
    const allow = switchableStore(memoryStore(), 'allow');
    const [open] = fleet(clock, allow, 1) as [CircuitBreaker];
    for (let i = 0; i < 3; i++) await run(clock, open, fail);
    allow.down = true;
    await open.sync();
    expect((await run(clock, open, ok)).ok).toBe(true);
    const deny = switchableStore(memoryStore(), 'deny');
    const [strict] = fleet(clock, deny, 1) as [CircuitBreaker];
    deny.down = true;
    await strict.sync();
    expect((await run(clock, strict, ok)).error).toBeInstanceOf(StoreUnavailableError);
    deny.down = false;
    await strict.sync();
    expect((await run(clock, strict, ok)).ok).toBe(true);
  });

  it('with a remote store: a new process waits for its first answer, and concurrent half-open callers get one lease', async () => {
    const clock = useClock();
    const shared = memoryStore();
    const [opener] = fleet(clock, shared, 1) as [CircuitBreaker];
    for (let i = 0; i < 3; i++) await run(clock, opener, fail);
    const remote = delayedStore(shared, clock, 5); // every answer takes 5 ms
    const [a, b] = fleet(clock, remote, 2) as [CircuitBreaker, CircuitBreaker];
    const first = a.execute(ok).catch((e: unknown) => e);
    await clock.advance(5);
    expect(await first).toBeInstanceOf(CircuitOpenError); // not admitted on a guess
    await clock.advance(1000);
    let probes = 0;
    const probe = deferred<string>();
    const calls = [a, a, b, b].map((breaker) =>
      breaker
        .execute(() => {
          probes++;
          return probe.promise;
        })
        .then(
          (v) => v,
          (e: unknown) => (e as Error).message,
        ),
    );
    await clock.advance(100);
    expect(probes).toBe(1);
    probe.resolve('probed');
    await clock.advance(100);
    const outcomes = await Promise.all(calls);
    expect(outcomes.filter((o) => o === 'probed')).toHaveLength(1);
    expect(outcomes.filter((o) => o.includes('half-open'))).toHaveLength(3);
    const states = Promise.all([a.sync(), b.sync()]);
    await clock.runAll();
    expect(await states).toEqual(['closed', 'closed']);
  });

  it('requires a name with a store, and a real store', () => {
    expect(() => new CircuitBreaker({ store: memoryStore() })).toThrow(
      new TypeError('CircuitBreaker: name must be a non-empty string when store is set (it names the shared state) (got undefined)'),
    );
    expect(() => new CircuitBreaker({ name: 'x', store: {} as never })).toThrow(
      new TypeError('CircuitBreaker: store must be a Store (redisStore(...) or memoryStore()) (got an object)'),
    );
  });
});
