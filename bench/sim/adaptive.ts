// `node --import tsx bench/sim/adaptive.ts`: runs the knee scenarios with both algorithms and
// prints a Markdown table (the numbers behind the default algorithm in docs/adaptive-limiter.md).
import { scenarios, simulateKnee } from './knee.js';

const f = (n: number, digits = 0): string => (Number.isFinite(n) ? n.toFixed(digits) : '–');
console.log('| scenario | phase | algorithm | goodput/s | rejected | timed out | p50 ms | p99 ms | limit mean (min–max) |');
console.log('|---|---|---|---:|---:|---:|---:|---:|---|');
for (const scenario of scenarios) {
  for (const algorithm of ['vegas', 'gradient2'] as const) {
    for (const r of simulateKnee(scenario, { algorithm })) {
      console.log(
        `| ${scenario.name} | ${r.phase} | ${algorithm} | ${f(r.goodput)} | ${f(r.rejected * 100, 1)}% | ${f(r.timedOut * 100, 1)}% | ${f(r.p50, 1)} | ${f(r.p99, 1)} | ${f(r.meanLimit, 1)} (${String(r.minLimit)}–${String(r.maxLimit)}) |`,
      );
    }
  }
}
