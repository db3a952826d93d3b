import { systemClock, type Clock } from '../core/clock.js';
import type { Instrumenter } from '../core/telemetry/instrumenter.js';
import type { Telemetry } from '../core/telemetry/telemetry.js';
import { typeError } from '../core/validate.js';
import { toTelemetry } from '../instrument/instrument.js';
import { checkClock } from './call-options.js';

/** Options every stateful block (breaker, throttle, ...) takes. */
export interface BlockOptions {
  /** Telemetry label. */
  name?: string;
  /** Time source. @defaultValue the system clock */
  clock?: Clock;
  /** Receives the block's events, also those outside any call. */
  instrumenter?: Instrumenter | readonly Instrumenter[];
}

/** Validates the options every block takes, for `owner`. */
export function blockBasics(owner: string, o: BlockOptions): { name: string | undefined; clock: Clock; telemetry: Telemetry | undefined } {
  if (o.name !== undefined && typeof o.name !== 'string') typeError(owner, 'name', 'a string', o.name);
  return {
    name: o.name,
    clock: o.clock === undefined ? systemClock : checkClock(owner, o.clock),
    telemetry: o.instrumenter === undefined ? undefined : toTelemetry(owner, o.instrumenter),
  };
}
