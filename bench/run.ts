// `npm run bench`: runs every group in bench/cases/*.ts (or those whose file name matches an
// argument), prints a Markdown table of ns/op and ratios, checks the targets and writes
// bench/results/latest.md. Set BENCH_TIME (ms per task, default 1000) to trade accuracy for time.
import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { arch, cpus, platform } from 'node:os';
import { checkTargets, runGroup, type BenchGroup, type Row } from './harness.js';

const filter = process.argv.slice(2);
const timeMs = Number(process.env.BENCH_TIME ?? 1000);
const dir = new URL('./cases/', import.meta.url);
const files = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && (filter.length === 0 || filter.some((x) => f.includes(x))))
  .sort();

const lines: string[] = [];
const say = (line = ''): void => {
  console.log(line);
  lines.push(line);
};

say(`# resile benchmarks`);
say();
say(`Node ${process.version}, ${platform()} ${arch()}, ${cpus()[0]?.model ?? 'unknown CPU'} × ${cpus().length}. ` +
  `Each row: mean ns per call over batches of 100 sequential awaited calls; ratios are to a bare \`await fn()\` measured in the same run.`);
say();
const verdicts: { label: string; ok: boolean; detail: string }[] = [];
for (const file of files) {
  const mod = (await import(new URL(file, dir).href)) as { groups: BenchGroup[] };
  for (const group of mod.groups) {
    const rows: Row[] = await runGroup(group, timeMs);
    say(`## ${group.title}`);
    say();
    say('| implementation | ns/op | × bare | bytes/call |');
    say('|---|---:|---:|---:|');
    for (const r of rows) {
      const bytes = r.bytesPerOp === undefined ? 'n/a' : r.bytesPerOp.toFixed(0);
      say(`| ${r.name} | ${r.nsPerOp.toFixed(0)} | ${r.bareRatio.toFixed(2)} | ${bytes} |`);
    }
    say();
    verdicts.push(...checkTargets(group, rows));
  }
}
if (verdicts.length > 0) {
  say('## Targets');
  say();
  say('| target | measured | met |');
  say('|---|---|:---:|');
  for (const v of verdicts) say(`| ${v.label} | ${v.detail} | ${v.ok ? 'yes' : 'NO'} |`);
  say();
}
mkdirSync(new URL('./results/', import.meta.url), { recursive: true });
writeFileSync(new URL('./results/latest.md', import.meta.url), lines.join('\n') + '\n');
console.log('wrote bench/results/latest.md');
