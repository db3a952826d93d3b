import type { OutcomeReport } from '../store/store.js';
import { FAILED, SLOW } from './count-window.js';

/**
 * The closed-phase outcomes one process counted since its last report to the fleet, kept in
 * constant memory: totals, the run of trailing failures, and (for a count window) the last
 * `windowSize` outcome bits in order.
 */
export class OutcomeBatch {
  calls = 0;
  private failures = 0;
  private slow = 0;
  private trailing = 0;
  private sawSuccess = false;
  private bits: number[] = [];

  /** `keepBits`: outcomes kept in order (a count window's size; 0 for the other windows). */
  constructor(private readonly keepBits: number) {}

  /** Counts one call. */
  add(failed: boolean, slow: boolean): void {
    this.calls++;
    if (failed) {
      this.failures++;
      this.trailing++;
    } else {
      this.sawSuccess = true;
      this.trailing = 0;
    }
    if (slow) this.slow++;
    if (this.keepBits === 0) return;
    this.bits.push((failed ? FAILED : 0) | (slow ? SLOW : 0));
    // Only the newest `keepBits` can matter; trimming in halves keeps it amortised O(1).
    if (this.bits.length >= 2 * this.keepBits) this.bits = this.bits.slice(-this.keepBits);
  }

  /** The batch as a report counted under `epoch`; the batch is emptied. */
  drain(epoch: number): OutcomeReport {
    const report: OutcomeReport = {
      epoch,
      calls: this.calls,
      failures: this.failures,
      slow: this.slow,
      trailingFailures: this.trailing,
      sawSuccess: this.sawSuccess,
      outcomes: this.keepBits === 0 ? '' : this.bits.slice(-this.keepBits).join(''),
    };
    this.clear();
    return report;
  }

  /** Forgets every counted call. */
  clear(): void {
    this.calls = this.failures = this.slow = this.trailing = 0;
    this.sawSuccess = false;
    this.bits = [];
  }
}
