// What line and bar charts share: the SVG root, the title, the plot frame, y-axis grid lines and
// the legend.
import type { Scale } from './scale.js';
import { el, esc, text } from './svg.js';

/** Geometry of a chart: the outer size and the plot area inside it. */
export interface Frame {
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly right: number;
  readonly top: number;
  readonly bottom: number;
}

/** A legend entry. */
export interface LegendItem {
  readonly label: string;
  readonly color: string;
  readonly dash?: string | undefined;
  readonly kind: 'line' | 'box';
}

const LEGEND_ROW = 18;
const CHAR = 6.2;

/** Legend rows needed for `items` across `width` px. */
export function legendRows(items: readonly LegendItem[], width: number): LegendItem[][] {
  const rows: LegendItem[][] = [];
  let row: LegendItem[] = [];
  let used = 0;
  for (const item of items) {
    const w = 28 + item.label.length * CHAR;
    if (row.length > 0 && used + w > width) {
      rows.push(row);
      row = [];
      used = 0;
    }
    row.push(item);
    used += w;
  }
  if (row.length > 0) rows.push(row);
  return rows;
}

/** Frame for a chart `width` wide with a plot `plotHeight` high, room for the title, x labels and legend. */
export function frame(width: number, plotHeight: number, xLabelHeight: number, legend: readonly LegendItem[]): Frame {
  const left = 58;
  const right = width - 14;
  const top = 34;
  const bottom = top + plotHeight;
  const rows = legendRows(legend, right - left).length;
  return { width, height: bottom + xLabelHeight + rows * LEGEND_ROW + 6, left, right, top, bottom };
}

/** The outer `<svg>`: `data-chart` names it, for the browser check. */
export function svgRoot(id: string, title: string, f: Frame, body: string): string {
  return el(
    'svg',
    { xmlns: 'http://www.w3.org/2000/svg', viewBox: `0 0 ${String(f.width)} ${String(Math.ceil(f.height))}`, width: f.width, height: Math.ceil(f.height), role: 'img', 'aria-label': title, 'data-chart': id, class: 'chart' },
    `<title>${esc(title)}</title>`,
    text({ x: f.left, y: 18, class: 'chart-title' }, title),
    body,
  );
}

/** Horizontal grid lines and y tick labels, and the unit above the axis. */
export function yAxis(f: Frame, y: Scale, unit: string, label: (v: number) => string): string {
  const parts: string[] = [];
  for (const t of y.ticks) {
    const py = y(t);
    parts.push(el('line', { x1: f.left, x2: f.right, y1: py, y2: py, class: 'grid' }));
    parts.push(text({ x: f.left - 6, y: py + 4, class: 'tick', 'text-anchor': 'end' }, label(t)));
  }
  parts.push(text({ x: f.left - 6, y: f.top - 8, class: 'unit', 'text-anchor': 'end' }, unit));
  parts.push(el('line', { x1: f.left, x2: f.left, y1: f.top, y2: f.bottom, class: 'axis' }));
  parts.push(el('line', { x1: f.left, x2: f.right, y1: f.bottom, y2: f.bottom, class: 'axis' }));
  return parts.join('');
}

/** The legend, below the x labels. */
export function legend(f: Frame, items: readonly LegendItem[], xLabelHeight: number): string {
  const parts: string[] = [];
  let y = f.bottom + xLabelHeight + 12;
  for (const row of legendRows(items, f.right - f.left)) {
    let x = f.left;
    for (const item of row) {
      parts.push(
        item.kind === 'line'
          ? el('line', { x1: x, x2: x + 20, y1: y - 4, y2: y - 4, stroke: item.color, 'stroke-width': 2.5, 'stroke-dasharray': item.dash })
          : el('rect', { x: x + 4, y: y - 10, width: 12, height: 12, fill: item.color }),
      );
      parts.push(text({ x: x + 26, y, class: 'legend' }, item.label));
      x += 28 + item.label.length * CHAR;
    }
    y += LEGEND_ROW;
  }
  return parts.join('');
}
