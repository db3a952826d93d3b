// snapshot()/restore(): the breaker's plain state copied out and validated back in, so it
// survives a serverless cold start or a restart (JSON round trips included).
import { describeValue, rangeError, typeError } from '../core/validate.js';
import type { CountWindow } from './count-window.js';
import { TIME_WINDOW_BUCKETS, type BreakerConfig } from './options.js';
import type { BreakerState, CircuitState } from './state.js';
import { windowStats, type WindowState } from './window.js';

/** A breaker's state at one moment: counts for dashboards and `data` for `restore`. */
export interface CircuitBreakerSnapshot {
  readonly state: CircuitState;
  /** Calls in the window (consecutive window: the current run of failures). */
  readonly calls: number;
  readonly failures: number;
  readonly slowCalls: number;
  /** Percent of the window's calls that failed (0 without calls). */
  readonly failureRate: number;
  /** Percent of the window's calls that were slow (0 without calls). */
  readonly slowCallRate: number;
  /** While open: ms until a probe is admitted (rounded up). */
  readonly retryAfter?: number;
  /** The full state, for `restore`. */
  readonly data: BreakerState;
}

const OWNER = 'CircuitBreaker.restore';
const PHASES: readonly CircuitState[] = ['closed', 'open', 'half-open', 'isolated'];

function copyWindow(w: WindowState): WindowState {
  switch (w.kind) {
    case 'consecutive':
      return { kind: 'consecutive', failures: w.failures };
    case 'count':
      return { kind: 'count', size: w.size, outcomes: [...w.outcomes], next: w.next, failures: w.failures, slow: w.slow };
    case 'time':
      return { kind: 'time', buckets: { ...w.buckets, epochs: [...w.buckets.epochs], counts: [...w.buckets.counts] } };
  }
}

/** A deep, JSON-safe copy of `s` with its counts. */
export function takeSnapshot(s: BreakerState, now: number): CircuitBreakerSnapshot {
  const { calls, failures, slow } = windowStats(s.window, now);
  const rate = (n: number): number => (calls === 0 ? 0 : (n * 100) / calls);
  const data: BreakerState = { ...s, probes: 0, window: copyWindow(s.window) };
  const base = { state: s.phase, calls, failures, slowCalls: slow, failureRate: rate(failures), slowCallRate: rate(slow), data };
  return s.phase === 'open' ? { ...base, retryAfter: Math.max(0, Math.ceil(s.openUntil - now)) } : base;
}

function field(path: string, value: unknown, rule: string, ok: boolean): void {
  if (!ok) typeError(OWNER, path, rule, value);
}

function count(path: string, value: unknown): number {
  field(path, value, 'a non-negative integer', Number.isInteger(value) && (value as number) >= 0);
  return value as number;
}

function finite(path: string, value: unknown): number {
  field(path, value, 'a finite number', typeof value === 'number' && Number.isFinite(value));
  return value as number;
}

function numbers(path: string, value: unknown, length: number | undefined, each: (p: string, v: unknown) => number): number[] {
  field(path, value, 'an array', Array.isArray(value) && (length === undefined || value.length === length));
  return (value as unknown[]).map((v, i) => each(`${path}[${String(i)}]`, v));
}

function describeWindow(w: { kind?: unknown; size?: unknown; buckets?: { bucketMs?: unknown } }): string {
  if (w.kind === 'count') return `a count window of ${describeValue(w.size)} calls`;
  if (w.kind === 'time') return `a time window of ${describeValue(Number(w.buckets?.bucketMs) * TIME_WINDOW_BUCKETS)} ms`;
  return `a ${describeValue(w.kind)} window`;
}

function expectedWindow(config: BreakerConfig): string {
  if (config.window === 'count') return `a count window of ${String(config.windowSize)} calls`;
  if (config.window === 'time') return `a time window of ${String(config.windowSize)} ms`;
  return `a "consecutive" window`;
}

function parseWindow(value: unknown, config: BreakerConfig): WindowState {
  field('snapshot.data.window', value, 'an object', typeof value === 'object' && value !== null);
  const w = value as Record<string, unknown> & { buckets?: Record<string, unknown> };
  const matches =
    w.kind === config.window &&
    (w.kind !== 'count' || w.size === config.windowSize) &&
    (w.kind !== 'time' || w.buckets?.bucketMs === config.windowSize / TIME_WINDOW_BUCKETS);
  if (!matches) rangeError(OWNER, 'snapshot', `a snapshot of ${expectedWindow(config)}`, describeWindow(w));
  if (w.kind === 'consecutive') return { kind: 'consecutive', failures: count('snapshot.data.window.failures', w.failures) };
  if (w.kind === 'count') {
    const outcomes = numbers('snapshot.data.window.outcomes', w.outcomes, undefined, (p, v) => {
      field(p, v, 'an integer from 0 to 3', Number.isInteger(v) && (v as number) >= 0 && (v as number) <= 3);
      return v as number;
    });
    const size = config.windowSize;
    field('snapshot.data.window.outcomes', w.outcomes, `an array of at most ${String(size)} outcomes`, outcomes.length <= size);
    const next = count('snapshot.data.window.next', w.next);
    // Totals are recomputed from the outcomes rather than trusted.
    const window: CountWindow = { kind: 'count', size, outcomes, next: outcomes.length < size ? 0 : next % size, failures: 0, slow: 0 };
    for (const bits of outcomes) {
      window.failures += bits & 1;
      window.slow += (bits & 2) >> 1;
    }
    return window;
  }
  const b = w.buckets as Record<string, unknown>;
  return {
    kind: 'time',
    buckets: {
      bucketMs: config.windowSize / TIME_WINDOW_BUCKETS,
      fields: 3,
      epochs: numbers('snapshot.data.window.buckets.epochs', b.epochs, TIME_WINDOW_BUCKETS, (p, v) => {
        field(p, v, 'an integer', Number.isInteger(v));
        return v as number;
      }),
      counts: numbers('snapshot.data.window.buckets.counts', b.counts, TIME_WINDOW_BUCKETS * 3, count),
    },
  };
}

/** Validates a snapshot (possibly parsed from JSON) against `config` and returns its state. */
export function parseSnapshot(snapshot: unknown, config: BreakerConfig): BreakerState {
  field('snapshot', snapshot, 'a CircuitBreaker snapshot', typeof snapshot === 'object' && snapshot !== null);
  const data = (snapshot as { data?: unknown }).data;
  field('snapshot.data', data, 'an object', typeof data === 'object' && data !== null);
  const d = data as Record<string, unknown>;
  field('snapshot.data.phase', d.phase, `one of ${PHASES.join(', ')}`, (PHASES as readonly unknown[]).includes(d.phase));
  return {
    phase: d.phase as CircuitState,
    generation: 0,
    changedAt: finite('snapshot.data.changedAt', d.changedAt),
    openUntil: finite('snapshot.data.openUntil', d.openUntil),
    reopens: count('snapshot.data.reopens', d.reopens),
    probes: 0,
    probeSuccesses: count('snapshot.data.probeSuccesses', d.probeSuccesses),
    window: parseWindow(d.window, config),
  };
}
