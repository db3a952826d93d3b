// The breaker's state machine as pure functions of (state, now, input): no clock, timers,
// listeners or generation checks (those are the mechanics in circuit-breaker.ts). They update the
// plain state object they are given, in place, and return their decision: copying a 100-call
// window on every call would cost more than the call being protected.
import type { CallOutcome } from '../core/outcome.js';
import type { BreakerConfig } from './options.js';
import { openDuration, type BreakerState, type CircuitState } from './state.js';
import { clearWindow, recordCall, shouldTrip } from './window.js';

/** Whether a call may start. */
export type Admission =
  | { readonly allowed: true; readonly probe: boolean }
  | { readonly allowed: false; readonly reason: 'open' | 'half-open' | 'isolated'; readonly retryAfter: number | undefined };

const ADMIT: Admission = Object.freeze({ allowed: true, probe: false });
const ADMIT_PROBE: Admission = Object.freeze({ allowed: true, probe: true });
const BUSY: Admission = Object.freeze({ allowed: false, reason: 'half-open', retryAfter: undefined });
const ISOLATED: Admission = Object.freeze({ allowed: false, reason: 'isolated', retryAfter: undefined });

function moveTo(s: BreakerState, phase: CircuitState, now: number): void {
  s.phase = phase;
  s.generation++;
  s.changedAt = now;
  s.probes = 0;
  s.probeSuccesses = 0;
}

function open(s: BreakerState, now: number, reopens: number, config: BreakerConfig): void {
  moveTo(s, 'open', now);
  s.reopens = reopens;
  s.openUntil = now + openDuration(reopens, config);
  clearWindow(s.window);
}

/** Moves an open circuit whose open time has passed to half-open (reading the state does this). */
export function observe(s: BreakerState, now: number): void {
  if (s.phase === 'open' && now >= s.openUntil) moveTo(s, 'half-open', now);
}

/** Decides whether a call may start at `now`; a half-open probe takes a probe slot. */
export function admit(s: BreakerState, now: number, config: BreakerConfig): Admission {
  observe(s, now);
  switch (s.phase) {
    case 'closed':
      return ADMIT;
    case 'open':
      // Whole milliseconds, rounded up: a caller that waits `retryAfter` is never early.
      return { allowed: false, reason: 'open', retryAfter: Math.ceil(s.openUntil - now) };
    case 'isolated':
      return ISOLATED;
    case 'half-open':
      if (s.probes >= config.halfOpenMaxCalls) return BUSY;
      s.probes++;
      return ADMIT_PROBE;
  }
}

/**
 * Records the outcome of a call admitted in the current generation. Closed: the window counts it
 * and may trip (a `cancelled` call counts for nothing). Half-open: a failed (or, with slow-call tripping, slow) probe re-opens at once;
 * `successThreshold` successful probes close the circuit with a fresh window.
 */
export function record(s: BreakerState, now: number, outcome: CallOutcome, slow: boolean, config: BreakerConfig): void {
  if (s.phase === 'closed') {
    if (outcome !== 'cancelled' && countClosed(s, now, outcome === 'failure', slow, config)) trip(s, now, config);
    return;
  }
  if (s.phase !== 'half-open') return;
  s.probes = Math.max(0, s.probes - 1);
  if (outcome === 'cancelled') return;
  if (outcome === 'failure' || slow) {
    open(s, now, s.reopens + 1, config);
    return;
  }
  s.probeSuccesses++;
  if (s.probeSuccesses >= config.successThreshold) {
    moveTo(s, 'closed', now);
    s.reopens = 0;
    clearWindow(s.window);
  }
}

/**
 * The closed half of `record`, for callers that read the clock only when they must: counts a
 * call in the window and tells whether the window trips. `now` is read by time windows only.
 */
export function countClosed(s: BreakerState, now: number, failed: boolean, slow: boolean, config: BreakerConfig): boolean {
  recordCall(s.window, now, failed, slow);
  return shouldTrip(s.window, now, config);
}

/** Opens a closed circuit whose window tripped. */
export function trip(s: BreakerState, now: number, config: BreakerConfig): void {
  open(s, now, 0, config);
}

/** Holds the circuit open until `reset` (manual control). */
export function isolate(s: BreakerState, now: number): void {
  if (s.phase !== 'isolated') moveTo(s, 'isolated', now);
}

/** Closes the circuit with a fresh window; calls in flight no longer count. */
export function reset(s: BreakerState, now: number): void {
  const changedAt = s.phase === 'closed' ? s.changedAt : now;
  moveTo(s, 'closed', now);
  s.changedAt = changedAt;
  s.reopens = 0;
  clearWindow(s.window);
}

/** Takes over a phase decided elsewhere (a fleet's shared breaker): a transition with a fresh window. */
export function adopt(s: BreakerState, phase: CircuitState, now: number, openUntil: number, reopens: number): void {
  moveTo(s, phase, now);
  s.openUntil = openUntil;
  s.reopens = reopens;
  clearWindow(s.window);
}
