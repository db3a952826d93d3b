// Records what users see (latency of each request, success or error, by request class) and what
// gauges read (dependency load, a limiter's limit, a breaker's state) in fixed time buckets, so a
// run yields both whole-run summaries and time series.
import type { Clock } from '../../src/core/clock.js';
import { DependencyError } from './dependency.js';
import { percentile, sorted, summarize, type LatencySummary } from './percentiles.js';

/** `level`: sampled at each bucket end; `counter`: a cumulative count, recorded as its increase per bucket. */
export type GaugeKind = 'level' | 'counter';

/** Options of {@link Recorder}. */
export interface RecorderOptions {
  clock: Clock;
  /** Epoch ms of t = 0. @defaultValue clock.now() */
  start?: number;
  /** Width of one time bucket, ms. */
  bucketMs: number;
  /** Length of the recorded period, ms (a whole number of buckets is kept). */
  duration: number;
}

/** Outcomes of one request class (e.g. one priority). */
export interface ClassCounts {
  sent: number;
  succeeded: number;
  failed: number;
}

/** Everything a run recorded. */
export interface Recording {
  readonly bucketMs: number;
  /** Start of each bucket, seconds since t = 0. */
  readonly times: readonly number[];
  readonly sent: number;
  readonly succeeded: number;
  readonly failed: number;
  /** Requests still waiting when the run ended (hung calls). */
  readonly unfinished: number;
  /** Failures by error label (see {@link errorLabel}). */
  readonly errors: Readonly<Record<string, number>>;
  readonly classes: Readonly<Record<string, ClassCounts>>;
  /** Latency of successful requests over the whole run. */
  readonly latency: LatencySummary;
  /** Per bucket: user arrivals, successes and failures (by completion time). */
  readonly arrivals: readonly number[];
  readonly successes: readonly number[];
  readonly failures: readonly number[];
  /** Per bucket and class: successes and failures. */
  readonly classSuccesses: Readonly<Record<string, readonly number[]>>;
  readonly classFailures: Readonly<Record<string, readonly number[]>>;
  /** Per bucket: p50 and p99 latency of the successes completed in it (null when none). */
  readonly p50: readonly (number | null)[];
  readonly p99: readonly (number | null)[];
  /** Per bucket readings of level gauges (null before the first reading). */
  readonly gauges: Readonly<Record<string, readonly (number | null)[]>>;
  /** Per bucket increase of counter gauges. */
  readonly counters: Readonly<Record<string, readonly number[]>>;
}

/** A short, stable label for an error a user saw. */
export function errorLabel(error: unknown): string {
  if (error instanceof DependencyError) return error.kind;
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code === 'string') return code;
  return error instanceof Error ? error.name : typeof error;
}

/** One user request in flight; call `succeed` or `fail` once (later calls are ignored). */
export interface RequestHandle {
  succeed(): void;
  fail(error: unknown): void;
}

interface Gauge {
  read: () => number;
  kind: GaugeKind;
  last: number;
  values: (number | null)[];
}

/** Collects outcomes and gauges of one simulated run. */
export class Recorder {
  private readonly start: number;
  private readonly buckets: number;
  private readonly arrivals: number[];
  private readonly successes: number[];
  private readonly failures: number[];
  private readonly bucketLatencies: number[][];
  private readonly latencies: number[] = [];
  private readonly errors: Record<string, number> = {};
  private readonly classes: Record<string, ClassCounts> = {};
  private readonly classSuccesses: Record<string, number[]> = {};
  private readonly classFailures: Record<string, number[]> = {};
  private readonly gauges = new Map<string, Gauge>();
  private sent = 0;
  private done = 0;

  constructor(private readonly o: RecorderOptions) {
    this.start = o.start ?? o.clock.now();
    this.buckets = Math.max(1, Math.ceil(o.duration / o.bucketMs));
    const zeros = (): number[] => new Array<number>(this.buckets).fill(0);
    this.arrivals = zeros();
    this.successes = zeros();
    this.failures = zeros();
    this.bucketLatencies = Array.from({ length: this.buckets }, () => []);
  }

  /** Adds a gauge read at the end of every bucket (call before {@link Recorder.startSampling}). */
  gauge(name: string, read: () => number, kind: GaugeKind = 'level'): void {
    this.gauges.set(name, { read, kind, last: kind === 'counter' ? read() : 0, values: [] });
  }

  /** Schedules the gauge readings, one timer per bucket end. */
  startSampling(): void {
    let bucket = 0;
    const sample = (): void => {
      for (const g of this.gauges.values()) {
        const now = g.read();
        g.values.push(g.kind === 'counter' ? now - g.last : now);
        g.last = now;
      }
      if (++bucket < this.buckets) this.o.clock.setTimer(this.o.bucketMs, sample);
    };
    this.o.clock.setTimer(this.start + this.o.bucketMs - this.o.clock.now(), sample);
  }

  private bucketOf(t: number): number {
    return Math.min(this.buckets - 1, Math.max(0, Math.floor(t / this.o.bucketMs)));
  }

  private classCounts(cls: string): ClassCounts {
    let c = this.classes[cls];
    if (c === undefined) {
      c = this.classes[cls] = { sent: 0, succeeded: 0, failed: 0 };
      this.classSuccesses[cls] = new Array<number>(this.buckets).fill(0);
      this.classFailures[cls] = new Array<number>(this.buckets).fill(0);
    }
    return c;
  }

  /** A user request starts now; `cls` is its class (e.g. its priority). */
  begin(cls = 'all'): RequestHandle {
    const begun = this.o.clock.now();
    this.sent++;
    (this.arrivals[this.bucketOf(begun - this.start)] as number)++;
    const counts = this.classCounts(cls);
    counts.sent++;
    let ended = false;
    const end = (ok: boolean, error: unknown): void => {
      if (ended) return;
      ended = true;
      this.done++;
      const now = this.o.clock.now();
      const b = this.bucketOf(now - this.start);
      if (ok) {
        counts.succeeded++;
        (this.successes[b] as number)++;
        (this.classSuccesses[cls] as number[])[b]! += 1;
        this.latencies.push(now - begun);
        (this.bucketLatencies[b] as number[]).push(now - begun);
      } else {
        counts.failed++;
        (this.failures[b] as number)++;
        (this.classFailures[cls] as number[])[b]! += 1;
        const label = errorLabel(error);
        this.errors[label] = (this.errors[label] ?? 0) + 1;
      }
    };
    return {
      succeed: () => {
        end(true, undefined);
      },
      fail: (error: unknown) => {
        end(false, error);
      },
    };
  }

  /** Latency of the successes completed in buckets [from, to) (ms since t = 0, bucket-aligned). */
  latencyBetween(from: number, to: number): LatencySummary {
    const picked: number[] = [];
    for (let b = this.bucketOf(from); b < this.buckets && b * this.o.bucketMs < to; b++) {
      for (const v of this.bucketLatencies[b] as number[]) picked.push(v);
    }
    return summarize(picked);
  }

  /** Everything recorded so far. */
  finish(): Recording {
    const perBucket = this.bucketLatencies.map((l) => (l.length === 0 ? undefined : sorted(l)));
    const pick = (q: number): (number | null)[] => perBucket.map((s) => (s === undefined ? null : percentile(s, q)));
    const gauges: Record<string, (number | null)[]> = {};
    const counters: Record<string, number[]> = {};
    for (const [name, g] of this.gauges) {
      if (g.kind === 'counter') counters[name] = Array.from({ length: this.buckets }, (_, i) => g.values[i] ?? 0);
      else gauges[name] = Array.from({ length: this.buckets }, (_, i) => g.values[i] ?? null);
    }
    let succeeded = 0;
    let failed = 0;
    for (const c of Object.values(this.classes)) {
      succeeded += c.succeeded;
      failed += c.failed;
    }
    return {
      bucketMs: this.o.bucketMs,
      times: Array.from({ length: this.buckets }, (_, i) => (i * this.o.bucketMs) / 1000),
      sent: this.sent,
      succeeded,
      failed,
      unfinished: this.sent - this.done,
      errors: { ...this.errors },
      classes: structuredClone(this.classes),
      latency: summarize(this.latencies),
      arrivals: [...this.arrivals],
      successes: [...this.successes],
      failures: [...this.failures],
      classSuccesses: structuredClone(this.classSuccesses),
      classFailures: structuredClone(this.classFailures),
      p50: pick(0.5),
      p99: pick(0.99),
      gauges,
      counters,
    };
  }
}
