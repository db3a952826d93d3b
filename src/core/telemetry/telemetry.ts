import { isThenable } from '../thenable.js';
import type { Instrumenter, InstrumenterHook, EventOf } from './instrumenter.js';

/**
 * Delivers events to a fixed set of instrumenters, isolating each one: a throwing or rejecting
 * hook is reported to `onListenerError` and never propagates. Components hold
 * `Telemetry | undefined` and build event objects only when it is defined, so nothing is
 * allocated or timed when no one listens.
 */
export class Telemetry {
  /** True when some instrumenter has an `enabled` gate to ask per call. */
  private readonly gated: boolean;

  private constructor(readonly instrumenters: readonly Instrumenter[]) {
    this.gated = instrumenters.some((i) => typeof i.enabled === 'function');
  }

  /** A dispatcher for `instrumenters`, or `undefined` when there are none. */
  static of(instrumenters: readonly Instrumenter[]): Telemetry | undefined {
    return instrumenters.length === 0 ? undefined : new Telemetry(Object.freeze([...new Set(instrumenters)]));
  }

  /** `a` and `b` combined (either may be undefined); duplicates are delivered once. */
  static merge(a: Telemetry | undefined, b: Telemetry | undefined): Telemetry | undefined {
    if (a === undefined || a === b) return b;
    if (b === undefined) return a;
    const all = [...a.instrumenters];
    for (const i of b.instrumenters) if (!all.includes(i)) all.push(i);
    return new Telemetry(Object.freeze(all));
  }

  /**
   * The dispatcher for one call: without the instrumenters whose `enabled()` gate says no (a
   * throwing gate counts as yes), or `undefined` when none is left. Ungated sets cost one check.
   */
  forCall(): Telemetry | undefined {
    if (!this.gated) return this;
    const all = this.instrumenters;
    if (all.length === 1) return isEnabled(all[0] as Instrumenter) ? this : undefined;
    let live: Instrumenter[] | undefined;
    for (let i = 0; i < all.length; i++) {
      const instrumenter = all[i] as Instrumenter;
      if (isEnabled(instrumenter)) {
        live?.push(instrumenter);
      } else if (live === undefined) {
        // Copied by hand: slice() of a frozen array takes a slow generic path.
        live = [];
        for (let j = 0; j < i; j++) live.push(all[j] as Instrumenter);
      }
    }
    if (live === undefined) return this;
    return live.length === 0 ? undefined : new Telemetry(Object.freeze(live));
  }

  /** Calls `hook` on every instrumenter that has it. */
  emit<H extends InstrumenterHook>(hook: H, event: EventOf<H>): void {
    for (const instrumenter of this.instrumenters) this.deliver(instrumenter, hook, event);
  }

  /** Like `emit`, skipping instrumenters that `other` already delivered to. */
  emitExcept<H extends InstrumenterHook>(hook: H, event: EventOf<H>, other: Telemetry): void {
    for (const instrumenter of this.instrumenters) {
      if (!other.instrumenters.includes(instrumenter)) this.deliver(instrumenter, hook, event);
    }
  }

  private deliver<H extends InstrumenterHook>(instrumenter: Instrumenter, hook: H, event: EventOf<H>): void {
    const fn = instrumenter[hook] as ((e: EventOf<H>) => unknown) | undefined;
    if (typeof fn !== 'function') return;
    try {
      const result = fn.call(instrumenter, event);
      if (isThenable(result)) {
        result.then(undefined, (error: unknown) => {
          this.report(hook, event, error);
        });
      }
    } catch (error) {
      this.report(hook, event, error);
    }
  }

  /** Reports an isolated listener failure to every `onListenerError` hook (never recursively). */
  report(hook: string, cause: { at: number; name: string | undefined }, error: unknown): void {
    if (hook === 'onListenerError') return;
    const event = { at: cause.at, name: cause.name, error, hook };
    for (const instrumenter of this.instrumenters) {
      try {
        const result: unknown = instrumenter.onListenerError?.(event);
        if (isThenable(result)) result.then(undefined, ignore);
      } catch {
        // A failing error hook has nowhere left to report to; dropping it keeps the call safe.
      }
    }
  }
}

function isEnabled(instrumenter: Instrumenter): boolean {
  try {
    return instrumenter.enabled?.() !== false;
  } catch {
    // A broken gate must not silence the instrumenter nor break the call: deliver as usual.
    return true;
  }
}

function ignore(): void {
  // Deliberately empty: see Telemetry.report.
}
