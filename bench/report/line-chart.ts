// Line charts of time series: one path per series, gaps where a value is missing, optional log
// scale, step drawing for states and limits, and shaded bands for phases such as an outage.
import { frame, legend, svgRoot, yAxis, type Frame, type LegendItem } from './frame.js';
import { linearScale, logScale, niceTicks, tickLabel, type Scale } from './scale.js';
import { el, r1, text } from './svg.js';

/** One line. */
export interface LineSeries {
  /** Identifier written to `data-series` (checked by the browser test). */
  readonly id: string;
  readonly label: string;
  readonly color: string;
  readonly dash?: string | undefined;
  /** One value per x position; null leaves a gap. */
  readonly values: readonly (number | null)[];
}

/** A shaded x range with a label. */
export interface Band {
  readonly from: number;
  readonly to: number;
  readonly label: string;
}

/** Everything a line chart shows. */
export interface LineChartSpec {
  readonly id: string;
  readonly title: string;
  /** X positions (e.g. bucket starts in seconds), ascending. */
  readonly x: readonly number[];
  /** Right end of the x axis. @defaultValue the last x */
  readonly xMax?: number;
  readonly xLabel?: string;
  readonly series: readonly LineSeries[];
  readonly unit: string;
  readonly log?: boolean;
  readonly step?: boolean;
  /** Fixed y range (e.g. 0–100 for percentages); data beyond widens it. */
  readonly yMin?: number;
  readonly yMax?: number;
  readonly bands?: readonly Band[];
  readonly width?: number;
  readonly plotHeight?: number;
}

function yScaleFor(spec: LineChartSpec, f: Frame): Scale {
  let lo = Infinity;
  let hi = -Infinity;
  for (const s of spec.series) {
    for (const v of s.values) {
      if (v === null || !Number.isFinite(v) || (spec.log === true && v <= 0)) continue;
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    }
  }
  if (lo === Infinity) [lo, hi] = [spec.log === true ? 1 : 0, spec.log === true ? 10 : 1];
  const range = [f.bottom, f.top] as const;
  if (spec.log === true) return logScale(lo, hi, range);
  return linearScale(Math.min(lo, spec.yMin ?? 0), Math.max(hi, spec.yMax ?? -Infinity), range);
}

/** The `d` attribute of one series: segments between missing values, straight or stepped. */
export function pathData(xs: readonly number[], values: readonly (number | null)[], x: Scale, y: Scale, step: boolean, log: boolean): string {
  let d = '';
  let open = false;
  let lastY = 0;
  for (let i = 0; i < xs.length; i++) {
    const v = values[i];
    if (v === null || v === undefined || !Number.isFinite(v) || (log && v <= 0)) {
      open = false;
      continue;
    }
    const px = r1(x(xs[i] as number));
    const py = r1(y(v));
    if (!open) d += `M${px} ${py}`;
    else if (step) d += `H${px}` + (py === r1(lastY) ? '' : `V${py}`);
    else d += `L${px} ${py}`;
    lastY = y(v);
    open = true;
  }
  return d;
}

/** Renders a line chart to an SVG string. */
export function lineChart(spec: LineChartSpec): string {
  const width = spec.width ?? 640;
  const items: LegendItem[] = spec.series.map((s) => ({ label: s.label, color: s.color, dash: s.dash, kind: 'line' }));
  const f = frame(width, spec.plotHeight ?? 200, 30, items);
  const x0 = spec.x[0] ?? 0;
  const x1 = spec.xMax ?? spec.x[spec.x.length - 1] ?? 1;
  const x = Object.assign((v: number) => f.left + ((v - x0) / (x1 > x0 ? x1 - x0 : 1)) * (f.right - f.left), {
    ticks: niceTicks(x0, x1, 8),
    domain: [x0, x1] as const,
  }) as Scale;
  const y = yScaleFor(spec, f);
  const parts: string[] = [];
  (spec.bands ?? []).forEach((b, i) => {
    const bx0 = x(Math.max(x0, b.from));
    const bx1 = x(Math.min(x1, b.to));
    // Alternate shades and mark each start, so adjacent phases stay apart.
    parts.push(el('rect', { x: bx0, y: f.top, width: Math.max(0, bx1 - bx0), height: f.bottom - f.top, class: `band band-${String(i % 2)}` }));
    parts.push(el('line', { x1: bx0, x2: bx0, y1: f.top, y2: f.bottom, class: 'band-edge' }));
    parts.push(text({ x: bx0 + 4, y: f.top + 12, class: 'band-label' }, b.label));
  });
  parts.push(yAxis(f, y, spec.unit, tickLabel));
  for (const t of x.ticks) {
    parts.push(text({ x: x(t), y: f.bottom + 16, class: 'tick', 'text-anchor': 'middle' }, tickLabel(t)));
  }
  parts.push(text({ x: f.right, y: f.bottom + 28, class: 'unit', 'text-anchor': 'end' }, spec.xLabel ?? 'time (s)'));
  for (const s of spec.series) {
    parts.push(
      el('path', {
        d: pathData(spec.x, s.values, x, y, spec.step === true, spec.log === true),
        fill: 'none',
        stroke: s.color,
        'stroke-width': 1.8,
        'stroke-dasharray': s.dash,
        'stroke-linejoin': 'round',
        'data-series': s.id,
      }),
    );
  }
  parts.push(legend(f, items, 30));
  return svgRoot(spec.id, spec.title, f, parts.join(''));
}
