import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CircuitOpenError } from '../../core/errors/circuit-open-error.js';
import type { ExecutionInfo } from '../../core/telemetry/events.js';
import type { EventOf, InstrumenterHook } from '../../core/telemetry/instrumenter.js';
import { METRICS } from '../prometheus/metrics.js';
import { attributesOf } from './attributes.js';
import { BoundedNames } from './bounded-names.js';
import { attemptKind, circuitStateValue, errorCode, errorMessage, errorType, EVENT_NAMES, safeLabel } from './vocabulary.js';

const execution: ExecutionInfo = { name: 'call', priority: 'standard', startedAt: 0 };
const base = { at: 1, name: 'block', execution };
const error = Object.assign(new Error('boom'), { code: 'ECONNRESET' });

/** One event of every hook, with every optional field set. */
const SAMPLES: { [H in InstrumenterHook]: EventOf<H> } = {
  onExecutionStart: base,
  onExecutionEnd: { ...base, outcome: 'failure', durationMs: 3, error },
  onAttempt: { ...base, attempt: 0, hedge: false },
  onAttemptEnd: { ...base, attempt: 0, hedge: false, outcome: 'failure', durationMs: 2, error },
  onRetry: { ...base, attempt: 0, delayMs: 5, error, serverHint: false },
  onSuccess: { ...base, attempts: 1, durationMs: 2 },
  onGiveUp: { ...base, attempts: 2, durationMs: 4, error, reason: 'exhausted' },
  onHedge: { ...base, attempt: 1, trigger: 'delay' },
  onFallback: { ...base, error },
  onDeadlineAbort: { ...base, attempt: 1, deadline: 10, remainingMs: 1, thresholdMs: 5 },
  onCircuitStateChange: { ...base, from: 'closed', to: 'open' },
  onBulkheadFull: { ...base, active: 2, capacity: 2, queued: 1, reason: 'queue-timeout' },
  onBulkheadUsage: { ...base, active: 1, capacity: 2, queued: 0 },
  onShedLoad: { ...base, priority: 'low', reason: 'priority' },
  onRateLimitExceeded: { ...base, retryAfter: 10 },
  onRetryThrottled: { ...base, attempt: 1, budget: 'b' },
  onChaos: { ...base, kind: 'latency', latencyMs: 7 },
  onLimitChange: { ...base, from: 1, to: 2 },
  onHealthChange: { ...base, component: 'bulkhead', state: 'degraded', reason: 'full' },
  onStoreUnavailable: { ...base, error, mode: 'local' },
  onStoreRecovered: { ...base, downtimeMs: 1500 },
  onListenerError: { ...base, error, hook: 'onRetry' },
};

const docs = readFileSync(new URL('../../../docs/telemetry.md', import.meta.url), 'utf8').replace(/```[\s\S]*?```/g, '');
const documented = new Set([...docs.matchAll(/`([^`]+)`/g)].flatMap((m) => m[1]!.split(/,\s*/)));

describe('vocabulary', () => {
  it('describes errors by type and code, never failing on odd values', () => {
    expect(errorType(new TypeError('x'))).toBe('TypeError');
    expect(errorType(new CircuitOpenError())).toBe('CircuitOpenError');
    expect(errorType(new DOMException('gone', 'AbortError'))).toBe('AbortError');
    expect(errorType('text')).toBe('string');
    expect(errorType(undefined)).toBe('undefined');
    expect(errorType(null)).toBe('null');
    expect(errorType({ name: 'has spaces in it' })).toBe('_OTHER');
    const hostile = new Proxy({}, { get: () => { throw new Error('trap'); } });
    expect(errorType(hostile)).toBe('_OTHER');
    expect(errorCode(hostile)).toBeUndefined();
    expect(errorCode(error)).toBe('ECONNRESET');
    expect(errorCode(new CircuitOpenError())).toBe('ERR_CIRCUIT_OPEN');
    expect(errorCode({ code: 14 })).toBe('14');
    expect(errorCode({ code: 'not a code!' })).toBeUndefined();
    expect(errorMessage(new Error('m'))).toBe('m');
    expect(errorMessage('thrown text')).toBe('thrown text');
    expect(errorMessage(42)).toBeUndefined();
    expect(errorMessage(new Error('x'.repeat(2000)))?.length).toBe(1025);
  });

  it('maps attempts, breaker states and labels to fixed values', () => {
    expect([attemptKind(0, false), attemptKind(1, false), attemptKind(1, true)]).toEqual(['first', 'retry', 'hedge']);
    expect(['closed', 'open', 'half-open', 'isolated', 'weird', 'toString'].map(circuitStateValue)).toEqual([0, 1, 2, 3, undefined, undefined]);
    expect([safeLabel('half-open'), safeLabel('a b'), safeLabel(undefined)]).toEqual(['half-open', 'other', 'other']);
  });

  it('BoundedNames never holds more than max distinct values', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 20 }), fc.array(fc.option(fc.string(), { nil: undefined }), { maxLength: 200 }), (max, names) => {
        const bounded = new BoundedNames(max);
        const labels = new Set(names.map((n) => bounded.label(n)));
        labels.delete('other');
        labels.delete('unnamed');
        expect(labels.size).toBeLessThanOrEqual(max);
        for (const n of names) if (n !== undefined && n !== '' && labels.has(n.slice(0, 128))) expect(bounded.label(n)).toBe(n.slice(0, 128));
      }),
    );
  });

  it('documents every event name, attribute and metric in docs/telemetry.md', () => {
    const keys = new Set<string>();
    for (const hook of Object.keys(SAMPLES) as InstrumenterHook[]) {
      expect(documented, `event ${EVENT_NAMES[hook]}`).toContain(EVENT_NAMES[hook]);
      for (const key of Object.keys(attributesOf(hook, SAMPLES[hook] as never, { errorMessages: true }))) keys.add(key);
    }
    const spanOnly = ['resile.attempt.kind', 'resile.hedge.lost', 'resile.fallback', 'resile.rejection.reason', 'resile.suppressed'];
    for (const key of [...keys, ...spanOnly]) expect(documented, key).toContain(key);
    const otel = ['resile.attempts', 'resile.execution.duration', 'resile.circuit.state_changes', 'resile.circuit.state', 'resile.rejections', 'resile.bulkhead.active', 'resile.bulkhead.capacity', 'resile.adaptive.limit'];
    for (const name of [...otel, ...Object.values(METRICS).map((m) => m.name)]) expect(documented, name).toContain(name);
  });
});
