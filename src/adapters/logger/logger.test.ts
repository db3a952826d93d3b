import { Writable } from 'node:stream';
import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { emitting } from '../../../test/helpers/block-events.js';
import { delay, settle, useClock } from '../../../test/helpers/clock.js';
import { execute } from '../../policy/execute.js';
import { policy } from '../../policy/policy.js';
import { constant } from '../../retry/backoff.js';
import { loggerInstrumenter } from './logger.js';
import type { LoggerInstrumenterOptions } from './options.js';

type Line = Record<string, unknown> & { level: number; msg: string };
const DEBUG = 20;
const INFO = 30;
const WARN = 40;
const ERROR = 50;

/** A real pino logger writing JSON lines to a stream the test reads. */
function pinoLines(level = 'debug') {
  const lines: Line[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      lines.push(JSON.parse(chunk.toString()) as Line);
      done();
    },
  });
  return { logger: pino({ level, base: null, timestamp: false }, stream), lines };
}

const only = (lines: Line[], event: string): Line[] => lines.filter((l) => l['resile.event'] === event);

describe('loggerInstrumenter: levels', () => {
  it('logs a retry at warn once per retried attempt, give-up at error, the rest at debug', async () => {
    const clock = useClock();
    const { logger, lines } = pinoLines();
    const out = await settle(
      clock,
      execute(() => Promise.reject(new Error('upstream 503')), {
        clock,
        name: 'users.get',
        maxAttempts: 3,
        backoff: constant(100),
        instrumenter: loggerInstrumenter(logger, { clock }),
      }),
    );
    expect(out.ok).toBe(false);
    expect(lines.map((l) => [l.level, l['resile.event']])).toEqual([
      [DEBUG, 'execution_start'],
      [DEBUG, 'attempt'],
      [DEBUG, 'attempt_end'],
      [WARN, 'retry'],
      [DEBUG, 'attempt'],
      [DEBUG, 'attempt_end'],
      [WARN, 'retry'],
      [DEBUG, 'attempt'],
      [DEBUG, 'attempt_end'],
      [ERROR, 'give_up'],
      [DEBUG, 'execution_end'],
    ]);
    expect(only(lines, 'retry')[0]).toEqual({
      level: WARN,
      msg: 'resile: attempt failed, retrying',
      'resile.event': 'retry',
      'resile.name': 'users.get',
      'resile.attempt': 0,
      'resile.retry.delay_ms': 100,
      'resile.retry.server_hint': false,
      'error.type': 'Error',
      'error.message': 'upstream 503',
    });
    expect(only(lines, 'give_up')[0]).toMatchObject({
      msg: 'resile: giving up',
      'resile.attempts': 3,
      'resile.duration_ms': 200,
      'resile.give_up.reason': 'exhausted',
      'error.type': 'RetryExhaustedError',
      'error.code': 'ERR_RETRY_EXHAUSTED',
    });
  });

  it('logs successes and attempts at debug only, and builds nothing below the logger level', async () => {
    const clock = useClock();
    const { logger, lines } = pinoLines('info');
    await settle(clock, execute(() => 'ok', { clock, instrumenter: loggerInstrumenter(logger, { clock }) }));
    expect(lines).toEqual([]);
    const debug = pinoLines('debug');
    await settle(clock, execute(() => 'ok', { clock, instrumenter: loggerInstrumenter(debug.logger, { clock }) }));
    expect(only(debug.lines, 'success')).toEqual([{ level: DEBUG, msg: 'resile: call succeeded', 'resile.event': 'success', 'resile.attempts': 1, 'resile.duration_ms': 0 }]);
  });

  it('logs a breaker opening at error, half-open and closed at info', async () => {
    const clock = useClock();
    const { logger, lines } = pinoLines('info');
    const transitions = [
      ['closed', 'open'],
      ['open', 'half-open'],
      ['half-open', 'closed'],
    ] as const;
    for (const [from, to] of transitions) {
      await settle(clock, policy(emitting('onCircuitStateChange', { name: 'payments-db', from, to })).execute(() => 1, { clock, instrumenter: loggerInstrumenter(logger, { clock }) }));
    }
    expect(lines).toEqual([
      { level: ERROR, msg: 'resile: circuit breaker opened', 'resile.event': 'circuit_state_change', 'resile.name': 'payments-db', 'resile.circuit.from_state': 'closed', 'resile.circuit.to_state': 'open' },
      { level: INFO, msg: 'resile: circuit breaker half-open', 'resile.event': 'circuit_state_change', 'resile.name': 'payments-db', 'resile.circuit.from_state': 'open', 'resile.circuit.to_state': 'half-open' },
      { level: INFO, msg: 'resile: circuit breaker closed', 'resile.event': 'circuit_state_change', 'resile.name': 'payments-db', 'resile.circuit.from_state': 'half-open', 'resile.circuit.to_state': 'closed' },
    ]);
  });

  it('logs a throttled retry at warn with resile.retry.throttled=true', async () => {
    const clock = useClock();
    const { logger, lines } = pinoLines('warn');
    const retryBudget = { name: 'fleet-budget', tryRetry: () => false, onSuccess: () => undefined };
    await settle(clock, execute(() => Promise.reject(new Error('x')), { clock, name: 'search', retryBudget, instrumenter: loggerInstrumenter(logger, { clock }) }));
    expect(only(lines, 'retry_throttled')).toEqual([
      {
        level: WARN,
        msg: 'resile: retry throttled by the retry budget',
        'resile.event': 'retry_throttled',
        'resile.name': 'search',
        'resile.attempt': 1,
        'resile.retry.throttled': true,
        'resile.retry.budget': 'fleet-budget',
      },
    ]);
    expect(only(lines, 'give_up')[0]).toMatchObject({ level: ERROR, 'resile.give_up.reason': 'budget' });
  });

  it('logs rejections at warn and a cancelled call at info', async () => {
    const clock = useClock();
    const { logger, lines } = pinoLines('info');
    const instrumenter = loggerInstrumenter(logger, { clock });
    await settle(clock, policy(emitting('onBulkheadFull', { name: 'pool', active: 4, capacity: 4, queued: 2 }, { error: new Error('full') })).execute(() => 1, { clock, instrumenter }));
    await settle(clock, policy(emitting('onShedLoad', { name: 'pool', priority: 'low', reason: 'priority' }, { error: new Error('shed') })).execute(() => 1, { clock, instrumenter }));
    await settle(clock, policy(emitting('onRateLimitExceeded', { name: 'quota', retryAfter: 40 }, { error: new Error('rl') })).execute(() => 1, { clock, instrumenter }));
    const c = new AbortController();
    const p = execute(({ signal }) => delay(clock, 100, signal), { clock, signal: c.signal, instrumenter });
    c.abort();
    await settle(clock, p);
    expect(lines.map((l) => [l.level, l['resile.event']])).toEqual([
      [WARN, 'bulkhead_full'],
      [WARN, 'shed_load'],
      [WARN, 'rate_limit_exceeded'],
      [INFO, 'give_up'],
    ]);
    expect(lines[0]).toMatchObject({ 'resile.bulkhead.active': 4, 'resile.bulkhead.capacity': 4, 'resile.bulkhead.queued': 2 });
    expect(lines[3]).toMatchObject({ 'resile.give_up.reason': 'cancelled', 'error.type': 'AbortError' });
  });

  it('honours level overrides; an event switched off gets no hook', async () => {
    const clock = useClock();
    const { logger, lines } = pinoLines('debug');
    const instrumenter = loggerInstrumenter(logger, { clock, levels: { attempt: 'off', attempt_end: 'off', retry: 'info', bulkhead_usage: 'debug' } });
    expect(instrumenter.onAttempt).toBeUndefined();
    expect(typeof instrumenter.onBulkheadUsage).toBe('function');
    expect(loggerInstrumenter(logger).onBulkheadUsage).toBeUndefined();
    let n = 0;
    await settle(clock, execute(() => (n++ === 0 ? Promise.reject(new Error('once')) : 'ok'), { clock, backoff: constant(1), instrumenter }));
    expect(lines.map((l) => [l.level, l['resile.event']])).toEqual([
      [DEBUG, 'execution_start'],
      [INFO, 'retry'],
      [DEBUG, 'success'],
      [DEBUG, 'execution_end'],
    ]);
  });

  it('leaves error messages out with errorMessages: false', async () => {
    const clock = useClock();
    const { logger, lines } = pinoLines('warn');
    await settle(clock, execute(() => Promise.reject(new Error('token=s3cr3t')), { clock, maxAttempts: 2, backoff: constant(1), instrumenter: loggerInstrumenter(logger, { clock, errorMessages: false }) }));
    expect(lines.length).toBeGreaterThan(0);
    expect(JSON.stringify(lines)).not.toContain('s3cr3t');
  });
});

describe('loggerInstrumenter: rate limit', () => {
  it('caps a retry storm per event name and reports how many lines it suppressed', async () => {
    const clock = useClock();
    const { logger, lines } = pinoLines('warn');
    const instrumenter = loggerInstrumenter(logger, { clock, rateLimit: { perSecond: 1, burst: 3 } });
    const storm = execute(() => Promise.reject(new Error('down')), { clock, maxAttempts: 11, backoff: constant(1), instrumenter });
    await settle(clock, storm);
    expect(only(lines, 'retry')).toHaveLength(3);
    expect(only(lines, 'give_up')).toHaveLength(1);
    expect(instrumenter.suppressed).toBe(7);
    await clock.advance(1000);
    await settle(clock, execute(() => Promise.reject(new Error('down')), { clock, maxAttempts: 2, backoff: constant(1), instrumenter }));
    expect(only(lines, 'retry').at(-1)).toMatchObject({ 'resile.suppressed': 7, 'resile.attempt': 0 });
  });

  it('logs everything with rateLimit: false', async () => {
    const clock = useClock();
    const { logger, lines } = pinoLines('warn');
    const instrumenter = loggerInstrumenter(logger, { clock, rateLimit: false });
    await settle(clock, execute(() => Promise.reject(new Error('down')), { clock, maxAttempts: 100, backoff: constant(0), instrumenter }));
    expect(only(lines, 'retry')).toHaveLength(99);
    expect(instrumenter.suppressed).toBe(0);
  });
});

describe('loggerInstrumenter: isolation', () => {
  it('a throwing, rejecting or never-settling logger never changes nor delays the call', async () => {
    const clock = useClock();
    const boom = (): never => {
      throw new Error('disk full');
    };
    const throwing = { debug: boom, info: boom, warn: boom, error: boom };
    const rejecting = { debug: () => Promise.reject(new Error('later')), info: boom, warn: boom, error: boom };
    const stuck = { debug: () => new Promise<never>(() => undefined), info: boom, warn: boom, error: boom };
    for (const logger of [throwing, rejecting, stuck]) {
      const p = execute(() => delay(clock, 10).then(() => 'ok'), { clock, instrumenter: loggerInstrumenter(logger as never, { clock }) });
      const start = clock.now();
      await clock.advance(10);
      expect(await p).toBe('ok');
      expect(clock.now() - start).toBe(10);
    }
  });
});

describe('loggerInstrumenter: options', () => {
  it('validates the logger and options with exact messages', () => {
    const { logger } = pinoLines();
    const check = (options: LoggerInstrumenterOptions): unknown => loggerInstrumenter(logger, options);
    expect(() => loggerInstrumenter({ info: () => undefined } as never)).toThrow(
      new TypeError('loggerInstrumenter: logger must be a logger with debug, info, warn and error methods (got an object)'),
    );
    expect(() => check({ levels: { retry: 'loud' as never } })).toThrow(new RangeError('loggerInstrumenter: levels.retry must be one of debug, info, warn, error, off (got "loud")'));
    expect(() => check({ levels: { retries: 'warn' } as never })).toThrow(RangeError);
    expect(() => check({ rateLimit: { perSecond: 0, burst: 1 } })).toThrow(new RangeError('loggerInstrumenter: rateLimit.perSecond must be a positive finite number (got 0)'));
    expect(() => check({ rateLimit: { perSecond: 1, burst: 1.5 } })).toThrow(new RangeError('loggerInstrumenter: rateLimit.burst must be a positive integer (got 1.5)'));
    expect(() => check({ rateLimit: true as never })).toThrow(new TypeError('loggerInstrumenter: rateLimit must be an object { perSecond, burst } or false (got true)'));
    expect(() => check({ errorMessages: 1 as never })).toThrow(new TypeError('loggerInstrumenter: errorMessages must be a boolean (got 1)'));
    expect(() => check({ clock: {} as never })).toThrow(new TypeError('loggerInstrumenter: clock must be a Clock (got an object)'));
  });
});
