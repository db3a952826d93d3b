// Exact percentiles (nearest rank) over recorded samples: simulations keep every sample, so no
// sketch error blurs a comparison between two runs.

/** Summary of a sample of latencies, ms. */
export interface LatencySummary {
  count: number;
  mean: number;
  p50: number;
  p90: number;
  p95: number;
  p99: number;
  p999: number;
  max: number;
}

/** Sorts a copy of `values` ascending. */
export function sorted(values: ArrayLike<number>): Float64Array {
  return Float64Array.from(values).sort();
}

/** Nearest-rank `q`-quantile (0 < q ≤ 1) of ascending `sortedValues`; NaN when empty. */
export function percentile(sortedValues: ArrayLike<number>, q: number): number {
  const n = sortedValues.length;
  if (n === 0) return NaN;
  const rank = Math.min(n, Math.max(1, Math.ceil(q * n)));
  return sortedValues[rank - 1] as number;
}

/** Count, mean and the usual percentiles of `values` (any order). */
export function summarize(values: ArrayLike<number>): LatencySummary {
  const s = sorted(values);
  let sum = 0;
  for (const v of s) sum += v;
  return {
    count: s.length,
    mean: s.length === 0 ? NaN : sum / s.length,
    p50: percentile(s, 0.5),
    p90: percentile(s, 0.9),
    p95: percentile(s, 0.95),
    p99: percentile(s, 0.99),
    p999: percentile(s, 0.999),
    max: s.length === 0 ? NaN : (s[s.length - 1] as number),
  };
}
