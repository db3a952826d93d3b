// The fleet breaker's state machine as pure functions of (state, now, input): what a store runs
// atomically for every process sharing one breaker. The in-memory store runs these; the Redis
// store runs the same rules as a Lua script (its contract tests hold both to the same answers).
// Processes report batches of outcomes into one window; when it trips the fleet opens; once the
// open time has passed, one process at a time holds a leased probe lock, and its verdict closes
// or re-opens the breaker for everyone.
import { addToBucket } from '../core/time-buckets.js';
import type { FleetView, OutcomeReport, ProbeVerdict } from '../store/store.js';
import { FAILED, recordCount, SLOW } from './count-window.js';
import type { BreakerConfig } from './options.js';
import { openDuration, type CircuitState } from './state.js';
import { clearWindow, createWindow, shouldTrip, type WindowState } from './window.js';

/** The shared state of one fleet breaker. */
export interface FleetBreakerState {
  phase: CircuitState;
  /** Bumped on every transition; starts from the creation time so a lost and recreated state does not reuse epochs. */
  epoch: number;
  openUntil: number;
  reopens: number;
  /** Holder of the half-open probe lease ('' for none) and when the lease lapses. */
  holder: string;
  leaseUntil: number;
  readonly window: WindowState;
}

/** A closed fleet breaker with an empty window, created at `now`. */
export function createFleetState(config: BreakerConfig, now: number): FleetBreakerState {
  return { phase: 'closed', epoch: Math.floor(now), openUntil: 0, reopens: 0, holder: '', leaseUntil: 0, window: createWindow(config) };
}

function moveTo(s: FleetBreakerState, phase: CircuitState): void {
  s.phase = phase;
  s.epoch++;
  s.holder = '';
  s.leaseUntil = 0;
}

function open(s: FleetBreakerState, now: number, reopens: number, config: BreakerConfig): void {
  moveTo(s, 'open');
  s.reopens = reopens;
  s.openUntil = now + openDuration(reopens, config);
  clearWindow(s.window);
}

function close(s: FleetBreakerState): void {
  moveTo(s, 'closed');
  s.reopens = 0;
  clearWindow(s.window);
}

/** Open → half-open once the open time has passed. */
export function fleetObserve(s: FleetBreakerState, now: number): void {
  if (s.phase === 'open' && now >= s.openUntil) moveTo(s, 'half-open');
}

/** What a process learns from `s` at `now`. */
export function fleetView(s: FleetBreakerState, now: number, granted: boolean): FleetView {
  return {
    phase: s.phase,
    epoch: s.epoch,
    openRemaining: s.phase === 'open' ? Math.max(0, s.openUntil - now) : 0,
    reopens: s.reopens,
    probeHeld: s.holder !== '' && s.leaseUntil > now,
    granted,
  };
}

function addReport(w: WindowState, r: OutcomeReport, now: number): void {
  switch (w.kind) {
    case 'consecutive':
      w.failures = r.sawSuccess ? r.trailingFailures : w.failures + r.trailingFailures;
      return;
    case 'count':
      for (let i = 0; i < r.outcomes.length; i++) {
        const bits = r.outcomes.charCodeAt(i) - 48;
        recordCount(w, bits & (FAILED | SLOW));
      }
      return;
    case 'time':
      // A report is at most one flush interval old: its calls count in the bucket of `now`.
      addToBucket(w.buckets, now, 0, r.calls);
      addToBucket(w.buckets, now, 1, r.failures);
      addToBucket(w.buckets, now, 2, r.slow);
  }
}

/** Adds a closed-phase report (unless it was counted under another epoch) and trips the window if it should. */
export function fleetSync(s: FleetBreakerState, r: OutcomeReport, now: number, config: BreakerConfig): FleetView {
  fleetObserve(s, now);
  if (s.phase === 'closed' && r.calls > 0 && (r.epoch === -1 || r.epoch === s.epoch)) {
    addReport(s.window, r, now);
    if (shouldTrip(s.window, now, config)) open(s, now, 0, config);
  }
  return fleetView(s, now, false);
}

/** Grants the probe lease to `holder` for `lease` ms when half-open and the lease is free (or already theirs). */
export function fleetAcquire(s: FleetBreakerState, holder: string, now: number, lease: number): FleetView {
  fleetObserve(s, now);
  if (s.phase !== 'half-open') return fleetView(s, now, false);
  if (s.holder !== '' && s.holder !== holder && s.leaseUntil > now) return fleetView(s, now, false);
  s.holder = holder;
  s.leaseUntil = now + lease;
  return fleetView(s, now, true);
}

/** Ends `holder`'s lease with its verdict; a lease that already passed to another process changes nothing. */
export function fleetRelease(s: FleetBreakerState, holder: string, verdict: ProbeVerdict, now: number, config: BreakerConfig): FleetView {
  fleetObserve(s, now);
  if (s.phase !== 'half-open' || s.holder !== holder) return fleetView(s, now, false);
  if (verdict === 'closed') close(s);
  else if (verdict === 'open') open(s, now, s.reopens + 1, config);
  else {
    s.holder = '';
    s.leaseUntil = 0;
  }
  return fleetView(s, now, false);
}

/** Manual control: isolates the fleet's breaker, or resets it closed with an empty window. */
export function fleetForce(s: FleetBreakerState, phase: 'closed' | 'isolated', now: number): FleetView {
  fleetObserve(s, now);
  if (phase === 'closed') close(s);
  else if (s.phase !== 'isolated') moveTo(s, 'isolated');
  return fleetView(s, now, false);
}
