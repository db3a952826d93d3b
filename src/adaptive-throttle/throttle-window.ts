// Client-side adaptive throttling (Google SRE book, "Handling Overload") as pure functions of
// `now` over a bucketed sliding window: `requests` counts every request before it is sent (also
// those rejected locally), `accepts` counts those the backend accepted.
import { addToBucket, createTimeBuckets, sumAllBuckets, type TimeBuckets } from '../core/time-buckets.js';
import { THROTTLE_BUCKETS, type ThrottleConfig } from './options.js';

/** Plain, serialisable state of a throttle. */
export interface ThrottleState {
  readonly buckets: TimeBuckets;
}

const REQUESTS = 0;
const ACCEPTS = 1;

/** An empty throttle window. */
export function createThrottleState(config: ThrottleConfig): ThrottleState {
  return { buckets: createTimeBuckets(config.window, THROTTLE_BUCKETS, 2) };
}

/** The SRE formula: `max(0, (requests − k·accepts) / (requests + 1))`. */
export function rejectionProbability(requests: number, accepts: number, k: number): number {
  return Math.max(0, (requests - k * accepts) / (requests + 1));
}

/** Requests and accepts in the window at `now`. */
export function throttleCounts(s: ThrottleState, now: number): { requests: number; accepts: number } {
  const [requests, accepts] = sumAllBuckets(s.buckets, now, [0, 0]) as [number, number];
  return { requests, accepts };
}

const SCRATCH = [0, 0];

/** The chance that a request sent at `now` is rejected locally (0 below `minimumRequests`). */
export function currentRejection(s: ThrottleState, now: number, config: ThrottleConfig): number {
  const sums = sumAllBuckets(s.buckets, now, SCRATCH);
  const requests = sums[REQUESTS] as number;
  if (requests < config.minimumRequests) return 0;
  return rejectionProbability(requests, sums[ACCEPTS] as number, config.k);
}

/** Counts a request at `now` (whether or not it is then rejected). */
export function countRequest(s: ThrottleState, now: number): void {
  addToBucket(s.buckets, now, REQUESTS);
}

/** Counts an accepted request at `now`. */
export function countAccept(s: ThrottleState, now: number): void {
  addToBucket(s.buckets, now, ACCEPTS);
}
