import { systemClock, type Clock } from '../core/clock.js';
import type { Instrumenter } from '../core/telemetry/instrumenter.js';
import type { Telemetry } from '../core/telemetry/telemetry.js';
import { typeError } from '../core/validate.js';
import { toTelemetry } from '../instrument/instrument.js';
import { checkClock } from './call-options.js';

/** Options every stateful building block accepts. */
export interface BlockOptions {
  /** Telemetry label of the block (also the `source` of its rejections). */
  name?: string;
  /** Time source. @defaultValue the system clock */
  clock?: Clock;
  /** Receives the block's events, also those outside any `execute` call. */
  instrumenter?: Instrumenter | readonly Instrumenter[];
}

/** Validated {@link BlockOptions}. */
export interface NormalizedBlock {
  readonly name: string | undefined;
  readonly clock: Clock;
  readonly telemetry: Telemetry | undefined;
}

/** Validates the options shared by every block for `owner` (e.g. `Bulkhead`). */
export function normalizeBlock(owner: string, o: BlockOptions): NormalizedBlock {
  if (o.name !== undefined && typeof o.name !== 'string') typeError(owner, 'name', 'a string', o.name);
  return {
    name: o.name,
    clock: o.clock === undefined ? systemClock : checkClock(owner, o.clock),
    telemetry: o.instrumenter === undefined ? undefined : toTelemetry(owner, o.instrumenter),
  };
}
