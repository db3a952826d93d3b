import { describe, expect, it } from 'vitest';
import { barChart, wrapLabel } from './bar-chart.js';
import { lineChart, pathData } from './line-chart.js';
import { linearScale } from './scale.js';
import { esc } from './svg.js';

const paths = (svg: string): Record<string, string> =>
  Object.fromEntries([...svg.matchAll(/<path d="([^"]*)"[^>]*data-series="([^"]+)"/g)].map((m) => [m[2]!, m[1]!]));

describe('lineChart', () => {
  it('draws one path per series with gaps at missing values, named for the browser check', () => {
    const svg = lineChart({
      id: 'demo/latency',
      title: 'Latency <p99>',
      x: [0, 1, 2, 3],
      series: [
        { id: 'a', label: 'A', color: '#000', values: [1, 2, null, 4] },
        { id: 'b', label: 'B & co', color: '#111', dash: '6 3', values: [null, null, null, null] },
      ],
      unit: 'ms',
      bands: [{ from: 1, to: 2, label: 'outage' }],
    });
    expect(svg).toMatch(/^<svg [^>]*data-chart="demo\/latency"/);
    expect(svg).toContain('<title>Latency &lt;p99&gt;</title>');
    expect(svg).toContain('B &amp; co');
    expect(svg).toContain('class="band band-0"');
    const d = paths(svg);
    expect(d.a!.match(/M/g)).toHaveLength(2);
    expect(d.b).toBe('');
  });

  it('steps for states, and skips non-positive values on a log scale', () => {
    const x = linearScale(0, 10, [0, 100]);
    const y = linearScale(0, 10, [100, 0]);
    expect(pathData([0, 5, 10], [1, 1, 5], x, y, true, false)).toBe('M0 90H50H100V50');
    expect(pathData([0, 5, 10], [1, 0, 5], x, y, false, true)).toBe('M0 90M100 50');
  });

  it('copes with a chart with no data at all', () => {
    const svg = lineChart({ id: 'x', title: 'empty', x: [], series: [], unit: '', log: true });
    expect(svg).toContain('data-chart="x"');
  });
});

describe('barChart', () => {
  it('draws a group per variant and a series per metric, with value labels', () => {
    const svg = barChart({
      id: 'demo/bars',
      title: 'Percentiles',
      unit: 'ms',
      log: true,
      metrics: [
        { id: 'p50', label: 'p50', color: '#000' },
        { id: 'p99', label: 'p99', color: '#111' },
      ],
      groups: [
        { label: 'no hedging', values: [13, 250] },
        { label: 'hedge at p95', values: [13, null] },
      ],
      format: (v) => `${String(v)} ms`,
    });
    const series = [...svg.matchAll(/<g data-series="([^"]+)">(.*?)<\/g>/g)].map((m) => [m[1], (m[2]!.match(/<rect/g) ?? []).length]);
    expect(series).toEqual([
      ['p50', 2],
      ['p99', 1],
    ]);
    expect(svg).toContain('250 ms');
    expect(svg).toContain('hedge at p95');
  });

  it('wraps long group labels onto two lines', () => {
    expect(wrapLabel('static cap 0.5× knee', 12)).toEqual(['static cap', '0.5× knee']);
    expect(wrapLabel('short', 12)).toEqual(['short']);
    expect(wrapLabel('a very very long label indeed here', 10)[1]!.endsWith('…')).toBe(true);
  });
});

describe('esc', () => {
  it('escapes markup characters', () => {
    expect(esc(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});
