// Prints scenario results: cell formatting shared by the terminal table, the README and the HTML.
import type { Format, ScenarioResult } from './result.js';

/** One metric as text; `null` reads "never" for durations and "–" otherwise; a missing one "n/a". */
export function formatCell(value: number | null | undefined, format: Format): string {
  if (value === undefined) return 'n/a';
  if (value === null || !Number.isFinite(value)) return format === 's' ? 'never' : '–';
  switch (format) {
    case 'ms':
      return `${value >= 100 ? value.toFixed(0) : value >= 10 ? value.toFixed(1) : value.toFixed(2)} ms`;
    case 'x':
      return `${value.toFixed(2)}×`;
    case 'pct':
      return `${Math.abs(value) < 1 && value !== 0 ? value.toFixed(2) : value.toFixed(1)}%`;
    case 'int':
      return value.toFixed(0);
    case 'rps':
      return `${value.toFixed(0)}/s`;
    case 's':
      return `${value.toFixed(1)} s`;
    case 'num':
      return value.toFixed(2);
  }
}

/** The scenario's summary table in Markdown (also readable on a terminal). */
export function markdownTable(result: ScenarioResult): string[] {
  const header = ['variant', ...result.columns.map((c) => c.label)];
  const rows = result.variants.map((v) => [v.label, ...result.columns.map((c) => formatCell(v.metrics[c.key], c.format))]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: readonly string[]): string =>
    `| ${cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join(' | ')} |`;
  const rule = `|${widths.map((w, i) => (i === 0 ? '-'.repeat(w + 2) : `${'-'.repeat(w + 1)}:`)).join('|')}|`;
  return [line(header), rule, ...rows.map(line)];
}

/** The scenario's targets as Markdown bullet lines. */
export function targetLines(result: ScenarioResult): string[] {
  return result.targets.map((t) => `- ${t.met === null ? 'pending' : t.met ? 'met' : 'NOT met'}: ${t.label} (${t.variant}: ${t.measured})`);
}
