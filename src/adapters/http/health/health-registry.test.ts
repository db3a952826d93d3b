import { describe, expect, it } from 'vitest';
import { delay, settle, useClock } from '../../../../test/helpers/clock.js';
import { HealthRegistry } from './health-registry.js';

describe('HealthRegistry', () => {
  it('reports ok with no checks', async () => {
    const registry = new HealthRegistry({ clock: useClock() });
    expect(await registry.check('liveness')).toEqual({ ok: true, checks: {} });
  });

  it('runs the checks of a kind concurrently and reports each with its duration', async () => {
    const clock = useClock();
    const registry = new HealthRegistry({ clock })
      .addReadiness({ name: 'db', check: ({ signal }) => delay(clock, 100, signal) })
      .addReadiness({ name: 'cache', check: ({ signal }) => delay(clock, 40, signal) });
    const outcome = await settle(clock, registry.check('readiness'));
    expect(outcome).toEqual({
      ok: true,
      value: { ok: true, checks: { db: { ok: true, durationMs: 100 }, cache: { ok: true, durationMs: 40 } } },
    });
  });

  it('fails on a throw, a rejection or a non-Error throw, with the message', async () => {
    const clock = useClock();
    const registry = new HealthRegistry({ clock })
      .addReadiness({
        name: 'sync',
        check: () => {
          throw new Error('no route');
        },
      })
      .addReadiness({ name: 'async', check: () => Promise.reject(new Error('refused')) })
      .addReadiness({ name: 'string', check: () => Promise.reject('down') })
      .addReadiness({ name: 'fine', check: () => 'ok' });
    const report = await registry.check('readiness');
    expect(report.ok).toBe(false);
    expect(report.checks).toEqual({
      sync: { ok: false, durationMs: 0, error: 'no route' },
      async: { ok: false, durationMs: 0, error: 'refused' },
      string: { ok: false, durationMs: 0, error: 'down' },
      fine: { ok: true, durationMs: 0 },
    });
  });

  it('times a check out, aborts its signal and does not wait for it', async () => {
    const clock = useClock();
    let signal: AbortSignal | undefined;
    const registry = new HealthRegistry({ clock, timeout: 50 }).addReadiness({
      name: 'stuck',
      check: (ctx) => {
        signal = ctx.signal;
        return new Promise(() => undefined);
      },
    });
    const outcome = await settle(clock, registry.check('readiness'));
    expect(outcome).toEqual({
      ok: true,
      value: { ok: false, checks: { stuck: { ok: false, durationMs: 50, error: 'operation timed out after 50 ms' } } },
    });
    expect(signal?.aborted).toBe(true);
  });

  it('uses a per-check timeout over the registry default', async () => {
    const clock = useClock();
    const registry = new HealthRegistry({ clock, timeout: 10 }).addReadiness({
      name: 'slow',
      check: ({ signal }) => delay(clock, 30, signal),
      timeout: 100,
    });
    expect((await settle(clock, registry.check('readiness'))).ok).toBe(true);
  });

  it('reports optional checks without failing the probe', async () => {
    const registry = new HealthRegistry({ clock: useClock() }).addReadiness({
      name: 'search',
      required: false,
      check: () => {
        throw new Error('degraded');
      },
    });
    expect(await registry.check('readiness')).toEqual({
      ok: true,
      checks: { search: { ok: false, durationMs: 0, error: 'degraded', required: false } },
    });
  });

  it('is not ready while a required breaker is open or isolated', async () => {
    const breaker = { state: 'closed' };
    const registry = new HealthRegistry({ clock: useClock() })
      .addReadiness({ name: 'payments', breaker })
      .addReadiness({ name: 'recommendations', breaker: { state: 'open' }, required: false });
    expect(await registry.check('readiness')).toEqual({
      ok: true,
      checks: {
        payments: { ok: true, durationMs: 0, state: 'closed' },
        recommendations: { ok: false, durationMs: 0, error: 'circuit open', state: 'open', required: false },
      },
    });
    breaker.state = 'half-open';
    expect((await registry.check('readiness')).ok).toBe(true);
    for (const state of ['open', 'isolated']) {
      breaker.state = state;
      const report = await registry.check('readiness');
      expect(report.ok).toBe(false);
      expect(report.checks.payments).toEqual({ ok: false, durationMs: 0, error: `circuit ${state}`, state });
    }
  });

  it('keeps startup passed once it passed, until a startup check is added', async () => {
    let warm = false;
    let runs = 0;
    const registry = new HealthRegistry({ clock: useClock() }).addStartup({
      name: 'warm-up',
      check: () => {
        runs++;
        if (!warm) throw new Error('cold');
      },
    });
    expect((await registry.check('startup')).ok).toBe(false);
    warm = true;
    expect((await registry.check('startup')).ok).toBe(true);
    warm = false;
    expect((await registry.check('startup')).ok).toBe(true);
    expect(runs).toBe(2);
    registry.addStartup({ name: 'migrations', check: () => undefined });
    expect((await registry.check('startup')).ok).toBe(false);
    expect(runs).toBe(3);
  });

  it('validates its options and checks with exact messages', () => {
    expect(() => new HealthRegistry({ timeout: 0 })).toThrow(
      new RangeError('HealthRegistry: timeout must be a positive finite number of milliseconds (got 0)'),
    );
    expect(() => new HealthRegistry({ clock: {} as never })).toThrow(
      new TypeError('HealthRegistry: clock must be a Clock (an object with now and setTimer) (got an object)'),
    );
    expect(() => new HealthRegistry(5 as never)).toThrow(new TypeError('HealthRegistry: options must be an object (got 5)'));
    const r = new HealthRegistry();
    const check = (): void => undefined;
    expect(() => r.addLiveness(undefined as never)).toThrow(new TypeError('HealthRegistry.addLiveness: options must be an object (got undefined)'));
    expect(() => r.addLiveness({ name: '', check })).toThrow(new TypeError('HealthRegistry.addLiveness: name must be a non-empty string (got "")'));
    expect(() => r.addLiveness({ name: 'x', check: 5 as never })).toThrow(new TypeError('HealthRegistry.addLiveness: check must be a function (got 5)'));
    expect(() => r.addLiveness({ name: 'x', check, timeout: -1 })).toThrow(
      new RangeError('HealthRegistry.addLiveness: timeout must be a positive finite number of milliseconds (got -1)'),
    );
    expect(() => r.addLiveness({ name: 'x', check, required: 'yes' as never })).toThrow(
      new TypeError('HealthRegistry.addLiveness: required must be a boolean (got "yes")'),
    );
    expect(() => r.addLiveness({ name: 'x', breaker: { state: 'open' } } as never)).toThrow(
      new RangeError('HealthRegistry.addLiveness: breaker must be absent: liveness must not depend on other services (got an object)'),
    );
    expect(() => r.addReadiness({ name: 'x', breaker: { state: 1 } as never })).toThrow(
      new TypeError('HealthRegistry.addReadiness: breaker must be a circuit breaker (an object with a string state) (got an object)'),
    );
    expect(() => r.addReadiness({ name: 'x', breaker: { state: 'open' }, check })).toThrow(
      new RangeError('HealthRegistry.addReadiness: check must be absent when breaker is given (got a function)'),
    );
    expect(() => r.addStartup({ name: 'x', breaker: { state: 'open' }, timeout: 5 })).toThrow(
      new RangeError('HealthRegistry.addStartup: timeout must be absent for a breaker check (it does no I/O) (got 5)'),
    );
    r.addReadiness({ name: 'db', check });
    expect(() => r.addReadiness({ name: 'db', check })).toThrow(new RangeError('HealthRegistry.addReadiness: name must be unique among readiness checks (got "db")'));
    expect(() => r.check('ready' as never)).toThrow(new RangeError('HealthRegistry.check: kind must be one of liveness, readiness, startup (got "ready")'));
    expect(() => r.handler(1 as never)).toThrow(new TypeError('HealthRegistry.handler: kind must be one of liveness, readiness, startup (got 1)'));
  });
});
