import { describe, expect, it } from 'vitest';
import type { ScenarioResult, VariantResult } from '../lab/result.js';
import { reportPage } from './page.js';

const variant = (id: string, series: Record<string, (number | null)[]>, metrics: Record<string, number | null> = {}): VariantResult => ({
  id,
  label: id,
  description: `${id} client`,
  metrics: { amplification: 3, ...metrics },
  series,
});

const result = (variants: VariantResult[]): ScenarioResult => ({
  scenario: 'storm',
  title: 'Storm',
  question: 'What <happens>?',
  seed: 1,
  size: 'smoke',
  params: { rate: 10 },
  times: [0, 1, 2],
  phases: [{ from: 1, to: 2, label: 'down' }],
  columns: [{ key: 'amplification', label: 'load ×', format: 'x' }],
  variants,
  targets: [{ label: 'budget ≤ 1.1×', variant: 'budget', measured: 'variant budget is not part of this run', met: null }],
  charts: [
    { kind: 'line', id: 'load', title: 'Load', series: ['load'], unit: 'req/s' },
    { kind: 'line', id: 'breaker', title: 'Breaker', series: ['breaker'], unit: 'state', step: true },
    { kind: 'bars', id: 'amp', title: 'Amplification', metrics: [{ key: 'amplification', label: 'load ×' }], unit: '×' },
  ],
  notes: ['a note'],
});

describe('reportPage', () => {
  it('renders the charts that have data and lists them with their series in the manifest', () => {
    const { html, manifest } = reportPage([result([variant('plain', { load: [10, 30, 10], breaker: [null, null, null] })])], { seed: 1, size: 'smoke', command: 'npm run demo' });
    expect(manifest).toEqual([
      { id: 'storm/load', series: ['plain:load'] },
      { id: 'storm/amp', series: ['amplification'] },
    ]);
    expect(html).toContain('What &lt;happens&gt;?');
    expect(html).toContain('<td>3.00×</td>');
    expect(html).toContain('class="pending"');
    expect(html).not.toMatch(/<script(?! type="application\/json")/);
    expect(html).not.toMatch(/https?:\/\/(?!www\.w3\.org\/2000\/svg)/);
  });

  it('draws a chart as soon as a variant brings its series (series added later)', () => {
    const { manifest } = reportPage(
      [result([variant('plain', { load: [10, 30, 10] }), variant('breaker-budget', { load: [10, 11, 10], breaker: [0, 2, 1] }, { amplification: 1.05 })])],
      { seed: 1, size: 'smoke', command: 'npm run demo' },
    );
    expect(manifest).toContainEqual({ id: 'storm/breaker', series: ['breaker-budget:breaker'] });
    expect(manifest).toContainEqual({ id: 'storm/load', series: ['plain:load', 'breaker-budget:load'] });
  });
});
