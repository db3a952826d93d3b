import type { Clock } from '../core/clock.js';
import type { ExecutionContext } from '../core/context.js';
import { ShedLoadError } from '../core/errors/shed-load-error.js';
import type { ResileErrorOptions } from '../core/errors/resile-error.js';
import { classifyFailure } from '../core/outcome.js';
import { defaultRandom, type Random } from '../core/random.js';
import { emitBlockEvent } from '../core/telemetry/block-events.js';
import type { Telemetry } from '../core/telemetry/telemetry.js';
import { checkOptionsObject, typeError } from '../core/validate.js';
import { normalizeBlock } from '../policy/block-options.js';
import { callNext } from '../policy/call-next.js';
import { runStandalone, type BlockAction } from '../policy/standalone.js';
import type { Next, Strategy } from '../policy/strategy.js';
import { normalizeThrottle, throttleHooks, type AdaptiveThrottleOptions, type ThrottleConfig } from './options.js';
import { countAccept, countRequest, createThrottleState, currentRejection, throttleCounts, type ThrottleState } from './throttle-window.js';

const OWNER = 'AdaptiveThrottle';

/**
 * Client-side adaptive throttling from the Google SRE book: when the backend accepts fewer than
 * one in `k` requests over the last `window` ms, new requests are rejected locally with
 * `ShedLoadError`, with probability `max(0, (requests − k·accepts) / (requests + 1))`, so a
 * struggling backend sheds load it would have rejected anyway, at no network cost. Requests are
 * counted before they are sent; cancellations never count as rejections by the backend.
 */
export class AdaptiveThrottle implements Strategy {
  readonly kind = 'adaptive-throttle';
  /** Telemetry label. */
  readonly name: string | undefined;
  private readonly config: ThrottleConfig;
  private readonly clock: Clock;
  private readonly random: Random;
  private readonly isFailure: ((error: unknown) => boolean) | undefined;
  private readonly telemetry: Telemetry | undefined;
  private readonly state: ThrottleState;

  constructor(options?: AdaptiveThrottleOptions) {
    const o = checkOptionsObject<AdaptiveThrottleOptions>(OWNER, options);
    this.config = normalizeThrottle(o);
    const { name, clock, telemetry } = normalizeBlock(OWNER, o);
    this.name = name;
    this.clock = clock;
    this.telemetry = telemetry;
    const hooks = throttleHooks(o);
    this.isFailure = hooks.isFailure;
    this.random = hooks.random ?? defaultRandom;
    this.state = createThrottleState(this.config);
  }

  /** Chance that a request sent now is rejected locally. */
  get rejectionProbability(): number {
    return currentRejection(this.state, this.clock.now(), this.config);
  }

  /** Requests counted in the window (including those rejected locally). */
  get requests(): number {
    return throttleCounts(this.state, this.clock.now()).requests;
  }

  /** Requests the backend accepted in the window. */
  get accepts(): number {
    return throttleCounts(this.state, this.clock.now()).accepts;
  }

  /** Runs `fn` unless the throttle rejects it locally (`ShedLoadError`). */
  execute<T>(fn: BlockAction<T>, signal?: AbortSignal): Promise<T> {
    return runStandalone(`${OWNER}.execute`, this, this.clock, fn, signal);
  }

  /** Runs the throttle as a layer of a policy (one request per call of `next`). */
  run(ctx: ExecutionContext, next: Next): Promise<unknown> {
    const now = this.clock.now();
    const p = currentRejection(this.state, now, this.config);
    countRequest(this.state, now);
    if (p > 0 && this.random() < p) return Promise.reject(this.reject(ctx, now, p));
    const work = callNext(next, ctx);
    work.then(
      () => {
        countAccept(this.state, this.clock.now());
      },
      (error: unknown) => {
        if (classifyFailure(error, ctx.scope, this.isFailure) !== 'failure') countAccept(this.state, this.clock.now());
      },
    );
    return work;
  }

  private reject(ctx: ExecutionContext, at: number, p: number): ShedLoadError {
    const { execution, priority } = ctx;
    emitBlockEvent(this.telemetry, ctx, 'onShedLoad', () => ({ at, name: this.name, execution, priority, reason: 'adaptive-throttle' }));
    const label = this.name === undefined ? 'adaptive throttle' : `adaptive throttle "${this.name}"`;
    const options: ResileErrorOptions = {};
    if (this.name !== undefined) options.source = this.name;
    return new ShedLoadError(`${label} rejected the request locally (rejection probability ${p.toFixed(2)})`, options);
  }
}

/** An adaptive throttle as a policy strategy. */
export function adaptiveThrottle(throttle: AdaptiveThrottle): AdaptiveThrottle {
  return checkThrottle('adaptiveThrottle', 'throttle', throttle);
}

/** Validates an `AdaptiveThrottle` option for `owner`. */
export function checkThrottle(owner: string, option: string, value: unknown): AdaptiveThrottle {
  if (!(value instanceof AdaptiveThrottle)) typeError(owner, option, 'an AdaptiveThrottle', value);
  return value;
}
