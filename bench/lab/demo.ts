// `npm run demo`: runs every lab scenario in virtual time, prints each summary table, and writes
// report/data/<scenario>.json, report/summary.md (the tables in Markdown) and report/index.html.
//
//   npm run demo                     full size (the README numbers)
//   npm run demo -- --quick          quick size for CI (also DEMO_QUICK=1)
//   npm run demo -- --seed 7 --only retry-storm,tail-at-scale --out /tmp/report
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { reportPage } from '../report/page.js';
import type { ScenarioResult } from './result.js';
import type { Size } from './scenario.js';
import { scenarios } from './scenarios/index.js';
import { markdownTable, targetLines } from './table.js';

// Simulations create many resile errors (timeouts, shed calls, lost hedges) and never read their
// stacks; capturing them was a third of the run time. Only this process is affected.
Error.stackTraceLimit = 0;

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: process.env.DEMO_QUICK === '1' },
    smoke: { type: 'boolean', default: false },
    seed: { type: 'string', default: '1' },
    only: { type: 'string' },
    out: { type: 'string', default: 'report' },
  },
});
const size: Size = values.smoke ? 'smoke' : values.quick ? 'quick' : 'full';
const seed = Number(values.seed);
if (!Number.isInteger(seed)) throw new RangeError(`demo: --seed must be an integer (got ${values.seed})`);
const only = values.only?.split(',').map((s) => s.trim());
const chosen = scenarios.filter((s) => only === undefined || only.includes(s.id));
if (chosen.length === 0) throw new RangeError(`demo: --only matches no scenario (have ${scenarios.map((s) => s.id).join(', ')})`);
const out = resolve(values.out);
const tty = process.stdout.isTTY;

const command = `npm run demo${size === 'full' ? '' : ` -- --${size}`}${seed === 1 ? '' : ` --seed ${String(seed)}`}`;
console.log(`resile lab: ${String(chosen.length)} scenario(s), ${size} size, seed ${String(seed)}\n`);
const started = process.hrtime.bigint();
const elapsed = (since: bigint): string => `${(Number(process.hrtime.bigint() - since) / 1e9).toFixed(1)} s`;
const results: ScenarioResult[] = [];
for (const [i, def] of chosen.entries()) {
  const scenarioStart = process.hrtime.bigint();
  let variantStart = scenarioStart;
  const prefix = `[${String(i + 1)}/${String(chosen.length)}] ${def.title}`;
  const result = await def.run({
    seed,
    size,
    onProgress: (variant, fraction) => {
      if (tty) {
        const filled = Math.round(fraction * 20);
        process.stdout.write(`\r${prefix} · ${variant} ${'█'.repeat(filled)}${'░'.repeat(20 - filled)} ${String(Math.round(fraction * 100)).padStart(3)}%\x1b[K`);
      }
      if (fraction === 1) {
        if (tty) process.stdout.write('\r\x1b[K');
        console.log(`${prefix} · ${variant} done in ${elapsed(variantStart)}`);
        variantStart = process.hrtime.bigint();
      }
    },
  });
  results.push(result);
  console.log(`\n## ${result.title} (${elapsed(scenarioStart)})\n${result.question}\n`);
  for (const line of markdownTable(result)) console.log(line);
  const targets = targetLines(result);
  if (targets.length > 0) console.log(`\n${targets.join('\n')}`);
  console.log();
}

mkdirSync(join(out, 'data'), { recursive: true });
for (const r of results) writeFileSync(join(out, 'data', `${r.scenario}.json`), `${JSON.stringify(r, null, 1)}\n`);
const summary = results.flatMap((r) => [`### ${r.title}`, '', r.question, '', ...markdownTable(r), '', ...targetLines(r), ...(r.targets.length > 0 ? [''] : [])]);
writeFileSync(join(out, 'summary.md'), `<!-- ${command} (seed ${String(seed)}, ${size} size) -->\n\n${summary.join('\n')}`);
const { html, manifest } = reportPage(results, { seed, size, command });
writeFileSync(join(out, 'index.html'), html);
console.log(`${String(manifest.length)} charts → ${join(out, 'index.html')} (JSON in ${join(out, 'data')}), total ${elapsed(started)}`);
