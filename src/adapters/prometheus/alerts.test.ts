// The shipped alert rules (alerts/resilience.rules.yml) parse, and reference only metrics the
// adapter emits: checked against the metric table and against a real registry's output.
import { readFileSync } from 'node:fs';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { emitting } from '../../../test/helpers/block-events.js';
import { settle, useClock } from '../../../test/helpers/clock.js';
import { parseExposition } from '../../../test/helpers/prom-text.js';
import { execute } from '../../policy/execute.js';
import { policy } from '../../policy/policy.js';
import { retry } from '../../retry/retry.js';
import { METRICS, seriesNames } from './metrics.js';
import { prometheusInstrumenter } from './prometheus.js';

interface Rule {
  alert: string;
  expr: string;
  for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

const file = new URL('../../../alerts/resilience.rules.yml', import.meta.url);
const rules = (parse(readFileSync(file, 'utf8')) as { groups: { name: string; rules: Rule[] }[] }).groups.flatMap((g) => g.rules);

const PROMQL_WORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'and', 'or', 'unless', 'bool', 'offset']);

/** Metric names an expression selects: identifiers that are not functions, keywords, labels or strings. */
function metricsIn(expr: string): string[] {
  const stripped = expr
    .replace(/"(?:[^"\\]|\\.)*"/g, '""')
    .replace(/\{[^}]*\}/g, '')
    .replace(/\[[^\]]*\]/g, '')
    .replace(/\b(by|without|on|ignoring)\s*\([^)]*\)/g, '');
  const names = [...stripped.matchAll(/(?<![\w:.])[a-zA-Z_:][\w:]*(?![\w:])(?!\s*\()/g)].map((m) => m[0]);
  return [...new Set(names.filter((n) => !PROMQL_WORDS.has(n)))];
}

describe('alerts/resilience.rules.yml', () => {
  it('has the breaker flapping, bulkhead saturation and retry storm rules with their thresholds', () => {
    const byName = Object.fromEntries(rules.map((r) => [r.alert, r]));
    expect(Object.keys(byName)).toEqual(expect.arrayContaining(['CircuitBreakerFlapping', 'BulkheadSaturated', 'RetryStorm']));
    expect(byName.BulkheadSaturated).toMatchObject({ for: '5m' });
    expect(byName.BulkheadSaturated?.expr).toMatch(/bulkhead_active_calls \/ bulkhead_max_concurrent\) > 0\.85/);
    expect(byName.RetryStorm).toMatchObject({ for: '3m' });
    expect(byName.RetryStorm?.expr).toMatch(/> 0\.3\s*$/);
    for (const rule of rules) {
      expect(rule.labels?.severity, rule.alert).toMatch(/^(warning|critical)$/);
      expect(rule.annotations?.summary, rule.alert).toBeTruthy();
    }
  });

  it('references only metrics the adapter declares', () => {
    const declared = new Set(Object.values(METRICS).flatMap((m) => seriesNames(m)));
    const referenced = rules.flatMap((r) => metricsIn(r.expr));
    expect(referenced.length).toBeGreaterThanOrEqual(5);
    for (const name of referenced) expect(declared, name).toContain(name);
  });

  it('references only metrics a real registry serves once the events happened', async () => {
    const clock = useClock();
    const registry = new Registry();
    const instrumenter = prometheusInstrumenter({ registry });
    const blocks = policy(
      emitting('onCircuitStateChange', { name: 'db', from: 'closed', to: 'open' }),
      emitting('onBulkheadUsage', { name: 'db', active: 1, capacity: 2, queued: 0 }),
      retry({ maxAttempts: 1 }),
    );
    await settle(clock, blocks.execute(() => 1, { clock, instrumenter }));
    await settle(clock, execute(() => 1, { clock, name: 'db', instrumenter }));
    const served = new Set(parseExposition(await registry.metrics()).samples.map((s) => s.name));
    for (const name of rules.flatMap((r) => metricsIn(r.expr))) expect(served, name).toContain(name);
  });

  it('finds metric names in PromQL without functions, labels or keywords', () => {
    expect(metricsIn('sum by (dependency) (rate(a_total{outcome=~"first|retry", x="y"}[5m])) / on (z) b > 0.3 and bool c offset 5m')).toEqual(['a_total', 'b', 'c']);
  });
});
