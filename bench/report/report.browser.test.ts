// Runs `npm run demo` in quick mode into a temporary folder, opens the report in headless
// Chromium (Debian's /usr/bin/chromium through playwright-core), takes a screenshot and checks
// that every chart rendered: an SVG of real size on the page, with every expected series drawn.
// The expected series are derived here from the JSON data, independently of the report code.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../lab/result.js';
import { CHROMIUM, checkReport, chromiumAvailable } from './browser.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'resile-report-'));
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
});

const skip = !chromiumAvailable() && process.env.CI === undefined;
if (skip) {
  console.warn(
    `\n!!! SKIPPED the report browser check: ${CHROMIUM} is not installed (apt-get install -y chromium).\n` +
      '!!! It is mandatory in CI (CI is set), where .ci/run installs it.\n',
  );
}

/** Chart id → series that must be drawn, computed from the scenario data alone. */
function expectedCharts(results: readonly ScenarioResult[]): Map<string, string[]> {
  const expected = new Map<string, string[]>();
  for (const r of results) {
    for (const decl of r.charts) {
      const series =
        decl.kind === 'line'
          ? r.variants.flatMap((v) => decl.series.filter((k) => v.series[k]?.some((x) => x !== null)).map((k) => `${v.id}:${k}`))
          : decl.metrics.filter((m) => r.variants.some((v) => typeof v.metrics[m.key] === 'number')).map((m) => m.key);
      if (series.length > 0) expected.set(`${r.scenario}/${decl.id}`, series);
    }
  }
  return expected;
}

describe.skipIf(skip)('report in headless Chromium', () => {
  it('renders every chart of the quick demo with its expected series', async () => {
    const run = spawnSync(process.execPath, ['scripts/demo.mjs', '--quick', '--out', out], {
      cwd: root,
      encoding: 'utf8',
      env: { ...process.env, NO_COLOR: '1' },
    });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('charts →');

    const results = readdirSync(join(out, 'data')).map((f) => JSON.parse(readFileSync(join(out, 'data', f), 'utf8')) as ScenarioResult);
    expect(results.map((r) => r.scenario).sort()).toEqual(['adaptive-concurrency', 'outage-30min', 'priority-shedding', 'retry-storm', 'tail-at-scale']);
    const expected = expectedCharts(results);
    // The kinds of chart the report promises: latency over time, adaptive limit over time, load amplification bars.
    expect([...expected.keys()]).toEqual(expect.arrayContaining(['tail-at-scale/latency', 'adaptive-concurrency/limit', 'retry-storm/amplification']));

    const screenshot = join(out, 'report.png');
    const check = await checkReport(join(out, 'index.html'), { screenshot });
    expect(check.consoleErrors).toEqual([]);
    expect([...check.chartIds].sort()).toEqual([...expected.keys()].sort());
    for (const chart of check.charts) {
      expect(chart.width, chart.id).toBeGreaterThan(300);
      expect(chart.height, chart.id).toBeGreaterThan(150);
      expect(Object.keys(chart.series).sort(), chart.id).toEqual([...(expected.get(chart.id) ?? [])].sort());
      for (const [series, area] of Object.entries(chart.series)) expect(area, `${chart.id} ${series}`).toBeGreaterThan(0);
    }
    expect(statSync(screenshot).size).toBeGreaterThan(50_000);
  }, 180_000);
});
