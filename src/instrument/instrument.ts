import type { ExecutionContext } from '../core/context.js';
import type { Instrumenter } from '../core/telemetry/instrumenter.js';
import { Telemetry } from '../core/telemetry/telemetry.js';
import { typeError } from '../core/validate.js';
import type { Next, Strategy } from '../policy/strategy.js';

// Calls usually pass the same instrumenter (or array) every time: reuse its dispatcher.
const dispatchers = new WeakMap<object, Telemetry>();

// The last single instrumenter seen: most programs pass one, the same on every call.
let lastSingle: { readonly value: object; readonly telemetry: Telemetry } | undefined;

/** Normalises an `instrumenter` option (one or an array) for `owner`. */
export function toTelemetry(owner: string, value: unknown): Telemetry | undefined {
  const last = lastSingle;
  if (last !== undefined && value === last.value) return last.telemetry;
  const cached = typeof value === 'object' && value !== null ? dispatchers.get(value) : undefined;
  if (cached !== undefined && sameInstrumenters(cached, value)) return cached;
  const list: unknown[] = Array.isArray(value) ? value : [value];
  for (const item of list) {
    if (typeof item !== 'object' || item === null) {
      typeError(owner, 'instrumenter', 'an Instrumenter object or an array of them', value);
    }
  }
  const telemetry = Telemetry.of(list as Instrumenter[]);
  if (telemetry !== undefined) {
    dispatchers.set(value as object, telemetry);
    if (!Array.isArray(value)) lastSingle = { value: value as object, telemetry };
  }
  return telemetry;
}

// An array may have been changed since it was cached.
function sameInstrumenters(t: Telemetry, value: unknown): boolean {
  if (!Array.isArray(value)) return true;
  const known = t.instrumenters;
  return known.length === value.length && value.every((v, i) => v === known[i]);
}

/**
 * The instrument layer for a call's `instrumenter` option, or `undefined` when no instrumenter
 * listens to this call (none given, or every `enabled()` gate says no): then the call has no
 * telemetry layer at all.
 */
export function instrumentLayer(owner: string, value: unknown): InstrumentStrategy | undefined {
  const telemetry = toTelemetry(owner, value)?.forCall();
  return telemetry === undefined ? undefined : new InstrumentStrategy(telemetry, true);
}

/**
 * Delivers the events of everything inside it to the given instrumenters. The outermost
 * instrument strategy of a call also reports the execution's start and end.
 */
export class InstrumentStrategy implements Strategy {
  readonly kind = 'instrument';

  /** `gated`: the `enabled()` gates were already asked for this call. */
  constructor(
    readonly telemetry: Telemetry | undefined,
    private readonly gated = false,
  ) {}

  run(ctx: ExecutionContext, next: Next): Promise<unknown> {
    const own = this.gated ? this.telemetry : this.telemetry?.forCall();
    if (own === undefined) return next(ctx);
    const telemetry = Telemetry.merge(ctx.telemetry, own);
    if (ctx.execution !== undefined) return next(ctx.with({ telemetry }));
    const startedAt = ctx.clock.now();
    const execution = Object.freeze({ name: ctx.name, priority: ctx.priority, startedAt });
    const child = ctx.with({ telemetry, execution });
    telemetry?.emit('onExecutionStart', { at: startedAt, name: ctx.name, execution });
    const work = next(child);
    work.then(
      () => {
        const at = ctx.clock.now();
        telemetry?.emit('onExecutionEnd', { at, name: ctx.name, execution, outcome: 'success', durationMs: at - startedAt });
      },
      (error: unknown) => {
        const at = ctx.clock.now();
        telemetry?.emit('onExecutionEnd', { at, name: ctx.name, execution, outcome: 'failure', durationMs: at - startedAt, error });
      },
    );
    return work;
  }
}

/** A strategy that sends the events of everything inside it to `instrumenter` (one or many). */
export function instrument(instrumenter: Instrumenter | readonly Instrumenter[]): InstrumentStrategy {
  return new InstrumentStrategy(toTelemetry('instrument', instrumenter));
}
