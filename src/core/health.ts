import type { Clock } from './clock.js';
import { Listeners } from './listeners.js';
import type { HealthChangeEvent } from './telemetry/events.js';
import type { Telemetry } from './telemetry/telemetry.js';

/** Backpressure state of a block. */
export type HealthState = 'healthy' | 'degraded';

/**
 * Tracks a block's health and tells listeners (and its instrumenter) on transitions only, so a
 * producer can slow down before it is rejected without being flooded by repeats.
 */
export class HealthSignal {
  private state: HealthState = 'healthy';
  private readonly listeners: Listeners<HealthChangeEvent>;

  constructor(
    private readonly component: string,
    private readonly name: string | undefined,
    private readonly clock: Clock,
    private readonly telemetry: Telemetry | undefined,
  ) {
    this.listeners = new Listeners((error, event) => {
      this.telemetry?.report('onHealthChange', event, error);
    });
  }

  /** The current state. */
  get current(): HealthState {
    return this.state;
  }

  /** Number of subscribed listeners (a block may keep a recovery timer only while someone waits for it). */
  get listenerCount(): number {
    return this.listeners.size;
  }

  /** Subscribes to transitions; returns the unsubscribe function. */
  subscribe(listener: (event: HealthChangeEvent) => void): () => void {
    return this.listeners.add(listener);
  }

  /** Moves to `state`; emits only when it differs from the current one. */
  set(state: HealthState, reason: string): void {
    if (state === this.state) return;
    this.state = state;
    if (this.listeners.size === 0 && this.telemetry === undefined) return;
    const event: HealthChangeEvent = { at: this.clock.now(), name: this.name, component: this.component, state, reason };
    this.listeners.emit(event);
    this.telemetry?.emit('onHealthChange', event);
  }
}
