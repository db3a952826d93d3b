/**
 * A token bucket for log lines: holds up to `burst` tokens, refills `perSecond` per second of
 * the caller's clock, and each line takes one. Pure: time is passed in, so it runs in virtual
 * time; a clock that goes backwards refills nothing.
 */
export class TokenBucket {
  private tokens: number;
  private last: number | undefined = undefined;

  constructor(
    readonly perSecond: number,
    readonly burst: number,
  ) {
    this.tokens = burst;
  }

  /** Takes a token at time `now` (ms); false when none is left. */
  tryTake(now: number): boolean {
    if (this.last !== undefined && now > this.last) {
      this.tokens = Math.min(this.burst, this.tokens + ((now - this.last) * this.perSecond) / 1000);
    }
    if (this.last === undefined || now > this.last) this.last = now;
    if (this.tokens < 1) return false;
    this.tokens -= 1;
    return true;
  }
}
