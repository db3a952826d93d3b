import { describe, expect, it } from 'vitest';
import { useClock, settle } from '../../test/helpers/clock.js';
import { withTestingBypass } from '../core/ambient.js';
import { ChaosError } from '../core/errors/chaos-error.js';
import { seededRandom } from '../core/random.js';
import type { ChaosEvent } from '../core/telemetry/events.js';
import { execute } from '../policy/execute.js';
import { policy } from '../policy/policy.js';
import { trackedSignal } from '../testing/tracked-signal.js';
import { chaos } from './chaos.js';
import type { ChaosConfig } from './options.js';

function counting(values: number[]): { random: () => number; draws: () => number } {
  let i = 0;
  return { random: () => values[i++ % values.length] as number, draws: () => i };
}

describe('chaos', () => {
  it('injects a ChaosError instead of running the action', async () => {
    let ran = 0;
    const p = policy(chaos({ errorProbability: 1 }));
    const error = await p.execute(() => ++ran).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ChaosError);
    expect(error).toMatchObject({ code: 'ERR_CHAOS', message: 'chaos: injected failure' });
    expect(ran).toBe(0);
  });

  it('injects the configured error value, or a fresh one per injection from a factory', async () => {
    const fixed = new Error('fixed');
    await expect(policy(chaos({ errorProbability: 1, error: fixed })).execute(() => 1)).rejects.toBe(fixed);
    const made: number[] = [];
    const p = policy(
      chaos({
        errorProbability: 1,
        error: (ctx: { attempt: number }) => {
          made.push(ctx.attempt);
          return new Error(`made for attempt ${String(ctx.attempt)}`);
        },
      }),
    );
    await expect(p.execute(() => 1)).rejects.toThrow('made for attempt 0');
    expect(made).toEqual([0]);
  });

  it('a throwing error factory still yields a rejection', async () => {
    const p = policy(
      chaos({
        errorProbability: 1,
        error: () => {
          throw new Error('factory threw');
        },
      }),
    );
    await expect(p.execute(() => 1)).rejects.toThrow('factory threw');
  });

  it('draws a random number only for faults with a probability above zero', async () => {
    const none = counting([0]);
    await policy(chaos({ random: none.random })).execute(() => 1);
    expect(none.draws()).toBe(0);
    const errorOnly = counting([0.5]);
    await policy(chaos({ errorProbability: 0.4, random: errorOnly.random })).execute(() => 1);
    expect(errorOnly.draws()).toBe(1);
  });

  it('probability 1 always fires and 0 never does; in between it follows the draw', async () => {
    const draws = counting([0.29, 0.31]);
    const p = policy(chaos({ errorProbability: 0.3, random: draws.random }));
    await expect(p.execute(() => 'ran')).rejects.toBeInstanceOf(ChaosError);
    await expect(p.execute(() => 'ran')).resolves.toBe('ran');
  });

  it('replays the same faults from the same seed, using the call’s random by default', async () => {
    const run = async (seed: number): Promise<string[]> => {
      const out: string[] = [];
      for (let i = 0; i < 20; i++) {
        const r = await execute(() => 'ok', { maxAttempts: 1, random: seededRandom(seed + i), chaos: { errorProbability: 0.5 } }).catch(() => 'chaos');
        out.push(r);
      }
      return out;
    };
    const a = await run(7);
    expect(await run(7)).toEqual(a);
    expect(a).toContain('chaos');
    expect(a).toContain('ok');
  });

  it('delays by latency before running the action', async () => {
    const clock = useClock();
    let startedAt = 0;
    const call = policy(chaos({ latencyProbability: 1, latency: 1_000 })).execute(
      () => {
        startedAt = clock.now();
        return 'late';
      },
      { clock },
    );
    const t0 = clock.now();
    await expect(settle(clock, call)).resolves.toEqual({ ok: true, value: 'late' });
    expect(startedAt - t0).toBe(1_000);
  });

  it('latency aborts with the caller’s signal: no timer, no listener left, action never runs', async () => {
    const clock = useClock();
    const tracked = trackedSignal();
    let ran = false;
    const call = execute(
      () => {
        ran = true;
      },
      { clock, signal: tracked.signal, maxAttempts: 1, chaos: { latencyProbability: 1, latency: 10_000 } },
    );
    await clock.advance(10);
    expect(clock.pendingTimers).toBe(1);
    tracked.abort(new Error('caller gave up'));
    await expect(call).rejects.toThrow('caller gave up');
    expect(ran).toBe(false);
    expect(clock.pendingTimers).toBe(0);
    expect(tracked.listeners).toBe(0);
  });

  it('injects no latency under the testing bypass', async () => {
    const clock = useClock();
    const value = await withTestingBypass(() => policy(chaos({ latencyProbability: 1, latency: 60_000 })).execute(() => 'instant', { clock }));
    expect(value).toBe('instant');
  });

  it('reports onChaos events to the call’s instrumenters', async () => {
    const clock = useClock();
    const events: Omit<ChaosEvent, 'at' | 'execution'>[] = [];
    const call = execute(() => 1, {
      clock,
      name: 'checkout',
      maxAttempts: 1,
      instrumenter: { onChaos: ({ name, kind, latencyMs }) => events.push(latencyMs === undefined ? { name, kind } : { name, kind, latencyMs }) },
      chaos: { latencyProbability: 1, latency: 5, errorProbability: 1, name: 'chaos-monkey' },
    });
    await settle(clock, call);
    expect(events).toEqual([
      { name: 'chaos-monkey', kind: 'latency', latencyMs: 5 },
      { name: 'chaos-monkey', kind: 'error' },
    ]);
  });

  it.each<[unknown, string, 'TypeError' | 'RangeError']>([
    [undefined, 'chaos: config must be a ChaosConfig object (got undefined)', 'TypeError'],
    [0.5, 'chaos: config must be a ChaosConfig object (got 0.5)', 'TypeError'],
    [{ errorProbability: 1.5 }, 'chaos: errorProbability must be a number between 0 and 1 (got 1.5)', 'RangeError'],
    [{ errorProbability: -0.1 }, 'chaos: errorProbability must be a number between 0 and 1 (got -0.1)', 'RangeError'],
    [{ errorProbability: '1' }, 'chaos: errorProbability must be a number between 0 and 1 (got "1")', 'TypeError'],
    [{ latencyProbability: NaN, latency: 1 }, 'chaos: latencyProbability must be a number between 0 and 1 (got NaN)', 'RangeError'],
    [{ latencyProbability: 0.5 }, 'chaos: latency must be set when latencyProbability is set (got undefined)', 'RangeError'],
    [{ latency: 100 }, 'chaos: latencyProbability must be set when latency is set (got undefined)', 'RangeError'],
    [{ error: new Error('x') }, 'chaos: errorProbability must be set when error is set (got undefined)', 'RangeError'],
    [{ latencyProbability: 1, latency: -5 }, 'chaos: latency must be a non-negative finite number of milliseconds (got -5)', 'RangeError'],
    [{ random: 4 }, 'chaos: random must be a function (got 4)', 'TypeError'],
    [{ name: 4 }, 'chaos: name must be a string (got 4)', 'TypeError'],
  ])('chaos(%j) throws', (config, message, type) => {
    const make = (): unknown => chaos(config as ChaosConfig);
    expect(make).toThrow(type === 'TypeError' ? TypeError : RangeError);
    expect(make).toThrow(message);
  });

  it('names the execute option in its messages', () => {
    expect(() => execute(() => 1, { chaos: { errorProbability: 2 } })).toThrow(new RangeError('execute: chaos.errorProbability must be a number between 0 and 1 (got 2)'));
    expect(() => execute(() => 1, { chaos: 'on' as never })).toThrow(new TypeError('execute: chaos must be a ChaosConfig object (got "on")'));
    expect(() => execute(() => 1, { chaos: { latency: 5 } })).toThrow(new RangeError('execute: chaos.latencyProbability must be set when chaos.latency is set (got undefined)'));
  });
});
