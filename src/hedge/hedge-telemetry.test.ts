import { describe, expect, it } from 'vitest';
import { delay, settle, useClock } from '../../test/helpers/clock.js';
import type { AttemptEndEvent } from '../core/telemetry/events.js';
import { execute } from '../policy/execute.js';

describe('hedging telemetry', () => {
  it('ends every abandoned hedge loser with outcome hedge-lost', async () => {
    const clock = useClock();
    const ends: AttemptEndEvent[] = [];
    const durations = [300, 50, 400];
    const out = await settle(
      clock,
      execute(({ attempt, signal }) => delay(clock, durations[attempt] ?? 0, signal).then(() => attempt), {
        clock,
        maxAttempts: 3,
        hedgingDelay: 100,
        instrumenter: { onAttemptEnd: (e) => ends.push(e) },
      }),
    );
    expect(out).toEqual({ ok: true, value: 1 });
    expect(ends.map((e) => [e.attempt, e.outcome, e.hedge, e.durationMs])).toEqual([
      [1, 'success', true, 50],
      [0, 'hedge-lost', false, 150],
    ]);
    expect((ends[1]?.error as { code?: string }).code).toBe('ERR_HEDGE_LOST');
  });

  it('ends attempts still running when the call gives up with outcome cancelled', async () => {
    const clock = useClock();
    const ends: AttemptEndEvent[] = [];
    const c = new AbortController();
    const p = execute(({ signal }) => delay(clock, 1000, signal), {
      clock,
      signal: c.signal,
      maxAttempts: 2,
      hedgingDelay: 10,
      instrumenter: { onAttemptEnd: (e) => ends.push(e) },
    });
    await clock.advance(20);
    c.abort('stop');
    expect(await settle(clock, p)).toEqual({ ok: false, error: 'stop' });
    expect(ends.map((e) => [e.attempt, e.outcome])).toEqual([
      [0, 'cancelled'],
      [1, 'cancelled'],
    ]);
  });
});
