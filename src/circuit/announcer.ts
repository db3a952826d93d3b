import type { Clock } from '../core/clock.js';
import type { ExecutionContext } from '../core/context.js';
import { HealthSignal } from '../core/health.js';
import { Listeners } from '../core/listeners.js';
import { emitBlockEvent } from '../core/telemetry/block-events.js';
import type { HealthChangeEvent } from '../core/telemetry/events.js';
import type { Telemetry } from '../core/telemetry/telemetry.js';
import type { CircuitState } from './state.js';

/** What `onStateChange` listeners receive. */
export interface CircuitStateChange {
  readonly name: string | undefined;
  readonly from: CircuitState;
  readonly to: CircuitState;
  /** When the transition happened (epoch ms, from the breaker's clock). */
  readonly at: number;
}

const HEALTH_REASONS: Record<CircuitState, string> = {
  closed: 'circuit closed',
  open: 'circuit opened',
  'half-open': 'circuit half-open',
  isolated: 'circuit isolated',
};

/**
 * Tells everyone who listens about a committed breaker transition: the health signal, the
 * breaker's and the current call's instrumenters, and `onStateChange` listeners, whose failures
 * are reported as telemetry and never reach the breaker or the call.
 */
export class Announcer {
  private readonly listeners: Listeners<CircuitStateChange>;
  private readonly health: HealthSignal;
  // The call whose outcome caused the transition being announced, so a throwing listener is
  // also reported to that call's instrumenters.
  private announcing: ExecutionContext | undefined = undefined;

  constructor(
    private readonly name: string | undefined,
    clock: Clock,
    private readonly telemetry: Telemetry | undefined,
  ) {
    this.listeners = new Listeners((error, event) => {
      this.telemetry?.report('onStateChange', event, error);
      const call = this.announcing?.telemetry;
      if (call !== undefined && call !== this.telemetry) call.report('onStateChange', event, error);
    });
    this.health = new HealthSignal('circuit-breaker', name, clock, telemetry);
  }

  /** Adds an `onStateChange` listener. */
  onStateChange(listener: (change: CircuitStateChange) => unknown): () => void {
    return this.listeners.add(listener);
  }

  /** Adds an `onHealthChange` listener. */
  onHealthChange(listener: (event: HealthChangeEvent) => void): () => void {
    return this.health.subscribe(listener);
  }

  /** Announces `from → to` (nothing when they are equal). */
  announce(from: CircuitState, to: CircuitState, at: number, ctx: ExecutionContext | undefined): void {
    if (from === to) return;
    // Health first: a listener that changes the state again (say, `reset()` on open) announces
    // that change from inside, and its health must be the one that stays.
    this.health.set(to === 'closed' ? 'healthy' : 'degraded', HEALTH_REASONS[to]);
    emitBlockEvent(this.telemetry, ctx, 'onCircuitStateChange', () => ({ at, name: this.name, execution: ctx?.execution, from, to }));
    if (this.listeners.size === 0) return;
    const outer = this.announcing;
    this.announcing = ctx;
    this.listeners.emit({ name: this.name, from, to, at });
    this.announcing = outer;
  }
}
