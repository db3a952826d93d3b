import type { Clock } from '../core/clock.js';
import type { ExecutionContext } from '../core/context.js';
import { ShedLoadError } from '../core/errors/shed-load-error.js';
import { HealthSignal } from '../core/health.js';
import { Listeners } from '../core/listeners.js';
import { Priority } from '../core/priority.js';
import { emitBlockEvent } from '../core/telemetry/block-events.js';
import type { HealthChangeEvent, LimitChangeEvent } from '../core/telemetry/events.js';
import type { Telemetry } from '../core/telemetry/telemetry.js';
import { typeError } from '../core/validate.js';
import { runHolding } from '../policy/hold.js';
import { runStandalone, type BlockAction } from '../policy/standalone.js';
import type { Next, Strategy } from '../policy/strategy.js';
import type { LimitAlgorithm, WindowSummary } from './algorithms/algorithm.js';
import { normalizeAdaptiveLimiter, type AdaptiveLimiterOptions } from './options.js';
import { AdaptivePermit, type PermitOutcome } from './permit.js';
import { addDrop, addSample, isComplete, openWindow, summarize, type SampleWindow, type WindowRule } from './window.js';

// The limit may grow only when a window saw at least this share of it in use: a limit nobody
// reaches says nothing about what the dependency can take (the Go original grew it while idle).
const GROWTH_USAGE = 0.5;

/**
 * A concurrency limit that adapts to the dependency's latency. The mechanics live here (permits,
 * in-flight count, RTT measured with the injected clock, sample windows); the decision is a pure
 * {@link LimitAlgorithm} (Vegas- or Gradient2-style) called once per window, so the limit
 * changes at most once per window. It grows only while used, stays within
 * `[minLimit, maxLimit]`, and a call beyond it is rejected with `ShedLoadError`.
 */
export class AdaptiveLimiter implements Strategy {
  readonly kind = 'adaptive-limit';
  /** Lower bound of the limit. */
  readonly minLimit: number;
  /** Upper bound of the limit. */
  readonly maxLimit: number;
  /** Telemetry label. */
  readonly name: string | undefined;
  /** Name of the algorithm in use. */
  readonly algorithm: string;
  private estimate: number;
  private current: number;
  private running = 0;
  private window: SampleWindow;
  private state: unknown;
  private readonly update: LimitAlgorithm['update'];
  private readonly rule: WindowRule;
  private readonly clock: Clock;
  private readonly telemetry: Telemetry | undefined;
  private readonly isOverload: (error: unknown) => boolean;
  private readonly listeners: Listeners<LimitChangeEvent>;
  private readonly health: HealthSignal;
  private readonly settle = (permit: AdaptivePermit, outcome: PermitOutcome): void => {
    this.onSettled(permit, outcome);
  };

  /** An adaptive limiter; see {@link AdaptiveLimiterOptions} for defaults. */
  constructor(options?: AdaptiveLimiterOptions) {
    const o = normalizeAdaptiveLimiter(options);
    this.minLimit = o.minLimit;
    this.maxLimit = o.maxLimit;
    this.name = o.name;
    this.algorithm = o.algorithm.name;
    this.estimate = o.initialLimit;
    this.current = o.initialLimit;
    this.update = o.algorithm.update.bind(o.algorithm);
    this.state = o.algorithm.initial();
    this.rule = { windowMs: o.windowMs, minSamples: o.minSamples };
    this.clock = o.clock;
    this.telemetry = o.telemetry;
    this.isOverload = o.isOverload;
    this.window = openWindow(o.clock.now());
    this.listeners = new Listeners((error, event) => {
      this.telemetry?.report('onLimitChange', event, error);
    });
    this.health = new HealthSignal('adaptive-limiter', o.name, o.clock, o.telemetry);
  }

  /** The current concurrency limit. */
  get limit(): number {
    return this.current;
  }

  /** Calls holding a permit now. */
  get inFlight(): number {
    return this.running;
  }

  /** Subscribes to limit changes (`{ name, from, to, at }`); returns the unsubscribe function. */
  onLimitChange(listener: (event: LimitChangeEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  /** Subscribes to backpressure: `degraded` after the limit shrank, `healthy` after it grew. */
  onHealthChange(listener: (event: HealthChangeEvent) => void): () => void {
    return this.health.subscribe(listener);
  }

  /** A permit if a call may start now (report its outcome on the permit), else `undefined`. */
  tryAcquire(): AdaptivePermit | undefined {
    if (this.running >= this.current) {
      this.reportShed(undefined);
      return undefined;
    }
    return this.grant(undefined);
  }

  /** Runs `fn` under the limit (a rejection is `ShedLoadError`); always returns a promise. */
  execute<T>(fn: BlockAction<T>, signal?: AbortSignal): Promise<T> {
    return runStandalone('AdaptiveLimiter.execute', this, this.clock, fn, signal);
  }

  /** Strategy entry point: one permit for everything inside; success is a sample, overload a drop. */
  run(ctx: ExecutionContext, next: Next): Promise<unknown> {
    if (this.running >= this.current) {
      this.reportShed(ctx);
      return Promise.reject(new ShedLoadError(`load shed: concurrency limit reached (${String(this.current)} in flight)`, { source: this.name ?? this.kind }));
    }
    const permit = this.grant(ctx);
    return runHolding(
      ctx,
      next,
      () => {
        permit.success();
      },
      (error: unknown) => {
        this.classify(ctx, permit, error);
      },
    );
  }

  private grant(ctx: ExecutionContext | undefined): AdaptivePermit {
    return new AdaptivePermit(this.settle, this.clock.now(), ++this.running, ctx);
  }

  // Cancellations never count as drops: the caller left, the dependency did not refuse.
  private classify(ctx: ExecutionContext, permit: AdaptivePermit, error: unknown): void {
    if (ctx.scope?.aborted === true) {
      permit.ignore();
      return;
    }
    let overload = false;
    try {
      overload = this.isOverload(error);
    } catch {
      // A broken classifier must not break the call; the outcome just teaches nothing.
    }
    if (overload) permit.dropped();
    else permit.ignore();
  }

  private onSettled(permit: AdaptivePermit, outcome: PermitOutcome): void {
    this.running--;
    if (outcome === 'ignore') return;
    const now = this.clock.now();
    this.window = outcome === 'success' ? addSample(this.window, now - permit.startedAt, permit.inFlight) : addDrop(this.window, permit.inFlight);
    if (!isComplete(this.window, now, this.rule)) return;
    const summary = summarize(this.window);
    this.window = openWindow(now);
    const result = this.update(this.state, summary, this.estimate);
    this.state = result.state;
    this.apply(result.limit, summary, permit.ctx);
  }

  private apply(proposed: number, summary: WindowSummary, ctx: ExecutionContext | undefined): void {
    if (!Number.isFinite(proposed)) return;
    let next = proposed;
    if (next > this.estimate && summary.maxInFlight < this.estimate * GROWTH_USAGE) next = this.estimate;
    next = Math.min(this.maxLimit, Math.max(this.minLimit, next));
    this.estimate = next;
    const from = this.current;
    const to = Math.floor(next);
    if (to === from) return;
    this.current = to;
    if (to < from) this.health.set('degraded', 'concurrency limit decreased');
    else this.health.set('healthy', 'concurrency limit increased');
    if (this.listeners.size === 0 && this.telemetry === undefined && ctx?.telemetry === undefined) return;
    const event: LimitChangeEvent = { at: this.clock.now(), name: this.name ?? ctx?.name, execution: ctx?.execution, from, to };
    this.listeners.emit(event);
    emitBlockEvent(this.telemetry, ctx, 'onLimitChange', () => event);
  }

  private reportShed(ctx: ExecutionContext | undefined): void {
    emitBlockEvent(this.telemetry, ctx, 'onShedLoad', () => ({
      at: this.clock.now(),
      name: this.name ?? ctx?.name,
      execution: ctx?.execution,
      priority: ctx?.priority ?? Priority.Standard,
      reason: 'adaptive-limit',
    }));
  }
}

/** The adaptive concurrency strategy for a shared limiter. */
export function adaptiveLimit(al: AdaptiveLimiter): AdaptiveLimiter {
  if (!(al instanceof AdaptiveLimiter)) typeError('adaptiveLimit', 'al', 'an AdaptiveLimiter', al);
  return al;
}
