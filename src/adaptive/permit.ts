import type { ExecutionContext } from '../core/context.js';

/** How a call that held a permit ended, as the limiter sees it. */
export type PermitOutcome = 'success' | 'drop' | 'ignore';

/**
 * One admitted call of an {@link AdaptiveLimiter}. Report exactly how it ended: `success()` (its
 * RTT is a sample), `dropped()` (an overload signal such as a timeout: the limit backs off) or
 * `ignore()` (it failed for another reason, or was cancelled: no sample). Only the first report
 * counts; the permit is released by it.
 */
export class AdaptivePermit {
  private settled = false;

  /** @internal Created by the limiter. */
  constructor(
    private readonly settle: (permit: AdaptivePermit, outcome: PermitOutcome) => void,
    /** When the call started (ms, limiter clock). */
    readonly startedAt: number,
    /** Calls in flight when this one started, itself included. */
    readonly inFlight: number,
    /** @internal The `execute` call holding the permit, if any. */
    readonly ctx: ExecutionContext | undefined,
  ) {}

  /** The call succeeded: its latency is a sample. */
  success(): void {
    this.report('success');
  }

  /** The call hit an overload signal (timeout, 503...): the limit backs off. */
  dropped(): void {
    this.report('drop');
  }

  /** The call ended without a meaningful latency (other error, cancellation). */
  ignore(): void {
    this.report('ignore');
  }

  private report(outcome: PermitOutcome): void {
    if (this.settled) return;
    this.settled = true;
    this.settle(this, outcome);
  }
}
