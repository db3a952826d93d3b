import { describe, expect, it } from 'vitest';
import { useClock } from '../../test/helpers/clock.js';
import { deferred, outcomeOf } from '../../test/helpers/deferred.js';
import type { Clock } from '../core/clock.js';
import { ShedLoadError } from '../core/errors/shed-load-error.js';
import { seededRandom } from '../core/random.js';
import type { ShedLoadEvent } from '../core/telemetry/events.js';
import { execute } from '../policy/execute.js';
import { AdaptiveThrottle, adaptiveThrottle } from './adaptive-throttle.js';
import type { AdaptiveThrottleOptions } from './options.js';
import { rejectionProbability } from './throttle-window.js';

const down = (): Promise<never> => Promise.reject(new Error('503 overloaded'));

/** A clock the test moves by hand, synchronously (the throttle keeps no timers). */
function manualClock(start = 1_700_000_000_000): Clock & { t: number } {
  const c = { t: start, now: () => c.t, setTimer: () => ({ cancel: () => undefined }) };
  return c;
}

describe('AdaptiveThrottle', () => {
  it('never rejects while the backend accepts requests, even a burst in flight at start-up', async () => {
    const clock = useClock();
    const t = new AdaptiveThrottle({ clock, random: () => 0 });
    const burst = Array.from({ length: 20 }, () => deferred<string>());
    const running = burst.map((d) => outcomeOf(t.execute(() => d.promise)));
    for (const d of burst) d.resolve('ok');
    await Promise.all(running.map((r) => r.done));
    expect(running.every((r) => r.value === 'ok')).toBe(true);
    for (let i = 0; i < 500; i++) await t.execute(() => 'ok');
    expect(t.rejectionProbability).toBe(0);
    expect([t.requests, t.accepts]).toEqual([520, 520]);
  });

  it('rejects locally with ShedLoadError once accepts fall behind, counting every request', async () => {
    const clock = useClock();
    const t = new AdaptiveThrottle({ clock, minimumRequests: 0, random: () => 0, name: 'search' });
    await expect(t.execute(down)).rejects.toThrow('503 overloaded');
    let ran = false;
    const error = await t.execute(() => (ran = true)).catch((e: unknown) => e);
    expect(ran).toBe(false);
    expect(error).toBeInstanceOf(ShedLoadError);
    expect(error).toMatchObject({ code: 'ERR_SHED_LOAD', source: 'search', message: 'adaptive throttle "search" rejected the request locally (rejection probability 0.50)' });
    expect([t.requests, t.accepts]).toEqual([2, 0]);
  });

  it('rejects with exactly the formula’s probability, drawing only when it is above zero', async () => {
    const clock = manualClock();
    const draws: number[] = [];
    const rng = seededRandom(11);
    const t = new AdaptiveThrottle({ clock, minimumRequests: 0, random: () => {
      const r = rng();
      draws.push(r);
      return r;
    } });
    let requests = 0;
    let accepts = 0;
    let expectedDraws = 0;
    const replay = seededRandom(11);
    for (let i = 0; i < 300; i++) {
      const p = rejectionProbability(requests, accepts, 2);
      const rejected = p > 0 && (expectedDraws++, replay() < p);
      requests++;
      const backendAccepts = i % 3 === 0; // a backend that accepts one request in three
      const outcome = await t.execute(() => (backendAccepts ? 'ok' : down())).then(() => 'ok', (e: unknown) => (e instanceof ShedLoadError ? 'shed' : 'failed'));
      expect(outcome).toBe(rejected ? 'shed' : backendAccepts ? 'ok' : 'failed');
      if (outcome === 'ok') accepts++;
      clock.t += 10;
    }
    expect(draws).toHaveLength(expectedDraws);
  });

  it('sends about k times what an overloaded backend can accept', async () => {
    const clock = manualClock();
    const capacity = 10; // the backend accepts 10 requests per second and rejects the rest
    const demand = 50;
    const t = new AdaptiveThrottle({ clock, window: 10_000, random: seededRandom(3) });
    let reached = 0;
    for (let second = 0; second < 60; second++) {
      let acceptedThisSecond = 0;
      for (let i = 0; i < demand; i++) {
        clock.t += 1000 / demand;
        await t
          .execute(() => {
            if (second >= 30) reached++;
            return acceptedThisSecond++ < capacity ? 'ok' : down();
          })
          .catch(() => undefined);
      }
    }
    const perSecond = reached / 30;
    expect(perSecond).toBeGreaterThan(1.6 * capacity);
    expect(perSecond).toBeLessThan(2.4 * capacity);
  });

  it('trusts the backend again once the window has forgotten the failures', async () => {
    const clock = useClock();
    const t = new AdaptiveThrottle({ clock, window: 10_000, minimumRequests: 0, random: () => 0.999 });
    for (let i = 0; i < 50; i++) await t.execute(down).catch(() => undefined);
    expect(t.rejectionProbability).toBeGreaterThan(0.9);
    await clock.advance(10_000);
    expect(t.rejectionProbability).toBe(0);
  });

  it('counts only what isFailure selects as not accepted', async () => {
    const clock = useClock();
    const t = new AdaptiveThrottle({ clock, minimumRequests: 0, isFailure: (e) => (e as Error).message.startsWith('503') });
    await t.execute(() => Promise.reject(new Error('404 not found'))).catch(() => undefined);
    expect([t.requests, t.accepts]).toEqual([1, 1]);
    await t.execute(down).catch(() => undefined);
    expect([t.requests, t.accepts]).toEqual([2, 1]);
  });

  it('never counts cancellations as rejections by the backend', async () => {
    const clock = useClock();
    const t = new AdaptiveThrottle({ clock, minimumRequests: 0 });
    const controller = new AbortController();
    const hanging = outcomeOf(t.execute(() => new Promise(() => undefined), controller.signal));
    controller.abort();
    await hanging.done;
    await t.execute(() => Promise.reject(new DOMException('stop', 'AbortError'))).catch(() => undefined);
    expect([t.requests, t.accepts]).toEqual([2, 2]);
  });

  it('reports onShedLoad to its own instrumenter and to the call’s', async () => {
    const clock = useClock();
    const seen: string[] = [];
    const record = (who: string) => ({ onShedLoad: (e: ShedLoadEvent) => seen.push(`${who}:${e.reason}:${e.priority}:${String(e.name)}`) });
    const t = new AdaptiveThrottle({ clock, minimumRequests: 0, random: () => 0, name: 'api', instrumenter: record('own') });
    await t.execute(down).catch(() => undefined);
    await execute(() => 1, { clock, adaptiveThrottle: t, priority: 'low', instrumenter: record('call') }).catch(() => undefined);
    expect(seen).toEqual(['own:adaptive-throttle:low:api', 'call:adaptive-throttle:low:api']);
  });

  it('sits outside the retry loop: one request per call, however many attempts', async () => {
    const clock = useClock();
    const t = new AdaptiveThrottle({ clock });
    let attempts = 0;
    const call = execute(
      () => {
        attempts++;
        return attempts < 3 ? Promise.reject(new Error('flaky')) : 'ok';
      },
      { clock, adaptiveThrottle: t, baseDelay: 1 },
    );
    await clock.runAll();
    await expect(call).resolves.toBe('ok');
    expect([attempts, t.requests, t.accepts]).toEqual([3, 1, 1]);
  });

  it.each<[unknown, string, 'TypeError' | 'RangeError']>([
    [7, 'AdaptiveThrottle: options must be an object (got 7)', 'TypeError'],
    [{ k: 0.5 }, 'AdaptiveThrottle: k must be a finite number of at least 1 (got 0.5)', 'RangeError'],
    [{ k: '2' }, 'AdaptiveThrottle: k must be a finite number of at least 1 (got "2")', 'TypeError'],
    [{ k: Infinity }, 'AdaptiveThrottle: k must be a finite number of at least 1 (got Infinity)', 'RangeError'],
    [{ window: 0 }, 'AdaptiveThrottle: window must be a positive finite number of milliseconds (got 0)', 'RangeError'],
    [{ minimumRequests: -1 }, 'AdaptiveThrottle: minimumRequests must be a non-negative integer (got -1)', 'RangeError'],
    [{ minimumRequests: 2.5 }, 'AdaptiveThrottle: minimumRequests must be a non-negative integer (got 2.5)', 'RangeError'],
    [{ isFailure: 'all' }, 'AdaptiveThrottle: isFailure must be a function (got "all")', 'TypeError'],
    [{ random: 0.5 }, 'AdaptiveThrottle: random must be a function (got 0.5)', 'TypeError'],
    [{ name: false }, 'AdaptiveThrottle: name must be a string (got false)', 'TypeError'],
    [{ clock: Date }, 'AdaptiveThrottle: clock must be a Clock (an object with now and setTimer) (got a function)', 'TypeError'],
  ])('new AdaptiveThrottle(%j) throws', (options, message, type) => {
    const make = (): AdaptiveThrottle => new AdaptiveThrottle(options as AdaptiveThrottleOptions);
    expect(make).toThrow(type === 'TypeError' ? TypeError : RangeError);
    expect(make).toThrow(message);
  });

  it('validates the strategy factory and the execute option', () => {
    const t = new AdaptiveThrottle();
    expect(adaptiveThrottle(t)).toBe(t);
    expect(() => adaptiveThrottle({} as never)).toThrow(new TypeError('adaptiveThrottle: throttle must be an AdaptiveThrottle (got an object)'));
    expect(() => execute(() => 1, { adaptiveThrottle: true as never })).toThrow(new TypeError('execute: adaptiveThrottle must be an AdaptiveThrottle (got true)'));
  });
});
