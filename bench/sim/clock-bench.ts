// Why the lab has its own clock: runs the same open-loop workload on resile/testing's
// VirtualClock and on SimClock (macrotask drain, and microtask drains of 8 and 32 turns) and
// prints CPU time per run. Usage: node --import tsx bench/sim/clock-bench.ts [requests]
//   hedged:  execute with hedging, ~15 timers pending at a time
//   pending: execute with a 1.5 s attempt timeout against 1–2 s calls, ~3,500 timers pending
import { execute } from '../../src/policy/execute.js';
import { seededRandom } from '../../src/core/random.js';
import { VirtualClock } from '../../src/testing/virtual-clock.js';
import { SimClock } from './clock.js';

type AnyClock = VirtualClock | SimClock;
const requests = Number(process.argv[2] ?? 60_000);
Error.stackTraceLimit = 0;

async function workload(clock: AnyClock, kind: 'hedged' | 'pending'): Promise<number> {
  const random = seededRandom(1);
  let total = 0;
  const dep = (): Promise<void> =>
    new Promise((resolve) => {
      const ms = kind === 'pending' ? 1000 + random() * 1000 : random() < 0.01 ? 200 : 10 + random() * 5;
      clock.setTimer(ms, resolve);
    });
  let sent = 0;
  const arrive = (): void => {
    const started = clock.now();
    const done = (): void => {
      total += clock.now() - started;
    };
    const call =
      kind === 'hedged'
        ? execute(dep, { clock, maxAttempts: 2, hedgingDelay: 20 })
        : execute(dep, { clock, maxAttempts: 2, attemptTimeout: 1500, baseDelay: 10, random });
    call.then(done, done);
    if (++sent < requests) clock.setTimer(kind === 'pending' ? 0.5 : 1, arrive);
  };
  clock.setTimer(0, arrive);
  if (clock instanceof VirtualClock) await clock.runAll();
  else await clock.run(Infinity);
  return total / requests;
}

const clocks: [string, () => AnyClock][] = [
  ['VirtualClock', () => new VirtualClock({ now: 0, maxTimers: 1e9 })],
  ['SimClock macrotask', () => new SimClock()],
  ['SimClock 8 microtask turns', () => new SimClock({ drain: { microtaskTurns: 8 } })],
  ['SimClock 32 microtask turns', () => new SimClock({ drain: { microtaskTurns: 32 } })],
];
console.log(`| workload (${String(requests)} requests) | clock | CPU ms | mean latency (ms) |`);
console.log('|---|---|---:|---:|');
for (const kind of ['hedged', 'pending'] as const) {
  for (const [name, make] of clocks) {
    const before = process.cpuUsage();
    const mean = await workload(make(), kind);
    const cpu = process.cpuUsage(before);
    console.log(`| ${kind} | ${name} | ${((cpu.user + cpu.system) / 1000).toFixed(0)} | ${mean.toFixed(6)} |`);
  }
}
