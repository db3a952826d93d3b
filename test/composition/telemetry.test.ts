import { describe, expect, it, vi } from 'vitest';
import { delay, settle, useClock } from '../helpers/clock.js';
import { constant, execute, RetryAfterError, type Instrumenter } from '../../src/index.js';

/** Records every hook call as `hook attempt? outcome?`. */
function recorder(): { log: string[]; instrumenter: Instrumenter } {
  const log: string[] = [];
  const hooks = ['onExecutionStart', 'onExecutionEnd', 'onAttempt', 'onAttemptEnd', 'onRetry', 'onSuccess', 'onGiveUp', 'onHedge', 'onFallback', 'onDeadlineAbort'] as const;
  const instrumenter: Instrumenter = {};
  for (const hook of hooks) {
    (instrumenter as Record<string, (e: Record<string, unknown>) => void>)[hook] = (e) => {
      const parts: string[] = [hook];
      if (typeof e.attempt === 'number') parts.push(String(e.attempt));
      if (typeof e.outcome === 'string') parts.push(e.outcome);
      if (typeof e.delayMs === 'number') parts.push(`${String(e.delayMs)}ms`);
      if (typeof e.reason === 'string') parts.push(e.reason);
      if (typeof e.trigger === 'string') parts.push(e.trigger);
      log.push(parts.join(' '));
    };
  }
  return { log, instrumenter };
}

describe('telemetry events', () => {
  it('reports a retried call step by step', async () => {
    const clock = useClock();
    const { log, instrumenter } = recorder();
    let n = 0;
    await settle(clock, execute(() => (n++ === 0 ? Promise.reject(new RetryAfterError(250)) : 'ok'), { clock, instrumenter, name: 'getUser' }));
    expect(log).toEqual([
      'onExecutionStart',
      'onAttempt 0',
      'onAttemptEnd 0 failure',
      'onRetry 0 250ms',
      'onAttempt 1',
      'onAttemptEnd 1 success',
      'onSuccess',
      'onExecutionEnd success',
    ]);
  });

  it('reports give-up with its reason', async () => {
    const clock = useClock();
    const { log, instrumenter } = recorder();
    await settle(clock, execute(() => Promise.reject(new Error('x')), { clock, instrumenter, maxAttempts: 2, backoff: constant(1) }));
    expect(log.slice(-2)).toEqual(['onGiveUp exhausted', 'onExecutionEnd failure']);
  });

  it('reports hedges, the winner and the cancelled loser', async () => {
    const clock = useClock();
    const { log, instrumenter } = recorder();
    await settle(clock, execute(({ attempt, signal }) => delay(clock, attempt === 0 ? 500 : 10, signal).then(() => attempt), { clock, instrumenter, hedgingDelay: 100, maxAttempts: 2 }));
    expect(log).toEqual([
      'onExecutionStart',
      'onAttempt 0',
      'onHedge 1 delay',
      'onAttempt 1',
      'onAttemptEnd 1 success',
      'onSuccess',
      'onAttemptEnd 0 hedge-lost',
      'onExecutionEnd success',
    ]);
  });

  it('reports attempts abandoned by a caller abort as cancelled', async () => {
    const clock = useClock();
    const { log, instrumenter } = recorder();
    const c = new AbortController();
    const p = execute(({ signal }) => delay(clock, 500, signal), { clock, instrumenter, hedgingDelay: 10, maxAttempts: 2, signal: c.signal });
    await clock.advance(20);
    c.abort('bye');
    await expect(p).rejects.toBe('bye');
    expect(log.filter((l) => l.startsWith('onAttemptEnd') || l.startsWith('onGiveUp'))).toEqual(['onAttemptEnd 0 cancelled', 'onAttemptEnd 1 cancelled', 'onGiveUp cancelled']);
    const seq = recorder();
    const c2 = new AbortController();
    const q = execute(({ signal }) => delay(clock, 500, signal), { clock, instrumenter: seq.instrumenter, signal: c2.signal });
    c2.abort('bye');
    await expect(q).rejects.toBe('bye');
    expect(seq.log.slice(-3)).toEqual(['onAttemptEnd 0 cancelled', 'onGiveUp cancelled', 'onExecutionEnd failure']);
  });

  it('carries name, timestamps, durations and the execution identity', async () => {
    const clock = useClock();
    const attempts: { name: string | undefined; at: number; durationMs: number; execution: unknown }[] = [];
    let execution: unknown;
    await settle(
      clock,
      execute(({ signal }) => delay(clock, 40, signal), {
        clock,
        name: 'op',
        instrumenter: { onExecutionStart: (e) => (execution = e.execution), onAttemptEnd: (e) => attempts.push({ name: e.name, at: e.at, durationMs: e.durationMs, execution: e.execution }) },
      }),
    );
    expect(attempts).toEqual([{ name: 'op', at: clock.now(), durationMs: 40, execution }]);
    expect(execution).toMatchObject({ name: 'op', priority: 'standard' });
  });

  it('reports a deadline abort', async () => {
    const clock = useClock();
    const { log, instrumenter } = recorder();
    await settle(clock, execute(() => 1, { clock, instrumenter, deadline: clock.now() + 3 }));
    expect(log).toContain('onDeadlineAbort 0');
  });

  it('isolates throwing and rejecting instrumenters and reports them to onListenerError', async () => {
    const errors: string[] = [];
    const good = vi.fn();
    const value = await execute(() => 'fine', {
      instrumenter: [
        // eslint-disable-next-line @typescript-eslint/no-misused-promises -- an async sink that rejects is exactly what is tested
        { onAttempt: () => { throw new Error('sync sink failure'); }, onSuccess: () => Promise.reject(new Error('async sink failure')) },
        { onAttempt: good, onListenerError: (e) => errors.push(`${e.hook}: ${(e.error as Error).message}`) },
      ],
    });
    await Promise.resolve();
    await Promise.resolve();
    expect(value).toBe('fine');
    expect(good).toHaveBeenCalledTimes(1);
    expect(errors).toEqual(['onAttempt: sync sink failure', 'onSuccess: async sink failure']);
  });

  it('delivers each event once to an instrumenter given twice', async () => {
    const onSuccess = vi.fn();
    const i = { onSuccess };
    await execute(() => 1, { instrumenter: [i, i] });
    expect(onSuccess).toHaveBeenCalledTimes(1);
  });
});
