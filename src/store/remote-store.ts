import type { Clock } from '../core/clock.js';
import { StoreUnavailableError } from '../core/errors/store-unavailable-error.js';
import type { StoreErrorMode } from '../core/telemetry/events.js';
import type { Telemetry } from '../core/telemetry/telemetry.js';
import type { BudgetConfig } from '../budget/options.js';
import type { BreakerConfig } from '../circuit/options.js';
import type { BucketConfig } from '../rate-limit/token-bucket.js';
import { Outage } from './outage.js';
import {
  STORE_UNAVAILABLE,
  type BudgetDecision,
  type FleetView,
  type OutcomeReport,
  type ProbeVerdict,
  type Store,
  type StoreAnswer,
  type TokenDecision,
} from './store.js';

/** The raw operations of a remote store: one round trip each, `now` from the caller's clock. */
export interface RemoteBackend {
  bucket(name: string, key: string | undefined, config: BucketConfig): { take(n: number, now: number): Promise<TokenDecision> };
  budget(name: string, config: BudgetConfig): { update(successes: number, spend: boolean, now: number): Promise<BudgetDecision> };
  breaker(
    name: string,
    config: BreakerConfig,
  ): {
    sync(report: OutcomeReport, now: number): Promise<FleetView>;
    acquireProbe(holder: string, now: number): Promise<FleetView>;
    releaseProbe(holder: string, verdict: ProbeVerdict, now: number): Promise<FleetView>;
    force(phase: 'closed' | 'isolated', now: number): Promise<FleetView>;
  };
}

/** How a remote store treats time and failures. */
export interface RemoteStoreSettings {
  /** Telemetry label of the store's events. */
  readonly label: string | undefined;
  readonly onStoreError: StoreErrorMode;
  /** Longest wait for one operation, in ms, on the caller's clock. */
  readonly storeTimeout: number;
  readonly flushInterval: number;
  readonly probeLease: number;
  /** During an outage, how often one operation tries the store again, in ms. */
  readonly recheckInterval: number;
  readonly telemetry: Telemetry | undefined;
}

/**
 * A {@link Store} over a remote backend: every operation waits at most `storeTimeout` (a timer
 * on the caller's clock, cancelled as soon as the answer comes), never rejects, and answers
 * `STORE_UNAVAILABLE` on failure or timeout so the block applies `onStoreError`. A late answer
 * or rejection is still observed, so a dead connection cannot cause an unhandled rejection.
 */
export function remoteStore(backend: RemoteBackend, settings: RemoteStoreSettings): Store {
  const outage = new Outage(settings.label, settings.onStoreError, settings.recheckInterval, settings.telemetry);
  const timeout = settings.storeTimeout;
  const message = `store did not answer within ${String(timeout)} ms`;

  function guarded<T>(clock: Clock, run: (now: number) => Promise<T>): StoreAnswer<T> {
    const now = clock.now();
    if (!outage.admit(now)) return STORE_UNAVAILABLE;
    let work: Promise<T>;
    try {
      work = run(now);
    } catch (error) {
      outage.failed(error, now);
      return STORE_UNAVAILABLE;
    }
    return new Promise<T | typeof STORE_UNAVAILABLE>((resolve) => {
      let settled = false;
      const timer = clock.setTimer(timeout, () => {
        settled = true;
        outage.failed(new StoreUnavailableError(message), clock.now());
        resolve(STORE_UNAVAILABLE);
      });
      work.then(
        (value) => {
          if (settled) return;
          settled = true;
          timer.cancel();
          outage.succeeded(clock.now());
          resolve(value);
        },
        (error: unknown) => {
          if (settled) return;
          settled = true;
          timer.cancel();
          outage.failed(error, clock.now());
          resolve(STORE_UNAVAILABLE);
        },
      );
    });
  }

  return Object.freeze({
    onStoreError: settings.onStoreError,
    flushInterval: settings.flushInterval,
    probeLease: settings.probeLease,
    bucket(name: string, key: string | undefined, config: BucketConfig) {
      const raw = backend.bucket(name, key, config);
      return { take: (n: number, clock: Clock) => guarded(clock, (now) => raw.take(n, now)) };
    },
    budget(name: string, config: BudgetConfig) {
      const raw = backend.budget(name, config);
      return { update: (successes: number, spend: boolean, clock: Clock) => guarded(clock, (now) => raw.update(successes, spend, now)) };
    },
    breaker(name: string, config: BreakerConfig) {
      const raw = backend.breaker(name, config);
      return {
        sync: (report: OutcomeReport, clock: Clock) => guarded(clock, (now) => raw.sync(report, now)),
        acquireProbe: (holder: string, clock: Clock) => guarded(clock, (now) => raw.acquireProbe(holder, now)),
        releaseProbe: (holder: string, verdict: ProbeVerdict, clock: Clock) => guarded(clock, (now) => raw.releaseProbe(holder, verdict, now)),
        force: (phase: 'closed' | 'isolated', clock: Clock) => guarded(clock, (now) => raw.force(phase, now)),
      };
    },
  });
}
