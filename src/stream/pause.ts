import type { HealthChangeEvent } from '../core/telemetry/events.js';
import { typeError } from '../core/validate.js';

/**
 * A block with a backpressure signal (`CircuitBreaker`, `Bulkhead`, `RateLimiter`,
 * `AdaptiveLimiter`): it reports `degraded`/`healthy` on transitions only.
 */
export interface HealthSource {
  onHealthChange(listener: (event: Pick<HealthChangeEvent, 'state'>) => void): () => void;
}

/** Validates a `pauseWhen` option: one health source or an array of them. */
export function checkPauseWhen(owner: string, value: unknown): readonly HealthSource[] {
  const list: unknown[] = Array.isArray(value) ? value : [value];
  for (const item of list) {
    if (typeof item !== 'object' || item === null || typeof (item as Partial<HealthSource>).onHealthChange !== 'function') {
      typeError(owner, 'pauseWhen', 'a block with onHealthChange, or an array of them', value);
    }
  }
  return list as HealthSource[];
}

/**
 * Follows the health of some blocks: `paused` while any of them is degraded. It learns the state
 * from transitions, so it assumes healthy until told otherwise. `onResume` runs when the last
 * degraded block recovers.
 */
export class PauseGate {
  private readonly degraded = new Set<HealthSource>();
  private readonly unsubscribes: (() => void)[];

  constructor(sources: readonly HealthSource[], onResume: () => void) {
    this.unsubscribes = sources.map((source) =>
      source.onHealthChange((event) => {
        if (event.state === 'degraded') {
          this.degraded.add(source);
        } else if (this.degraded.delete(source) && this.degraded.size === 0) {
          onResume();
        }
      }),
    );
  }

  /** True while any source is degraded. */
  get paused(): boolean {
    return this.degraded.size > 0;
  }

  /** Unsubscribes from every source. */
  dispose(): void {
    for (const unsubscribe of this.unsubscribes.splice(0)) unsubscribe();
  }
}
