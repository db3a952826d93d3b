// The data a scenario run produces: what the terminal table, the JSON file and the HTML report
// are all made from. Everything here is plain JSON (no functions, no typed arrays), so a report
// can be rebuilt from report/data/*.json alone and two runs can be compared byte for byte.
import type { Recording } from '../sim/recorder.js';
import type { Size } from './scenario.js';

/** How a table cell is printed. */
export type Format = 'ms' | 'x' | 'pct' | 'int' | 'rps' | 's' | 'num';

/** A column of a scenario's summary table: a metric of every variant. */
export interface Column {
  readonly key: string;
  readonly label: string;
  readonly format: Format;
}

/** A time window to shade on time charts (seconds since t = 0). */
export interface Phase {
  readonly from: number;
  readonly to: number;
  readonly label: string;
}

/** A chart of one series over time, one line per variant that has the series. */
export interface LineChartDecl {
  readonly kind: 'line';
  readonly id: string;
  readonly title: string;
  /** Keys in each variant's `series`: one line per key and variant (dashed from the second key). */
  readonly series: readonly string[];
  readonly unit: string;
  readonly log?: boolean;
  /** Draw as steps (for discrete states and limits). */
  readonly step?: boolean;
}

/** Bars of one or more metrics per variant (grouped when there are several). */
export interface BarChartDecl {
  readonly kind: 'bars';
  readonly id: string;
  readonly title: string;
  readonly metrics: readonly { readonly key: string; readonly label: string }[];
  readonly unit: string;
  readonly log?: boolean;
}

/** A chart a scenario asks for; the report draws it when at least one variant has its data. */
export type ChartDecl = LineChartDecl | BarChartDecl;

/** A goal a scenario checks, for one variant. */
export interface TargetResult {
  readonly label: string;
  /** The variant it applies to. */
  readonly variant: string;
  /** Measured value(s) in words, or why there is none yet. */
  readonly measured: string;
  /** `null` while the variant is not part of the run (e.g. its block is not built yet). */
  readonly met: boolean | null;
}

/** One variant's numbers. */
export interface VariantResult {
  readonly id: string;
  readonly label: string;
  readonly description: string;
  readonly metrics: Readonly<Record<string, number | null>>;
  /** Time series aligned with {@link ScenarioResult.times}. */
  readonly series: Readonly<Record<string, readonly (number | null)[]>>;
}

/** Everything one scenario run produced. */
export interface ScenarioResult {
  readonly scenario: string;
  readonly title: string;
  readonly question: string;
  readonly seed: number;
  readonly size: Size;
  readonly params: Readonly<Record<string, number>>;
  /** Start of each time bucket, seconds. */
  readonly times: readonly number[];
  readonly phases: readonly Phase[];
  readonly columns: readonly Column[];
  readonly variants: readonly VariantResult[];
  readonly targets: readonly TargetResult[];
  readonly charts: readonly ChartDecl[];
  readonly notes: readonly string[];
}

const ratio = (a: number, b: number): number | null => (b > 0 ? a / b : null);

/** Per bucket: % of the requests completed in it that succeeded (null when none completed). */
export function successRate(successes: readonly number[], failures: readonly number[]): (number | null)[] {
  return successes.map((s, i) => {
    const done = s + (failures[i] ?? 0);
    return done === 0 ? null : (100 * s) / done;
  });
}

/**
 * The series every scenario records: `p50`/`p99` (ms, successes completed in the bucket),
 * `success` (% of the requests completed in the bucket), `users` and `load` (requests per
 * second sent by users and received by the dependency), `amplification` (load ÷ users), each
 * client gauge under its own name, and `success:<class>` per request class when there are several.
 */
export function standardSeries(r: Recording): Record<string, (number | null)[]> {
  const seconds = r.bucketMs / 1000;
  const load = r.counters.load ?? [];
  const out: Record<string, (number | null)[]> = {
    p50: [...r.p50],
    p99: [...r.p99],
    success: successRate(r.successes, r.failures),
    users: r.arrivals.map((a) => a / seconds),
    load: load.map((n) => n / seconds),
    amplification: r.arrivals.map((a, i) => ratio(load[i] ?? 0, a)),
  };
  for (const [name, values] of Object.entries(r.gauges)) out[name] = [...values];
  const classes = Object.keys(r.classes);
  if (classes.length > 1) {
    for (const cls of classes) {
      out[`success:${cls}`] = successRate(r.classSuccesses[cls] ?? [], r.classFailures[cls] ?? []);
    }
  }
  return out;
}

/** Sum of `values` over the buckets starting in [from, to) seconds. */
export function sumBetween(times: readonly number[], values: readonly (number | null)[], from: number, to: number): number {
  let sum = 0;
  for (let i = 0; i < times.length; i++) {
    const t = times[i] as number;
    if (t >= from && t < to) sum += values[i] ?? 0;
  }
  return sum;
}

/** Dependency requests ÷ user requests over the buckets starting in [from, to) seconds. */
export function amplificationBetween(r: Recording, from: number, to: number): number | null {
  return ratio(sumBetween(r.times, r.counters.load ?? [], from, to), sumBetween(r.times, r.arrivals, from, to));
}

/** % of the user requests completed in buckets starting in [from, to) seconds that succeeded. */
export function successBetween(r: Recording, from: number, to: number): number | null {
  const ok = sumBetween(r.times, r.successes, from, to);
  const done = ok + sumBetween(r.times, r.failures, from, to);
  return done === 0 ? null : (100 * ok) / done;
}
