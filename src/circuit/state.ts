import type { BreakerConfig } from './options.js';
import { createWindow, type WindowState } from './window.js';

/** The states of a circuit breaker (`isolated` is held open by hand until `reset()`). */
export type CircuitState = 'closed' | 'open' | 'half-open' | 'isolated';

/**
 * The whole state of a breaker as one plain, serialisable object (what a snapshot carries and
 * what a shared store would hold). Only the pure functions of `transitions.ts` change it.
 */
export interface BreakerState {
  phase: CircuitState;
  /** Bumped on every transition: results of calls admitted under another generation are ignored. */
  generation: number;
  /** When the phase last changed (epoch ms). */
  changedAt: number;
  /** While open: the earliest time a probe is admitted (epoch ms). */
  openUntil: number;
  /** Openings since the circuit last closed, minus one: grows the open time with `resetBackoff`. */
  reopens: number;
  /** Half-open probes in flight. */
  probes: number;
  /** Successful probes in the current half-open phase. */
  probeSuccesses: number;
  /** Statistics of the closed phase. */
  readonly window: WindowState;
}

/** A closed breaker with an empty window, as of `now`. */
export function createBreakerState(config: BreakerConfig, now: number): BreakerState {
  return { phase: 'closed', generation: 0, changedAt: now, openUntil: 0, reopens: 0, probes: 0, probeSuccesses: 0, window: createWindow(config) };
}

/** How long the circuit stays open after its `reopens`-th consecutive re-opening. */
export function openDuration(reopens: number, config: BreakerConfig): number {
  if (config.resetBackoff === 1 || reopens === 0) return config.resetTimeout;
  return Math.min(config.maxResetTimeout, config.resetTimeout * config.resetBackoff ** reopens);
}
