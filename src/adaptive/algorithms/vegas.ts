import { checkNumber, checkOptionsObject } from '../../core/validate.js';
import type { LimitAlgorithm, LimitUpdate, WindowSummary } from './algorithm.js';
import { judgeCut, PROBE_EVERY, PROBE_STEP, probeResult, startCut, waitLonger, type VegasCut } from './vegas-baseline.js';

/** Knobs of the Vegas-style algorithm. */
export interface VegasOptions {
  /** Lower edge of the tolerated queue, in multiples of log10(limit): below it the limit grows. @defaultValue 3 */
  alpha?: number;
  /** Upper edge of the tolerated queue, in multiples of log10(limit): above it the limit shrinks. @defaultValue 6 */
  beta?: number;
  /** Fraction of the gap to a window's RTT by which a lower baseline rises per window that used less than half the limit. @defaultValue 0.01 */
  baselineDrift?: number;
  /** Factor applied to the limit after a window with drops (timeouts). @defaultValue 0.9 */
  backoffRatio?: number;
}

/** State of the Vegas-style algorithm. */
export interface VegasState {
  /** Estimated RTT without queueing (ms). */
  readonly baseline: number | undefined;
  /** The last cut of the limit or probe of the baseline, until it has been judged. */
  readonly cut: VegasCut | undefined;
  /** Windows that used the limit since the baseline was last probed. */
  readonly sinceProbe: number;
}

// The limit counts as used (and a window's RTT as possibly holding a queue of ours) from this
// share of it in flight.
const USED = 0.5;
// A baseline that fell by more than this share in a window that used the limit may still hold
// a queue of ours (e.g. after a slow period): probe it soon, but not within PROBE_GAP windows of
// the last probe, so that noisy latency does not keep the limit in probes.
const SUDDEN_DROP = 0.1;
const PROBE_GAP = 20;

/**
 * Vegas-style limit (after TCP Vegas and Netflix's VegasLimit): estimates the queue at the
 * dependency as `limit × (1 − baseline / rtt)` and keeps it inside a band that scales with
 * log10(limit). A small queue grows the limit (fast while the queue is near zero), a large one
 * shrinks it to the top of the band (at most halving it), drops back it off.
 *
 * The baseline is the lowest mean window RTT seen (a mean, not a single lucky minimum, so
 * ordinary latency jitter is not mistaken for a queue), and three rules keep it honest while the
 * limit is in use, when every RTT includes the queue the band keeps on purpose:
 * - a cut of the limit that took effect without lowering the RTT proves the latency is the
 *   dependency's own: the baseline becomes that RTT (a slower dependency is learned at once);
 * - every 100 windows that used the limit (and at once when it started in use, or the baseline
 *   fell sharply) a probe lowers the limit by a quarter per window until the RTT stops falling,
 *   and takes that RTT as the baseline (after TCP BBR's PROBE_RTT): a baseline measured with a
 *   queue of ours in it would otherwise keep the limit above the knee for good;
 * - only windows that used less than half the limit drift it by `baselineDrift` of the gap
 *   (learning a used window's RTT would learn our own queue and raise the limit forever).
 */
export function vegas(options?: VegasOptions): LimitAlgorithm<VegasState> {
  const owner = 'vegas';
  const o = checkOptionsObject<VegasOptions>(owner, options);
  const alpha = o.alpha === undefined ? 3 : checkNumber(owner, 'alpha', o.alpha, { min: 0, exclusive: true }, 'a positive number');
  const beta = o.beta === undefined ? Math.max(6, alpha) : checkNumber(owner, 'beta', o.beta, { min: alpha }, `a number of at least alpha (${String(alpha)})`);
  const drift = o.baselineDrift === undefined ? 0.01 : checkNumber(owner, 'baselineDrift', o.baselineDrift, { min: 0, max: 1 }, 'a number between 0 and 1');
  const backoff = o.backoffRatio === undefined ? 0.9 : checkNumber(owner, 'backoffRatio', o.backoffRatio, { min: 0.5, max: 1 }, 'a number between 0.5 and 1');
  return Object.freeze({
    name: 'vegas',
    initial: (): VegasState => ({ baseline: undefined, cut: undefined, sinceProbe: 0 }),
    update(state: VegasState, w: WindowSummary, limit: number): LimitUpdate<VegasState> {
      if (w.drops > 0) return { state: { ...state, cut: undefined }, limit: limit * backoff };
      if (w.samples === 0) return { state, limit };
      const rtt = w.avgRtt;
      const used = w.maxInFlight >= limit * USED;
      const previous = state.baseline;
      if (previous === undefined) return { state: { baseline: rtt, cut: undefined, sinceProbe: used ? PROBE_EVERY : 0 }, limit };
      const cut = state.cut;
      const verdict = cut === undefined ? undefined : judgeCut(cut, w);
      if (cut !== undefined && cut.probe && verdict !== 'expired') {
        // The limit holds until the probe step took effect, then steps lower or ends.
        if (verdict !== 'helped' && verdict !== 'did-not-help') return { state: { ...state, cut: waitLonger(cut) }, limit };
        const probed = probeResult(verdict, rtt, previous, limit);
        if (!probed.again) return { state: { baseline: probed.baseline, cut: undefined, sinceProbe: 0 }, limit };
        return { state: { baseline: probed.baseline, cut: startCut(w, true), sinceProbe: 0 }, limit: limit * PROBE_STEP };
      }
      let baseline = previous;
      if (rtt < previous || verdict === 'did-not-help') baseline = rtt;
      else if (!used) baseline = previous + (rtt - previous) * drift;
      const pending = verdict === 'pending' && cut !== undefined ? waitLonger(cut) : undefined;
      let sinceProbe = used ? state.sinceProbe + 1 : state.sinceProbe;
      if (used && rtt < previous * (1 - SUDDEN_DROP) && sinceProbe >= PROBE_GAP) sinceProbe = PROBE_EVERY;
      if (used && sinceProbe >= PROBE_EVERY && pending === undefined) {
        return { state: { baseline, cut: startCut(w, true), sinceProbe: 0 }, limit: limit * PROBE_STEP };
      }
      const lg = Math.max(1, Math.log10(limit));
      const queue = limit * (1 - baseline / rtt);
      if (queue <= lg) return { state: { baseline, cut: undefined, sinceProbe }, limit: limit + beta * lg };
      if (queue < alpha * lg) return { state: { baseline, cut: undefined, sinceProbe }, limit: limit + lg };
      if (queue > beta * lg) {
        // Several small cuts in a row are judged together, against the window before the first.
        return { state: { baseline, cut: pending ?? startCut(w, false), sinceProbe }, limit: Math.max(limit / 2, limit - (queue - beta * lg)) };
      }
      return { state: { baseline, cut: pending, sinceProbe }, limit };
    },
  });
}
