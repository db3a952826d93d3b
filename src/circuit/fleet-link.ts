import type { Clock, TimerHandle } from '../core/clock.js';
import type { Random } from '../core/random.js';
import type { StoreErrorMode } from '../core/telemetry/events.js';
import { whenAnswered } from '../store/answer.js';
import { STORE_UNAVAILABLE, type BreakerStore, type FleetView, type ProbeVerdict, type StoreAnswer } from '../store/store.js';
import { OutcomeBatch } from './outcome-batch.js';
import type { BreakerState, CircuitState } from './state.js';

/**
 * How the breaker treats the next call: by the fleet's rules, by its own (store down, `'local'`),
 * as `onStoreError` says, refused (another process probes), after asking for the probe lease, or
 * after the first answer (a process that never heard from the fleet does not guess its state).
 */
export type FleetRoute = 'fleet' | 'local' | 'allow' | 'deny' | 'busy' | 'acquire' | 'wait';

/** What the link needs from its breaker. */
export interface FleetHost {
  /** The breaker's local state (its view of the fleet). */
  state(): BreakerState;
  /** Moves the breaker to the fleet's phase and announces the change. */
  adoptPhase(view: FleetView, now: number): void;
}

/** How the link talks to its store. */
export interface FleetSettings {
  readonly mode: StoreErrorMode;
  readonly flushInterval: number;
  readonly probeLease: number;
  /** Counted outcomes kept in order (a count window's size, else 0). */
  readonly keepOutcomes: number;
}

/**
 * Connects one process's breaker to the fleet's. Closed, calls never wait: outcomes are batched
 * and reported at most once per `flushInterval`, and every report brings the fleet's state back
 * (a call also polls when the last report is older than that); only the calls made before the
 * first answer ever reached the store wait for it. Half-open, a call waits for the
 * probe lease (one round trip); only the holder admits probes, and its verdict is reported at
 * once. When the store is unavailable the breaker runs on its own state (`'local'`) or as
 * `onStoreError` says, and the fleet's state wins again on the first answer.
 */
export class FleetLink {
  private readonly batch: OutcomeBatch;
  private readonly holder: string;
  private knownEpoch = -1;
  private lastSync = -Infinity;
  private flushing: Promise<void> | undefined = undefined;
  private inFlight = false;
  private timer: TimerHandle | undefined = undefined;
  private down = false;
  private leaseUntil = 0;
  private busyUntil = 0;
  private acquiring: Promise<void> | undefined = undefined;

  constructor(
    private readonly handle: BreakerStore,
    private readonly settings: FleetSettings,
    private readonly clock: Clock,
    private readonly host: FleetHost,
    random: Random,
  ) {
    this.batch = new OutcomeBatch(settings.keepOutcomes);
    this.holder = `${Math.floor(random() * 2 ** 48).toString(36)}.${Math.floor(random() * 2 ** 48).toString(36)}`;
  }

  /** Decides how the next call is treated (the breaker has already moved an expired open state to half-open). */
  route(now: number): FleetRoute {
    if (this.down) return this.settings.mode;
    if (this.knownEpoch === -1) return 'wait';
    if (this.host.state().phase !== 'half-open' || this.leaseUntil > now) return 'fleet';
    if (this.acquiring !== undefined || now < this.busyUntil) return 'busy';
    return 'acquire';
  }

  /** Reports (and learns the fleet's state) when the last report is at least `flushInterval` old. */
  poll(now: number): void {
    if (!this.inFlight && now - this.lastSync >= this.settings.flushInterval) this.flush();
  }

  /** Resolves once the fleet's state is known (or the store failed). */
  firstAnswer(): Promise<void> {
    if (!this.inFlight) this.flush();
    return this.flushing ?? Promise.resolve();
  }

  /** Counts a closed-phase outcome for the fleet; false while the breaker runs on its own. */
  record(failed: boolean, slow: boolean): boolean {
    if (this.down) return false;
    this.batch.add(failed, slow);
    const interval = this.settings.flushInterval;
    if (interval === 0) this.flush();
    else if (this.timer === undefined && !this.inFlight) this.scheduleFlush();
    return true;
  }

  /** Asks for the probe lease; resolves once the answer has been applied. */
  acquire(): Promise<void> {
    const done = whenAnswered(this.handle.acquireProbe(this.holder, this.clock), (answer) => {
      this.acquiring = undefined;
      const now = this.clock.now();
      this.apply(answer, now);
      if (answer !== STORE_UNAVAILABLE && !answer.granted) this.busyUntil = now + Math.max(1, this.settings.flushInterval);
    });
    if (!(done instanceof Promise)) return Promise.resolve();
    this.acquiring = done;
    return done;
  }

  /**
   * After a probe settled: a lease holder leaving half-open reports its verdict to the fleet, and
   * one whose probes were all cancelled gives the lease back for another process.
   */
  probed(from: CircuitState, to: CircuitState, cancelled: boolean, probesInFlight: number): void {
    if (this.down || from !== 'half-open' || this.leaseUntil === 0) return;
    // Still half-open: keep the lease for the next probes, unless the last one was cancelled.
    if (to === 'half-open' && !(cancelled && probesInFlight === 0)) return;
    this.leaseUntil = 0;
    const verdict: ProbeVerdict = to === 'closed' ? 'closed' : to === 'open' ? 'open' : 'none';
    this.send(this.handle.releaseProbe(this.holder, verdict, this.clock));
  }

  /** Manual control for the whole fleet (`reset()`/`isolate()`). */
  force(phase: 'closed' | 'isolated'): void {
    this.leaseUntil = 0;
    this.batch.clear();
    this.send(this.handle.force(phase, this.clock));
  }

  /** Reports now (after a report in flight) and resolves once the fleet's state has been applied (or the store failed). */
  async sync(): Promise<void> {
    if (this.flushing !== undefined) await this.flushing;
    this.flush();
    if (this.flushing !== undefined) await this.flushing;
  }

  private scheduleFlush(): void {
    const wait = Math.max(0, this.lastSync + this.settings.flushInterval - this.clock.now());
    this.timer = this.clock.setTimer(wait, () => {
      this.timer = undefined;
      this.flush();
    });
  }

  private flush(): void {
    this.timer?.cancel();
    this.timer = undefined;
    if (this.inFlight) return;
    this.inFlight = true;
    const done = whenAnswered(this.handle.sync(this.batch.drain(this.knownEpoch), this.clock), (answer) => {
      this.inFlight = false;
      this.flushing = undefined;
      this.apply(answer, this.clock.now());
      if (this.batch.calls > 0 && !this.down && this.timer === undefined) this.scheduleFlush();
    });
    if (done instanceof Promise) this.flushing = done;
  }

  private send(answer: StoreAnswer<FleetView>): void {
    // Store answers never reject, so there is nothing to catch.
    void whenAnswered(answer, (a) => {
      this.apply(a, this.clock.now());
    });
  }

  private apply(answer: FleetView | typeof STORE_UNAVAILABLE, now: number): void {
    this.lastSync = now;
    if (answer === STORE_UNAVAILABLE) {
      if (this.down) return;
      // From now on the breaker runs on its own; whatever the fleet did meanwhile wins on return.
      this.down = true;
      this.knownEpoch = -1;
      this.leaseUntil = 0;
      this.batch.clear();
      return;
    }
    this.down = false;
    const s = this.host.state();
    if (answer.epoch !== this.knownEpoch) {
      // Outcomes counted under an older epoch are stale; before the first answer (knownEpoch -1)
      // they are not, unless the fleet turns out to be in another phase.
      const stale = this.knownEpoch !== -1;
      this.knownEpoch = answer.epoch;
      if (answer.phase !== s.phase || answer.phase === 'half-open') {
        this.batch.clear();
        this.host.adoptPhase(answer, now);
      } else {
        if (stale) this.batch.clear();
        if (answer.phase === 'open') s.openUntil = now + answer.openRemaining;
      }
    }
    if (answer.granted) this.leaseUntil = now + this.settings.probeLease;
    else if (s.phase !== 'half-open') this.leaseUntil = 0;
  }
}
