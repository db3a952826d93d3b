// Token-bucket arithmetic as pure functions of a plain, serialisable state and `now`, so the same
// rules can run in memory or next to a shared store. Tokens refill continuously (fractionally):
// `limit` tokens per `interval` ms, never above `burst`, never below zero.

/** A bucket's state: tokens held at `updatedAt` (epoch ms). */
export interface BucketState {
  readonly tokens: number;
  readonly updatedAt: number;
}

/** The rules of a bucket. */
export interface BucketConfig {
  /** Tokens added per `interval`. */
  readonly limit: number;
  /** Refill period in ms. */
  readonly interval: number;
  /** Capacity: the most tokens the bucket can hold (the largest burst). */
  readonly burst: number;
}

/** The outcome of asking for tokens. */
export interface TakeResult {
  readonly state: BucketState;
  readonly allowed: boolean;
  /** Ms until the request could be granted (0 when allowed; `Infinity` when it never can). */
  readonly retryAfter: number;
}

// Epoch milliseconds carry only about 0.25 µs of precision, so waiting exactly `retryAfter` may
// land a rounding error short of the last token. A wait this short (1 µs) counts as none.
const TIME_TOLERANCE = 1e-3;

/** A full bucket at `now`. */
export function fullBucket(cfg: BucketConfig, now: number): BucketState {
  return { tokens: cfg.burst, updatedAt: now };
}

/** The state at `now`: tokens refilled for the time elapsed (a clock that went back refills nothing). */
export function refill(cfg: BucketConfig, state: BucketState, now: number): BucketState {
  const elapsed = now - state.updatedAt;
  if (!(elapsed > 0)) return state;
  return { tokens: Math.min(cfg.burst, state.tokens + (elapsed * cfg.limit) / cfg.interval), updatedAt: now };
}

/** Ms until a bucket holding `tokens` holds `n` (0 if it already does; `Infinity` beyond `burst`). */
export function waitFor(cfg: BucketConfig, tokens: number, n: number): number {
  if (n > cfg.burst) return Infinity;
  const missing = n - tokens;
  if (!(missing > 0)) return 0;
  const wait = (missing * cfg.interval) / cfg.limit;
  return wait <= TIME_TOLERANCE ? 0 : wait;
}

/** Takes `n` tokens at `now` if the bucket holds them; otherwise says how long until it will. */
export function take(cfg: BucketConfig, state: BucketState, now: number, n: number): TakeResult {
  // Refill inlined (same rule as `refill`): this runs on every admitted call.
  const elapsed = now - state.updatedAt;
  const refilled = elapsed > 0;
  const tokens = refilled ? Math.min(cfg.burst, state.tokens + (elapsed * cfg.limit) / cfg.interval) : state.tokens;
  const updatedAt = refilled ? now : state.updatedAt;
  const retryAfter = waitFor(cfg, tokens, n);
  if (retryAfter > 0) return { state: { tokens, updatedAt }, allowed: false, retryAfter };
  return { state: { tokens: Math.max(0, tokens - n), updatedAt }, allowed: true, retryAfter: 0 };
}

/** True when the bucket is full at `now` (it then carries no information and can be forgotten). */
export function isFull(cfg: BucketConfig, state: BucketState, now: number): boolean {
  return waitFor(cfg, refill(cfg, state, now).tokens, cfg.burst) === 0;
}
