// Turns a scenario's chart declarations into SVG. A chart is drawn when at least one variant has
// data for it, so charts of series that only some variants produce (a breaker state, an adaptive
// limit) appear by themselves once such a variant is added.
import type { BarChartDecl, LineChartDecl, ScenarioResult } from '../lab/result.js';
import { formatCell } from '../lab/table.js';
import { barChart } from './bar-chart.js';
import { lineChart, type LineSeries } from './line-chart.js';
import { color, dash } from './palette.js';

/** A rendered chart and the series it must show (what the browser test checks). */
export interface RenderedChart {
  /** `<scenario>/<chart>`: unique in the report. */
  readonly id: string;
  readonly title: string;
  readonly svg: string;
  readonly series: readonly string[];
}

const hasData = (values: readonly (number | null)[] | undefined): values is readonly (number | null)[] =>
  values !== undefined && values.some((v) => v !== null && Number.isFinite(v));

function line(result: ScenarioResult, decl: LineChartDecl): RenderedChart | undefined {
  const series: LineSeries[] = [];
  result.variants.forEach((v, vi) => {
    decl.series.forEach((key, ki) => {
      const values = v.series[key];
      if (!hasData(values)) return;
      series.push({
        id: `${v.id}:${key}`,
        label: decl.series.length > 1 ? `${v.label} ${key.slice(key.indexOf(':') + 1)}` : v.label,
        color: color(vi),
        dash: dash(ki),
        values,
      });
    });
  });
  if (series.length === 0) return undefined;
  const id = `${result.scenario}/${decl.id}`;
  const bucket = result.times.length > 1 ? (result.times[1] as number) - (result.times[0] as number) : 1;
  const end = (result.times[result.times.length - 1] ?? 0) + bucket;
  // Long runs read better in minutes.
  const perUnit = end > 600 ? 60 : 1;
  const svg = lineChart({
    id,
    title: decl.title,
    x: result.times.map((t) => t / perUnit),
    xMax: end / perUnit,
    xLabel: perUnit === 60 ? 'time (min)' : 'time (s)',
    series,
    unit: decl.unit,
    log: decl.log === true,
    step: decl.step === true,
    ...(decl.unit === '%' ? { yMin: 0, yMax: 100 } : {}),
    bands: result.phases.map((p) => ({ ...p, from: p.from / perUnit, to: p.to / perUnit })),
  });
  return { id, title: decl.title, svg, series: series.map((s) => s.id) };
}

function bars(result: ScenarioResult, decl: BarChartDecl): RenderedChart | undefined {
  const metrics = decl.metrics.filter((m) => result.variants.some((v) => typeof v.metrics[m.key] === 'number'));
  if (metrics.length === 0) return undefined;
  const id = `${result.scenario}/${decl.id}`;
  const format = result.columns.find((c) => c.key === (metrics[0]?.key ?? ''))?.format;
  const svg = barChart({
    id,
    title: decl.title,
    unit: decl.unit,
    log: decl.log === true,
    metrics: metrics.map((m, i) => ({ id: m.key, label: m.label, color: color(metrics.length > 1 ? i : 0) })),
    groups: result.variants.map((v) => ({ label: v.label, values: metrics.map((m) => v.metrics[m.key] ?? null) })),
    ...(format === undefined ? {} : { format: (x: number) => formatCell(x, format) }),
  });
  return { id, title: decl.title, svg, series: metrics.map((m) => m.key) };
}

/** Every chart of `result` that has data, in declaration order. */
export function scenarioCharts(result: ScenarioResult): RenderedChart[] {
  const out: RenderedChart[] = [];
  for (const decl of result.charts) {
    const chart = decl.kind === 'line' ? line(result, decl) : bars(result, decl);
    if (chart !== undefined) out.push(chart);
  }
  return out;
}
