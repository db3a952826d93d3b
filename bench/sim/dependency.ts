// A simulated downstream dependency: latency from a distribution, optional finite capacity (a
// queueing server with `workers` parallel slots: latency grows with concurrency past this knee),
// error rates, latency drift and outages on a timeline. Every request that reaches it is counted,
// which is how the lab measures load amplification.
import type { Clock } from '../../src/core/clock.js';
import type { Distribution } from './distributions.js';
import type { Random } from './random.js';
import { toSchedule, type Schedule, type ScheduleLike } from './schedule.js';

/** Why a simulated call failed. */
export type DependencyErrorKind = 'error' | 'refused' | 'overloaded';

/** The error a simulated dependency answers with (a 5xx, a refused connection, a full queue). */
export class DependencyError extends Error {
  constructor(readonly kind: DependencyErrorKind) {
    super(`dependency ${kind}`);
    this.name = 'DependencyError';
  }
}

/** A period (ms since the start of the run) during which the dependency is down. */
export interface Outage {
  from: number;
  to: number;
  /** `refuse`: every call fails fast; `blackhole`: calls never answer (only the caller's timeout ends them). */
  mode: 'refuse' | 'blackhole';
}

/** Options of {@link SimDependency}. */
export interface DependencyOptions {
  clock: Clock;
  random: Random;
  /** Service time of one call. */
  latency: Distribution;
  /** Epoch ms of the run's t = 0 (schedules and outages are relative to it). @defaultValue clock.now() */
  start?: number;
  /** Parallel slots; calls beyond wait in a FIFO queue. The knee of the server. @defaultValue Infinity */
  workers?: number;
  /** Queue length beyond which calls fail fast with `overloaded`. @defaultValue Infinity */
  queueLimit?: number;
  /** Multiplies service times (latency drift, spikes). @defaultValue 1 */
  latencyFactor?: ScheduleLike;
  /** Probability that a served call fails with `error` (after its service time). @defaultValue 0 */
  errorRate?: ScheduleLike;
  /** Periods of hard failure. @defaultValue none */
  outages?: readonly Outage[];
  /** How long a refused or overloaded call takes to fail, ms. @defaultValue 1 */
  failLatency?: number;
  /**
   * What happens to a queued call whose caller gave up: `serve` (the server cannot see the
   * hang-up and still does the work, as most do) or `drop`. A call already in service always
   * runs to completion and holds its slot. @defaultValue 'serve'
   */
  abandoned?: 'serve' | 'drop';
}

/** Counters of a simulated dependency. */
export interface DependencyStats {
  /** Requests that reached the dependency (the load it sees, retries and hedges included). */
  arrivals: number;
  /** Calls answered with success, to a caller still waiting or not. */
  succeeded: number;
  /** Calls answered with an error (any kind). */
  failed: number;
  /** Calls whose caller had gone when the answer came (wasted work; seen only when callers pass their signal). */
  wasted: number;
  /** Calls in service now. */
  busy: number;
  /** Calls waiting for a slot now. */
  queued: number;
}

interface Job {
  readonly resolve: () => void;
  readonly reject: (error: unknown) => void;
  readonly signal: AbortSignal | undefined;
  readonly onAbort: () => void;
  /** Waiting for a slot, in service, failing fast, unanswered (blackhole), or dropped from the queue. */
  state: 'queued' | 'serving' | 'failing' | 'hung' | 'dropped';
  gone: boolean;
  timer: { cancel(): void } | undefined;
}

/** A simulated dependency; `call(signal)` is one request to it. */
export class SimDependency {
  readonly stats: DependencyStats = { arrivals: 0, succeeded: 0, failed: 0, wasted: 0, busy: 0, queued: 0 };
  private readonly start: number;
  private readonly workers: number;
  private readonly queueLimit: number;
  private readonly factor: Schedule;
  private readonly errorRate: Schedule;
  private readonly failLatency: number;
  private readonly queue: Job[] = [];
  private queueHead = 0;

  constructor(private readonly o: DependencyOptions) {
    this.start = o.start ?? o.clock.now();
    this.workers = o.workers ?? Infinity;
    this.queueLimit = o.queueLimit ?? Infinity;
    this.factor = toSchedule(o.latencyFactor ?? 1);
    this.errorRate = toSchedule(o.errorRate ?? 0);
    this.failLatency = o.failLatency ?? 1;
  }

  /**
   * Whether the caller's abort changes anything here: only when abandoned queued calls are
   * dropped. Otherwise the server (like most) works on regardless, and the caller is answered
   * by resile, which abandons an aborted attempt at once.
   */
  get needsSignal(): boolean {
    return this.o.abandoned === 'drop';
  }

  /** Requests that reached the dependency so far. */
  get arrivals(): number {
    return this.stats.arrivals;
  }

  /** One request; rejects at once with `signal.reason` when the caller aborts. */
  call(signal?: AbortSignal): Promise<void> {
    this.stats.arrivals++;
    return new Promise<void>((resolve, reject) => {
      if (signal?.aborted === true) {
        reject(signal.reason as unknown);
        return;
      }
      const job: Job = {
        resolve,
        reject,
        signal,
        state: 'hung',
        gone: false,
        timer: undefined,
        onAbort: () => {
          this.abandon(job);
        },
      };
      signal?.addEventListener('abort', job.onAbort, { once: true });
      const t = this.o.clock.now() - this.start;
      const outage = this.o.outages?.find((x) => t >= x.from && t < x.to);
      if (outage !== undefined) {
        if (outage.mode === 'refuse') this.failAfter(job, 'refused');
        return; // blackhole: only the caller's abort ends it
      }
      if (this.stats.busy < this.workers) this.serve(job);
      else if (this.stats.queued >= this.queueLimit) this.failAfter(job, 'overloaded');
      else {
        job.state = 'queued';
        this.queue.push(job);
        this.stats.queued++;
      }
    });
  }

  private failAfter(job: Job, kind: DependencyErrorKind): void {
    job.state = 'failing';
    job.timer = this.o.clock.setTimer(this.failLatency, () => {
      this.stats.failed++;
      this.answer(job, new DependencyError(kind));
    });
  }

  private serve(job: Job): void {
    job.state = 'serving';
    this.stats.busy++;
    const t = this.o.clock.now() - this.start;
    const ms = this.o.latency(this.o.random) * this.factor(t);
    const fails = this.o.random() < this.errorRate(t);
    job.timer = this.o.clock.setTimer(ms, () => {
      this.stats.busy--;
      if (fails) this.stats.failed++;
      else this.stats.succeeded++;
      this.answer(job, fails ? new DependencyError('error') : undefined);
      this.next();
    });
  }

  private answer(job: Job, error: DependencyError | undefined): void {
    if (job.gone) {
      this.stats.wasted++;
      return;
    }
    job.signal?.removeEventListener('abort', job.onAbort);
    if (error === undefined) job.resolve();
    else job.reject(error);
  }

  private next(): void {
    while (this.queueHead < this.queue.length && this.stats.busy < this.workers) {
      const job = this.queue[this.queueHead] as Job;
      this.queue[this.queueHead++] = undefined as unknown as Job;
      if (job.state !== 'queued') continue; // dropped when its caller gave up
      this.stats.queued--;
      this.serve(job);
    }
    // Reclaim the consumed prefix now and then, so the queue array does not grow without bound.
    if (this.queueHead > 4096 && this.queueHead * 2 > this.queue.length) {
      this.queue.splice(0, this.queueHead);
      this.queueHead = 0;
    }
  }

  /** The caller gave up: it is answered now; the server side goes on as `abandoned` says. */
  private abandon(job: Job): void {
    if (job.gone) return;
    job.gone = true;
    job.reject(job.signal?.reason as unknown);
    if (job.state === 'queued' && this.o.abandoned === 'drop') {
      job.state = 'dropped';
      this.stats.queued--;
    } else if (job.state === 'serving' && this.workers === Infinity) {
      // With unlimited workers nothing observable depends on the abandoned work: skip its timer.
      job.timer?.cancel();
      this.stats.busy--;
      this.stats.wasted++;
    }
  }
}
