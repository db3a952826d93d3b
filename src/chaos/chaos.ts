import type { ExecutionContext } from '../core/context.js';
import type { Random } from '../core/random.js';
import { sleep } from '../core/sleep.js';
import type { Next, Strategy } from '../policy/strategy.js';
import { normalizeChaos, type ChaosConfig, type NormalizedChaos } from './options.js';

/**
 * Injects faults in front of the work inside it: first, with `latencyProbability`, a delay of
 * `latency` ms (aborted with the attempt's signal, skipped under the testing bypass); then, with
 * `errorProbability`, a failure with `error` instead of running the work. Placed innermost, an
 * injected error looks to the circuit breaker and the retry loop exactly like a real one. A random
 * number is drawn only for faults whose probability is above zero, so seeded runs replay exactly.
 */
export class ChaosStrategy implements Strategy {
  readonly kind = 'chaos';

  constructor(readonly config: NormalizedChaos) {}

  run(ctx: ExecutionContext, next: Next): Promise<unknown> {
    const c = this.config;
    const random = c.random ?? ctx.random;
    const delay = c.latencyProbability > 0 && random() < c.latencyProbability && !ctx.bypass ? c.latency : 0;
    if (delay === 0) return this.maybeFail(ctx, next, random);
    ctx.telemetry?.emit('onChaos', { at: ctx.clock.now(), name: c.name ?? ctx.name, execution: ctx.execution, kind: 'latency', latencyMs: delay });
    return sleep(ctx.clock, delay, ctx.scope).then(() => this.maybeFail(ctx, next, random));
  }

  private maybeFail(ctx: ExecutionContext, next: Next, random: Random): Promise<unknown> {
    const c = this.config;
    if (!(c.errorProbability > 0 && random() < c.errorProbability)) return next(ctx);
    ctx.telemetry?.emit('onChaos', { at: ctx.clock.now(), name: c.name ?? ctx.name, execution: ctx.execution, kind: 'error' });
    try {
      return Promise.reject(c.makeError(ctx));
    } catch (thrown) {
      return Promise.reject(thrown);
    }
  }
}

/** A chaos strategy: put it innermost so injected faults look like real ones to everything outside. */
export function chaos(config: ChaosConfig): ChaosStrategy {
  return new ChaosStrategy(normalizeChaos('chaos', config));
}
