// Small helpers shared by the scenario definitions.
import { CircuitBreaker } from '../../../src/index.js';
import type { Clock } from '../../../src/core/clock.js';
import type { Size } from '../scenario.js';

/** One setting per run size (checked to be complete by the type). */
export function bySize<T>(values: Readonly<Record<Size, T>>): Readonly<Record<Size, T>> {
  return values;
}

/** Rounds to 0.1 (how a person would copy a latency off a dashboard). */
export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** Seconds from ms. */
export function sec(ms: number): number {
  return ms / 1000;
}

/** a ÷ b when both are known and b is positive, else null. */
export function ratioOf(a: number | null | undefined, b: number | null | undefined): number | null {
  return a === null || a === undefined || b === null || b === undefined || !(b > 0) ? null : a / b;
}

/**
 * The circuit breaker the lab's variants use, as an experienced user would set it for a busy
 * dependency: it opens when half of the last 100 calls failed (resilience4j's default window),
 * and probes every 5 s while open (Polly's default break), so recovery costs at most 5 s.
 */
export function labBreaker(clock: Clock): CircuitBreaker {
  return new CircuitBreaker({ clock, window: 'count', resetTimeout: 5_000 });
}
