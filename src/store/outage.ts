import type { StoreErrorMode } from '../core/telemetry/events.js';
import type { Telemetry } from '../core/telemetry/telemetry.js';

/**
 * Whether a remote store is reachable, learnt from the operations themselves. The first failure
 * starts an outage (one `onStoreUnavailable` event); while it lasts, operations answer
 * "unavailable" at once instead of each waiting out the timeout, except one probe operation per
 * `recheck` ms; the first success ends it (one `onStoreRecovered` event).
 */
export class Outage {
  private down = false;
  private since = 0;
  private probing = false;
  private nextProbe = 0;

  constructor(
    private readonly label: string | undefined,
    private readonly mode: StoreErrorMode,
    private readonly recheck: number,
    private readonly telemetry: Telemetry | undefined,
  ) {}

  /** True while an outage lasts. */
  get unavailable(): boolean {
    return this.down;
  }

  /** Whether an operation may go to the store now (always, unless an outage is on and this is not the time to probe). */
  admit(now: number): boolean {
    if (!this.down) return true;
    if (this.probing || now < this.nextProbe) return false;
    this.probing = true;
    return true;
  }

  /** An operation answered in time. */
  succeeded(now: number): void {
    this.probing = false;
    if (!this.down) return;
    this.down = false;
    this.telemetry?.emit('onStoreRecovered', { at: now, name: this.label, downtimeMs: now - this.since });
  }

  /** An operation failed or timed out. */
  failed(error: unknown, now: number): void {
    this.probing = false;
    this.nextProbe = now + this.recheck;
    if (this.down) return;
    this.down = true;
    this.since = now;
    this.telemetry?.emit('onStoreUnavailable', { at: now, name: this.label, error, mode: this.mode });
  }
}
