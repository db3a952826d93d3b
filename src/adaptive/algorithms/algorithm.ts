/** What an adaptive limit algorithm learns from one sample window. */
export interface WindowSummary {
  /** Calls that succeeded in the window (each gives an RTT sample). */
  readonly samples: number;
  /** Mean RTT of those calls in ms (`NaN` without samples). */
  readonly avgRtt: number;
  /** Smallest RTT in ms (`Infinity` without samples). */
  readonly minRtt: number;
  /** Largest number of calls in flight when a call of the window started. */
  readonly maxInFlight: number;
  /** Calls that ended in an overload signal (a timeout by default). */
  readonly drops: number;
}

/** The result of one update: the algorithm's new state and its proposed (fractional) limit. */
export interface LimitUpdate<S> {
  readonly state: S;
  readonly limit: number;
}

/**
 * A concurrency-limit algorithm as a pure function: a window summary and the current limit in,
 * a new limit out. It knows no clock, no permits and no bounds: the limiter clamps the result to
 * `[minLimit, maxLimit]` and lets it grow only while the limit is actually used.
 */
export interface LimitAlgorithm<S = unknown> {
  /** Short name, e.g. `vegas`. */
  readonly name: string;
  /** The state before any sample. */
  initial(): S;
  /** The next limit after `window`, given the current `limit`. */
  update(state: S, window: WindowSummary, limit: number): LimitUpdate<S>;
}
