import type { ExecutionContext } from '../core/context.js';
import type { Instrumenter } from '../core/telemetry/instrumenter.js';
import { Telemetry } from '../core/telemetry/telemetry.js';
import { typeError } from '../core/validate.js';
import type { Next, Strategy } from '../policy/strategy.js';

/** Normalises an `instrumenter` option (one or an array) for `owner`. */
export function toTelemetry(owner: string, value: unknown): Telemetry | undefined {
  const list: unknown[] = Array.isArray(value) ? value : [value];
  for (const item of list) {
    if (typeof item !== 'object' || item === null) {
      typeError(owner, 'instrumenter', 'an Instrumenter object or an array of them', value);
    }
  }
  return Telemetry.of(list as Instrumenter[]);
}

/**
 * Delivers the events of everything inside it to the given instrumenters. The outermost
 * instrument strategy of a call also reports the execution's start and end.
 */
export class InstrumentStrategy implements Strategy {
  readonly kind = 'instrument';

  constructor(readonly telemetry: Telemetry | undefined) {}

  run(ctx: ExecutionContext, next: Next): Promise<unknown> {
    const own = this.telemetry?.forCall();
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
