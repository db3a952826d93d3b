import type { Clock } from '../core/clock.js';
import type { ExecutionContext } from '../core/context.js';
import { StoreUnavailableError } from '../core/errors/store-unavailable-error.js';
import { classifyFailure, type CallOutcome } from '../core/outcome.js';
import { defaultRandom } from '../core/random.js';
import type { HealthChangeEvent } from '../core/telemetry/events.js';
import { checkOptionsObject, typeError } from '../core/validate.js';
import { normalizeBlock } from '../policy/block-options.js';
import { callNext } from '../policy/call-next.js';
import { runStandalone, type BlockAction } from '../policy/standalone.js';
import type { Next, Strategy } from '../policy/strategy.js';
import { checkStore } from '../store/answer.js';
import type { FleetView, Store } from '../store/store.js';
import { Announcer, type CircuitStateChange } from './announcer.js';
import { FleetLink } from './fleet-link.js';
import { checkIsFailure, normalizeBreaker, type BreakerConfig, type CircuitBreakerOptions } from './options.js';
import { parseSnapshot, takeSnapshot, type CircuitBreakerSnapshot } from './snapshot.js';
import { refusal } from './refusal.js';
import { createBreakerState, type BreakerState, type CircuitState } from './state.js';
import { adopt, admit, countClosed, isolate, observe, record, reset, trip, type Admission } from './transitions.js';

export type { CircuitStateChange } from './announcer.js';

/** Outcome handlers bound to one generation, shared by the calls that need nothing else. */
interface SharedHandlers {
  readonly generation: number;
  readonly ok: () => void;
  readonly err: (error: unknown) => void;
}

const OWNER = 'CircuitBreaker';

/**
 * A circuit breaker shared by the calls to one dependency. Closed, it counts outcomes in its
 * window and opens when the window trips; open, it refuses calls with `CircuitOpenError` until
 * `resetTimeout` has passed; half-open, it admits `halfOpenMaxCalls` probes at once and closes
 * after `successThreshold` successes (any failed probe re-opens it). Cancellations never count,
 * and results of calls that started before the last state change are ignored. No timer is kept:
 * open → half-open happens when the breaker is next used or read. With a `store`, the breaker is
 * the fleet's (see `FleetLink`): one shared window, opened for everyone, one probe lease.
 */
export class CircuitBreaker implements Strategy {
  readonly kind = 'circuit-breaker';
  /** Telemetry label. */
  readonly name: string | undefined;
  private readonly config: BreakerConfig;
  private readonly clock: Clock;
  private readonly isFailure: ((error: unknown) => boolean) | undefined;
  private readonly announcer: Announcer;
  private readonly timed: boolean;
  private readonly timeWindow: boolean;
  private s: BreakerState;
  private shared: SharedHandlers;
  private readonly fleet: FleetLink | undefined;

  constructor(options?: CircuitBreakerOptions) {
    const o = checkOptionsObject<CircuitBreakerOptions>(OWNER, options);
    this.config = normalizeBreaker(o);
    const { name, clock, telemetry } = normalizeBlock(OWNER, o);
    this.name = name;
    this.clock = clock;
    this.isFailure = checkIsFailure(o.isFailure);
    this.timed = this.config.slowCallThreshold !== Infinity;
    this.timeWindow = this.config.window === 'time';
    this.s = createBreakerState(this.config, this.clock.now());
    this.shared = this.handlersFor(this.s.generation);
    this.announcer = new Announcer(this.name, this.clock, telemetry);
    this.fleet = this.link(checkStore(OWNER, o.store, name));
  }

  private link(store: Store | undefined): FleetLink | undefined {
    if (store === undefined) return undefined;
    const config = this.config;
    const host = {
      state: () => this.s,
      adoptPhase: (view: FleetView, now: number) => {
        this.adoptFleet(view, now);
      },
    };
    const settings = {
      mode: store.onStoreError,
      flushInterval: store.flushInterval,
      probeLease: store.probeLease,
      keepOutcomes: config.window === 'count' ? config.windowSize : 0,
    };
    return new FleetLink(store.breaker(this.name as string, config), settings, this.clock, host, defaultRandom);
  }

  /** The current state (an open circuit whose reset timeout has passed reads as half-open). */
  get state(): CircuitState {
    this.observe();
    return this.s.phase;
  }

  /** Runs `fn` through the breaker; rejects with `CircuitOpenError` while it refuses calls. */
  execute<T>(fn: BlockAction<T>, signal?: AbortSignal): Promise<T> {
    return runStandalone(`${OWNER}.execute`, this, this.clock, fn, signal);
  }

  /** Calls `listener` after every state change (a rejected promise is reported like a throw); returns the unsubscribe function. */
  onStateChange(listener: (change: CircuitStateChange) => unknown): () => void {
    return this.announcer.onStateChange(listener);
  }

  /** Backpressure: `degraded` while not closed, `healthy` once closed (transitions only). */
  onHealthChange(listener: (event: HealthChangeEvent) => void): () => void {
    return this.announcer.onHealthChange(listener);
  }

  /** Holds the circuit open (calls fail with `CircuitOpenError`) until `reset()`; with a store, for the whole fleet. */
  isolate(): void {
    this.apply((s, now) => {
      isolate(s, now);
    });
    this.fleet?.force('isolated');
  }

  /** Closes the circuit with an empty window (results of calls in flight are ignored); with a store, for the whole fleet. */
  reset(): void {
    this.apply((s, now) => {
      reset(s, now);
    });
    this.fleet?.force('closed');
  }

  /**
   * With a store: reports this process's batched outcomes now and resolves with the fleet's state
   * (this process's state when the store is unavailable). Without one: resolves with `state`.
   */
  async sync(): Promise<CircuitState> {
    await this.fleet?.sync();
    return this.state;
  }

  /** The state and the window's counts, as a plain object `restore` accepts (also after JSON). */
  snapshot(): CircuitBreakerSnapshot {
    this.observe();
    return takeSnapshot(this.s, this.clock.now());
  }

  /** Replaces the state with a snapshot's (validated against this breaker's window). */
  restore(snapshot: CircuitBreakerSnapshot): void {
    const next = parseSnapshot(snapshot, this.config);
    const from = this.s.phase;
    next.generation = this.s.generation + 1;
    this.s = next;
    this.announce(from, this.clock.now(), undefined);
  }

  /** Runs the breaker as a layer of a policy (one sample per call of `next`). */
  run(ctx: ExecutionContext, next: Next): Promise<unknown> {
    // With a fleet, routing and admission read one `now`: an open state must not turn half-open
    // between them, or a probe would start without the lease.
    let now: number | undefined;
    if (this.fleet !== undefined) {
      now = this.clock.now();
      const routed = this.route(this.fleet, ctx, next, now);
      if (routed !== undefined) return routed;
    }
    const s = this.s;
    if (s.phase !== 'closed') {
      const admission = this.admitSlow(s, ctx, now ?? this.clock.now());
      if (!admission.allowed) return Promise.reject(refusal(this.name, admission));
    }
    const generation = s.generation;
    // A synchronous throw still settles the sample, so a probe slot can never leak.
    const work = callNext(next, ctx);
    if (ctx.scope === undefined && ctx.telemetry === undefined && !this.timed) {
      // Nothing call-specific to remember (no cancellation to tell apart, no call telemetry, no
      // timing): share this generation's handlers instead of allocating two closures per call.
      let shared = this.shared;
      if (shared.generation !== generation) shared = this.shared = this.handlersFor(generation);
      work.then(shared.ok, shared.err);
      return work;
    }
    const startedAt = this.timed ? this.clock.now() : 0;
    work.then(
      () => {
        this.settle(ctx, generation, startedAt, 'success');
      },
      (error: unknown) => {
        if (this.s.generation === generation) this.settle(ctx, generation, startedAt, classifyFailure(error, ctx.scope, this.isFailure));
      },
    );
    return work;
  }

  // The fleet's part of admission; `undefined` lets the call through the local rules.
  private route(fleet: FleetLink, ctx: ExecutionContext, next: Next, now: number): Promise<unknown> | undefined {
    this.observe(now);
    fleet.poll(now);
    switch (fleet.route(now)) {
      case 'fleet':
      case 'local':
        return undefined;
      case 'allow':
        return callNext(next, ctx);
      case 'deny':
        return Promise.reject(new StoreUnavailableError(`circuit "${this.name ?? ''}": store unavailable`, { source: this.name ?? this.kind }));
      case 'busy':
        return Promise.reject(refusal(this.name, { allowed: false, reason: 'half-open', retryAfter: undefined }));
      case 'acquire':
        // The answer decides: the lease (a probe), the fleet's new state, or the store's failure.
        return fleet.acquire().then(() => this.run(ctx, next));
      case 'wait':
        return fleet.firstAnswer().then(() => this.run(ctx, next));
    }
  }

  // Takes over a transition the fleet made (another process tripped the window, probed, reset...).
  private adoptFleet(view: FleetView, now: number): void {
    const from = this.s.phase;
    adopt(this.s, view.phase, now, now + view.openRemaining, view.reopens);
    this.announce(from, now, undefined);
  }

  private handlersFor(generation: number): SharedHandlers {
    return {
      generation,
      ok: () => {
        this.settle(undefined, generation, 0, 'success');
      },
      err: (error: unknown) => {
        if (this.s.generation === generation) this.settle(undefined, generation, 0, classifyFailure(error, undefined, this.isFailure));
      },
    };
  }

  private admitSlow(s: BreakerState, ctx: ExecutionContext, now: number): Admission {
    const from = s.phase;
    const generation = s.generation;
    const admission = admit(s, now, this.config);
    if (s.generation !== generation) this.announce(from, now, ctx);
    return admission;
  }

  private settle(ctx: ExecutionContext | undefined, generation: number, startedAt: number, outcome: CallOutcome): void {
    const s = this.s;
    if (s.generation !== generation) return;
    if (s.phase === 'closed') {
      if (outcome === 'cancelled') return;
      // The clock is read only when time matters: the hot path (a success in a consecutive or
      // count window without slow-call tripping) never reads it.
      const now = this.timeWindow || this.timed ? this.clock.now() : 0;
      const slow = this.timed && now - startedAt >= this.config.slowCallThreshold;
      const failed = outcome === 'failure';
      const tripped = countClosed(s, now, failed, slow, this.config);
      // With a reachable store the fleet's window decides; the local one is the fallback.
      if (this.fleet?.record(failed, slow) === true || !tripped) return;
      const at = this.timeWindow || this.timed ? now : this.clock.now();
      trip(s, at, this.config);
      this.announce('closed', at, ctx);
      return;
    }
    const now = this.clock.now();
    const slow = this.timed && outcome !== 'cancelled' && now - startedAt >= this.config.slowCallThreshold;
    const from = s.phase;
    record(s, now, outcome, slow, this.config);
    if (s.generation !== generation) this.announce(from, now, ctx);
    this.fleet?.probed(from, s.phase, outcome === 'cancelled', s.probes);
  }

  private observe(at?: number): void {
    const s = this.s;
    if (s.phase !== 'open') return;
    const now = at ?? this.clock.now();
    const generation = s.generation;
    observe(s, now);
    if (s.generation !== generation) this.announce('open', now, undefined);
  }

  private announce(from: CircuitState, at: number, ctx: ExecutionContext | undefined): void {
    this.announcer.announce(from, this.s.phase, at, ctx);
  }

  private apply(change: (s: BreakerState, now: number) => void): void {
    const now = this.clock.now();
    const from = this.s.phase;
    change(this.s, now);
    this.announce(from, now, undefined);
  }

}

/** A circuit breaker as a policy strategy: it sits inside a retry, one sample per attempt. */
export function circuitBreaker(breaker: CircuitBreaker): CircuitBreaker {
  return checkBreaker('circuitBreaker', 'breaker', breaker);
}

/** Validates a `CircuitBreaker` option for `owner`. */
export function checkBreaker(owner: string, option: string, value: unknown): CircuitBreaker {
  if (!(value instanceof CircuitBreaker)) typeError(owner, option, 'a CircuitBreaker', value);
  return value;
}
