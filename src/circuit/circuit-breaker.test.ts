import { describe, expect, it } from 'vitest';
import { useClock } from '../../test/helpers/clock.js';
import { deferred, outcomeOf } from '../../test/helpers/deferred.js';
import { CircuitOpenError } from '../core/errors/circuit-open-error.js';
import { DeadlineExceededError } from '../core/errors/deadline-exceeded-error.js';
import type { HealthChangeEvent, ListenerErrorEvent } from '../core/telemetry/events.js';
import type { Instrumenter } from '../core/telemetry/instrumenter.js';
import { CircuitBreaker, circuitBreaker, type CircuitStateChange } from './circuit-breaker.js';
import type { CircuitBreakerOptions } from './options.js';

const boom = (): Promise<never> => Promise.reject(new Error('boom'));
const ok = (): Promise<string> => Promise.resolve('ok');

function breaker(options: CircuitBreakerOptions = {}): { cb: CircuitBreaker; clock: ReturnType<typeof useClock> } {
  const clock = useClock();
  return { cb: new CircuitBreaker({ clock, ...options }), clock };
}

async function fail(cb: CircuitBreaker, times = 1): Promise<void> {
  for (let i = 0; i < times; i++) await cb.execute(boom).catch(() => undefined);
}

describe('CircuitBreaker', () => {
  it('passes values and errors through while closed', async () => {
    const { cb } = breaker();
    await expect(cb.execute(ok)).resolves.toBe('ok');
    await expect(cb.execute(boom)).rejects.toThrow('boom');
    await expect(cb.execute(() => 7)).resolves.toBe(7);
  });

  it('opens after failureThreshold consecutive failures and refuses with CircuitOpenError', async () => {
    const { cb, clock } = breaker({ failureThreshold: 3, resetTimeout: 10_000, name: 'payments' });
    await fail(cb, 3);
    expect(cb.state).toBe('open');
    await clock.advance(2_500);
    let action = 0;
    const error = await cb.execute(() => ++action).catch((e: unknown) => e);
    expect(action).toBe(0);
    expect(error).toBeInstanceOf(CircuitOpenError);
    expect(error).toMatchObject({
      code: 'ERR_CIRCUIT_OPEN',
      retryAfter: 7_500,
      source: 'payments',
      message: 'circuit "payments" is open (next probe in 7500 ms)',
    });
  });

  it('moves to half-open when used after resetTimeout (no timer is kept) and closes on a successful probe', async () => {
    const { cb, clock } = breaker({ failureThreshold: 1, resetTimeout: 1_000 });
    await fail(cb);
    expect(clock.pendingTimers).toBe(0);
    await clock.advance(1_000);
    expect(cb.state).toBe('half-open');
    await expect(cb.execute(ok)).resolves.toBe('ok');
    expect(cb.state).toBe('closed');
  });

  it('half-open admits halfOpenMaxCalls probes at once and refuses the rest', async () => {
    const { cb, clock } = breaker({ failureThreshold: 1, resetTimeout: 1_000, halfOpenMaxCalls: 2, successThreshold: 2 });
    await fail(cb);
    await clock.advance(1_000);
    const probes = [deferred<string>(), deferred<string>()];
    const running = probes.map((d) => cb.execute(() => d.promise));
    const refused = await cb.execute(ok).catch((e: unknown) => e);
    expect(refused).toMatchObject({ message: 'circuit is half-open and its probes are in flight' });
    expect((refused as CircuitOpenError).retryAfter).toBeUndefined();
    for (const d of probes) d.resolve('fine');
    await Promise.all(running);
    expect(cb.state).toBe('closed');
  });

  it('any failed probe re-opens; the open time grows with resetBackoff', async () => {
    const { cb, clock } = breaker({ failureThreshold: 1, resetTimeout: 1_000, resetBackoff: 2 });
    await fail(cb);
    await clock.advance(1_000);
    await fail(cb);
    expect(cb.state).toBe('open');
    const error = (await cb.execute(ok).catch((e: unknown) => e)) as CircuitOpenError;
    expect(error.retryAfter).toBe(2_000);
  });

  it('ignores results of calls that started before the last transition', async () => {
    const { cb, clock } = breaker({ failureThreshold: 2, resetTimeout: 1_000 });
    const slow = deferred<string>();
    const early = outcomeOf(cb.execute(() => slow.promise));
    await fail(cb, 2);
    expect(cb.state).toBe('open');
    await clock.advance(1_000);
    await expect(cb.execute(ok)).resolves.toBe('ok');
    expect(cb.state).toBe('closed');
    // The call admitted before the circuit opened fails now: it must not count for the new window.
    slow.reject(new Error('late'));
    await early.done;
    await fail(cb);
    expect(cb.state).toBe('closed');
  });

  it('a late probe result after a re-open neither closes nor extends the circuit', async () => {
    const { cb, clock } = breaker({ failureThreshold: 1, resetTimeout: 1_000, halfOpenMaxCalls: 2 });
    await fail(cb);
    await clock.advance(1_000);
    const lateProbe = deferred<string>();
    const late = outcomeOf(cb.execute(() => lateProbe.promise));
    await fail(cb); // the other probe fails: re-open
    expect(cb.state).toBe('open');
    lateProbe.resolve('too late');
    await late.done;
    expect(cb.state).toBe('open');
  });

  it('never counts cancellations: caller aborts, AbortError, deadlines', async () => {
    const { cb } = breaker({ failureThreshold: 1 });
    const controller = new AbortController();
    const hanging = outcomeOf(cb.execute(() => new Promise(() => undefined), controller.signal));
    controller.abort();
    await hanging.done;
    expect((hanging.error as Error).name).toBe('AbortError');
    await cb.execute(() => Promise.reject(new DOMException('stopped', 'AbortError'))).catch(() => undefined);
    await cb.execute(() => Promise.reject(new DeadlineExceededError(0))).catch(() => undefined);
    expect(cb.state).toBe('closed');
  });

  it('isFailure decides what counts; other errors count as successes', async () => {
    const { cb } = breaker({ failureThreshold: 2, isFailure: (e) => (e as Error).message !== 'not found' });
    await fail(cb);
    await cb.execute(() => Promise.reject(new Error('not found'))).catch(() => undefined);
    await fail(cb);
    expect(cb.state).toBe('closed'); // the 404-like error broke the run of failures
    await fail(cb);
    expect(cb.state).toBe('open');
  });

  it('a throwing isFailure counts the error as a failure', async () => {
    const { cb } = breaker({
      failureThreshold: 1,
      isFailure: () => {
        throw new Error('bad predicate');
      },
    });
    await expect(cb.execute(boom)).rejects.toThrow('boom');
    expect(cb.state).toBe('open');
  });

  it('a synchronous throw is a rejection and a failure', async () => {
    const { cb } = breaker({ failureThreshold: 1 });
    await expect(
      cb.execute(() => {
        throw new Error('sync');
      }),
    ).rejects.toThrow('sync');
    expect(cb.state).toBe('open');
  });

  it('execute validates its arguments as rejections', async () => {
    const { cb } = breaker();
    await expect(cb.execute(5 as never)).rejects.toThrow(new TypeError('CircuitBreaker.execute: fn must be a function (got 5)'));
    await expect(cb.execute(ok, 'x' as never)).rejects.toThrow(new TypeError('CircuitBreaker.execute: signal must be an AbortSignal (got "x")'));
  });

  it('trips on slow calls measured with its clock', async () => {
    const { cb, clock } = breaker({ window: 'count', windowSize: 2, minimumCalls: 2, slowCallThreshold: 100, slowCallRateThreshold: 100 });
    for (let i = 0; i < 2; i++) {
      const call = cb.execute(async () => {
        await new Promise<void>((resolve) => clock.setTimer(150, resolve));
        return 'slow but fine';
      });
      await clock.advance(150);
      await expect(call).resolves.toBe('slow but fine');
    }
    expect(cb.state).toBe('open');
  });

  it('tells onStateChange listeners after the change is committed, and unsubscribes', async () => {
    const { cb, clock } = breaker({ failureThreshold: 1, resetTimeout: 1_000, name: 'db' });
    const changes: CircuitStateChange[] = [];
    const seen: string[] = [];
    const off = cb.onStateChange((change) => {
      changes.push(change);
      seen.push(cb.state);
    });
    const t0 = clock.now();
    await fail(cb);
    await clock.advance(1_000);
    await cb.execute(ok);
    off();
    cb.isolate();
    expect(changes).toEqual([
      { name: 'db', from: 'closed', to: 'open', at: t0 },
      { name: 'db', from: 'open', to: 'half-open', at: t0 + 1_000 },
      { name: 'db', from: 'half-open', to: 'closed', at: t0 + 1_000 },
    ]);
    expect(seen).toEqual(['open', 'half-open', 'closed']);
  });

  it('reports a throwing (or rejecting) listener as a telemetry event and keeps working', async () => {
    const reported: ListenerErrorEvent[] = [];
    const own: Instrumenter = { onListenerError: (e) => reported.push(e) };
    const call: Instrumenter = { onListenerError: (e) => reported.push({ ...e, hook: `call:${e.hook}` }) };
    const { cb, clock } = breaker({ failureThreshold: 1, instrumenter: own, resetTimeout: 1_000 });
    cb.onStateChange(() => {
      throw new Error('listener bug');
    });
    cb.onStateChange(() => Promise.reject(new Error('async listener bug')));
    const { execute } = await import('../policy/execute.js');
    await execute(boom, { maxAttempts: 1, circuitBreaker: cb, instrumenter: call, clock }).catch(() => undefined);
    await clock.flush();
    expect(cb.state).toBe('open');
    expect(reported.map((e) => [e.hook, (e.error as Error).message])).toEqual([
      ['onStateChange', 'listener bug'],
      ['call:onStateChange', 'listener bug'],
      ['onStateChange', 'async listener bug'],
    ]);
    await clock.advance(1_000);
    await expect(cb.execute(ok)).resolves.toBe('ok');
  });

  it('emits onCircuitStateChange to its own instrumenter and to the current call’s, once each', async () => {
    const events: string[] = [];
    const shared: Instrumenter = { onCircuitStateChange: (e) => events.push(`shared ${e.from}->${e.to}`) };
    const callOnly: Instrumenter = { onCircuitStateChange: (e) => events.push(`call ${e.from}->${e.to} ${String(e.execution !== undefined)}`) };
    const { cb, clock } = breaker({ failureThreshold: 1, instrumenter: shared });
    const { execute } = await import('../policy/execute.js');
    await execute(boom, { maxAttempts: 1, circuitBreaker: cb, instrumenter: [shared, callOnly], clock }).catch(() => undefined);
    cb.reset();
    expect(events).toEqual(['shared closed->open', 'call closed->open true', 'shared open->closed']);
  });

  it('onHealthChange fires on transitions only', async () => {
    const { cb, clock } = breaker({ failureThreshold: 1, resetTimeout: 1_000 });
    const health: Pick<HealthChangeEvent, 'component' | 'state' | 'reason'>[] = [];
    cb.onHealthChange(({ component, state, reason }) => health.push({ component, state, reason }));
    await fail(cb);
    await fail(cb);
    await clock.advance(1_000);
    expect(cb.state).toBe('half-open');
    await cb.execute(ok);
    expect(health).toEqual([
      { component: 'circuit-breaker', state: 'degraded', reason: 'circuit opened' },
      { component: 'circuit-breaker', state: 'healthy', reason: 'circuit closed' },
    ]);
  });

  it('a listener may change the state again; health ends up matching the final state', async () => {
    const { cb } = breaker({ failureThreshold: 1 });
    const health: string[] = [];
    cb.onHealthChange(({ state }) => health.push(state));
    const off = cb.onStateChange(({ to }) => {
      if (to === 'open') cb.reset();
    });
    await fail(cb);
    off();
    expect(cb.state).toBe('closed');
    expect(health).toEqual(['degraded', 'healthy']);
  });

  it('isolate() holds it open until reset(); results in flight are ignored', async () => {
    const { cb, clock } = breaker({ failureThreshold: 1 });
    const inFlight = deferred<string>();
    const running = outcomeOf(cb.execute(() => inFlight.promise));
    cb.isolate();
    expect(cb.state).toBe('isolated');
    await clock.advance(1e9);
    await expect(cb.execute(ok)).rejects.toMatchObject({ code: 'ERR_CIRCUIT_OPEN', message: 'circuit is isolated' });
    cb.reset();
    inFlight.reject(new Error('from before the reset'));
    await running.done;
    expect(cb.state).toBe('closed');
  });

  it('snapshot() reports counts and restore() brings them back, also through JSON', async () => {
    const { cb, clock } = breaker({ window: 'count', windowSize: 10, minimumCalls: 5, resetTimeout: 5_000 });
    await fail(cb, 2);
    await cb.execute(ok);
    expect(cb.snapshot()).toMatchObject({ state: 'closed', calls: 3, failures: 2, slowCalls: 0, failureRate: (2 * 100) / 3, slowCallRate: 0 });
    await fail(cb, 2);
    expect(cb.state).toBe('open');
    await clock.advance(1_000);
    const saved = JSON.parse(JSON.stringify(cb.snapshot())) as ReturnType<CircuitBreaker['snapshot']>;
    expect(saved).toMatchObject({ state: 'open', retryAfter: 4_000 });

    const revived = new CircuitBreaker({ window: 'count', windowSize: 10, minimumCalls: 5, resetTimeout: 5_000, clock });
    const changes: string[] = [];
    revived.onStateChange((c) => changes.push(`${c.from}->${c.to}`));
    revived.restore(saved);
    expect(changes).toEqual(['closed->open']);
    await expect(revived.execute(ok)).rejects.toMatchObject({ retryAfter: 4_000 });
    await clock.advance(4_000);
    await expect(revived.execute(ok)).resolves.toBe('ok');
    expect(revived.state).toBe('closed');
  });

  it('restore() validates the snapshot', () => {
    const { cb } = breaker({ window: 'count', windowSize: 10, minimumCalls: 5 });
    const other = new CircuitBreaker({ window: 'time' }).snapshot();
    expect(() => {
      cb.restore(other);
    }).toThrow(new RangeError('CircuitBreaker.restore: snapshot must be a snapshot of a count window of 10 calls (got "a time window of 60000 ms")'));
    expect(() => {
      cb.restore(null as never);
    }).toThrow(new TypeError('CircuitBreaker.restore: snapshot must be a CircuitBreaker snapshot (got null)'));
    const good = cb.snapshot();
    expect(() => {
      cb.restore({ ...good, data: { ...good.data, phase: 'ajar' as never } });
    }).toThrow(new TypeError('CircuitBreaker.restore: snapshot.data.phase must be one of closed, open, half-open, isolated (got "ajar")'));
    expect(() => {
      cb.restore({ ...good, data: { ...good.data, window: { ...good.data.window, outcomes: [0, 7] } as never } });
    }).toThrow(new TypeError('CircuitBreaker.restore: snapshot.data.window.outcomes[1] must be an integer from 0 to 3 (got 7)'));
    expect(() => {
      cb.restore({ ...good, data: { ...good.data, openUntil: 'soon' as never } });
    }).toThrow(new TypeError('CircuitBreaker.restore: snapshot.data.openUntil must be a finite number (got "soon")'));
  });

  it('circuitBreaker(cb) is the policy strategy and validates its argument', () => {
    const { cb } = breaker();
    expect(circuitBreaker(cb)).toBe(cb);
    expect(cb.kind).toBe('circuit-breaker');
    expect(() => circuitBreaker({} as never)).toThrow(new TypeError('circuitBreaker: breaker must be a CircuitBreaker (got an object)'));
  });
});
