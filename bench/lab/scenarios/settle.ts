// When does a series settle? Used for "the limit reached the knee after N s" and "was back in
// band N s after the spike".

/**
 * Seconds from `from` to the first bucket start t ≥ `from` such that every value in [t, t + hold)
 * lies within [lo, hi], with t + hold ≤ `until` and within the data; null if there is none.
 * `times` are bucket starts in seconds; a null value (no reading) breaks a run.
 */
export function heldWithin(
  times: readonly number[],
  values: readonly (number | null)[],
  lo: number,
  hi: number,
  from: number,
  until: number,
  hold: number,
): number | null {
  const bucket = times.length > 1 ? (times[1] as number) - (times[0] as number) : 1;
  const end = Math.min(until, times.length === 0 ? 0 : (times[times.length - 1] as number) + bucket);
  let runStart: number | undefined;
  for (let i = 0; i < times.length; i++) {
    const t = times[i] as number;
    if (t < from) continue;
    const v = values[i];
    const inside = v !== null && v !== undefined && v >= lo && v <= hi;
    if (!inside) {
      runStart = undefined;
      continue;
    }
    runStart ??= t;
    if (t + bucket - runStart >= hold - 1e-9) return runStart + hold <= end + 1e-9 ? runStart - from : null;
  }
  return null;
}
