// Grouped bar charts: one group per variant, one bar per metric, value printed on each bar.
import { frame, legend, svgRoot, yAxis, type LegendItem } from './frame.js';
import { linearScale, logScale, tickLabel } from './scale.js';
import { el, text } from './svg.js';

/** A metric drawn as one bar in every group. */
export interface BarMetric {
  /** Identifier written to `data-series`. */
  readonly id: string;
  readonly label: string;
  readonly color: string;
}

/** One group of bars (a variant): one value per metric, null for none. */
export interface BarGroup {
  readonly label: string;
  readonly values: readonly (number | null)[];
}

/** Everything a bar chart shows. */
export interface BarChartSpec {
  readonly id: string;
  readonly title: string;
  readonly metrics: readonly BarMetric[];
  readonly groups: readonly BarGroup[];
  readonly unit: string;
  readonly log?: boolean;
  /** Prints a value on its bar. @defaultValue 3 significant digits */
  readonly format?: (value: number) => string;
  readonly width?: number;
  readonly plotHeight?: number;
}

/** Splits a label into at most two lines of about `max` characters. */
export function wrapLabel(label: string, max: number): string[] {
  if (label.length <= max) return [label];
  const words = label.split(' ');
  let first = '';
  while (words.length > 0 && (first === '' || first.length + 1 + (words[0] as string).length <= max)) {
    first = first === '' ? (words.shift() as string) : `${first} ${words.shift() as string}`;
  }
  const rest = words.join(' ');
  return rest === '' ? [first] : [first, rest.length > max ? `${rest.slice(0, max - 1)}…` : rest];
}

/** Renders a grouped bar chart to an SVG string. */
export function barChart(spec: BarChartSpec): string {
  const width = spec.width ?? 640;
  const items: LegendItem[] = spec.metrics.length > 1 ? spec.metrics.map((m) => ({ label: m.label, color: m.color, kind: 'box' })) : [];
  const f = frame(width, spec.plotHeight ?? 200, 36, items);
  const values = spec.groups.flatMap((g) => g.values).filter((v): v is number => v !== null && Number.isFinite(v));
  const positive = values.filter((v) => v > 0);
  const range = [f.bottom, f.top] as const;
  const y =
    spec.log === true
      ? logScale(positive.length > 0 ? Math.min(...positive) : 1, positive.length > 0 ? Math.max(...positive) : 10, range)
      : linearScale(Math.min(0, ...values), Math.max(0, ...values), range);
  const base = spec.log === true ? f.bottom : y(Math.max(y.domain[0], 0));
  const format = spec.format ?? ((v: number) => String(Number(v.toPrecision(3))));
  const groupWidth = (f.right - f.left) / Math.max(1, spec.groups.length);
  const barWidth = Math.min(48, (groupWidth * 0.8) / Math.max(1, spec.metrics.length));
  const parts: string[] = [yAxis(f, y, spec.unit, tickLabel)];
  spec.groups.forEach((g, gi) => {
    const cx = f.left + groupWidth * (gi + 0.5);
    wrapLabel(g.label, Math.max(8, Math.floor(groupWidth / 6.2))).forEach((line, li) => {
      parts.push(text({ x: cx, y: f.bottom + 15 + li * 13, class: 'tick', 'text-anchor': 'middle' }, line));
    });
  });
  spec.metrics.forEach((m, mi) => {
    const bars: string[] = [];
    spec.groups.forEach((g, gi) => {
      const v = g.values[mi];
      if (v === null || v === undefined || !Number.isFinite(v) || (spec.log === true && v <= 0)) return;
      const x = f.left + groupWidth * (gi + 0.5) + barWidth * (mi - spec.metrics.length / 2);
      const top = y(v);
      bars.push(el('rect', { x, y: Math.min(top, base), width: barWidth - 2, height: Math.max(1, Math.abs(base - top)), fill: m.color }));
      bars.push(text({ x: x + (barWidth - 2) / 2, y: Math.min(top, base) - 4, class: 'value', 'text-anchor': 'middle' }, format(v)));
    });
    parts.push(el('g', { 'data-series': m.id }, ...bars));
  });
  parts.push(legend(f, items, 36));
  return svgRoot(spec.id, spec.title, f, parts.join(''));
}
