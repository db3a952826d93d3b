// Priority shedding: twice as many requests as the server can take, 20% critical, 30% standard,
// 50% low. Users give up after 1 s. Without shedding the queue grows until nearly every request
// waits past its deadline; a priority-blind cap at the knee serves every priority alike; a
// PriorityBulkhead at the knee keeps its last slots for the more important requests.
import { Priority } from '../../../src/core/priority.js';
import { execute, PriorityBulkhead } from '../../../src/index.js';
import { normal } from '../../sim/distributions.js';
import { SimDependency } from '../../sim/dependency.js';
import { StaticCap } from '../baselines/static-cap.js';
import type { ScenarioDef } from '../define.js';
import type { Variant } from '../scenario.js';
import { bySize } from './common.js';

/** Parameters of the priority-shedding world (times in ms). */
export interface PriorityParams {
  readonly [key: string]: number;
  readonly knee: number;
  readonly serviceMs: number;
  readonly rate: number;
  readonly duration: number;
  readonly timeout: number;
}

const SIZES = bySize({
  full: { knee: 20, duration: 60_000 },
  quick: { knee: 10, duration: 30_000 },
  smoke: { knee: 10, duration: 5_000 },
});
const SERVICE_MS = 40;
/** Time after the last arrival for requests in flight to finish. */
const GRACE = 2_000;
const MIX = [
  [Priority.Critical, 0.2],
  [Priority.Standard, 0.3],
  [Priority.Low, 0.5],
] as const;
const PRIORITIES = MIX.map(([p]) => p);

/** The compared policies; the first is the baseline. */
export const priorityVariants: Variant<PriorityParams>[] = [
  {
    id: 'no-shedding',
    label: 'no shedding',
    description: 'Every request goes to the server and waits in its queue until served or until its 1 s timeout.',
    build: ({ clock, random, params }) => ({
      send: (call, { priority }) => execute(call, { clock, random, priority, maxAttempts: 1, timeout: params.timeout }),
    }),
  },
  {
    id: 'blind-cap',
    label: 'priority-blind cap',
    description: 'A fixed concurrency cap at the knee that rejects extra calls whatever their priority.',
    build: ({ clock, random, params }) => {
      const cap = new StaticCap(params.knee);
      return {
        send: (call, { priority }) => cap.run(() => execute(call, { clock, random, priority, maxAttempts: 1, timeout: params.timeout })),
        gauges: { inFlight: () => cap.inFlight },
      };
    },
  },
  {
    id: 'priority-bulkhead',
    label: 'PriorityBulkhead',
    description:
      'A PriorityBulkhead with the knee as capacity and the default thresholds: low requests are shed from half utilisation, standard ones from 80%, critical ones only when every slot is busy.',
    build: ({ clock, random, params }) => {
      const bulkhead = new PriorityBulkhead(params.knee, undefined, { clock });
      return {
        send: (call, { priority }) => execute(call, { clock, random, priority, maxAttempts: 1, timeout: params.timeout, priorityBulkhead: bulkhead }),
        gauges: { inFlight: () => bulkhead.active },
      };
    },
  },
];

/** The priority-shedding scenario: 2× overload with mixed priorities. */
export const priorityShedding: ScenarioDef<PriorityParams> = {
  id: 'priority-shedding',
  title: 'Priority shedding',
  question: 'Twice the load the server can take, 20% of it critical: which requests succeed?',
  variants: priorityVariants,
  columns: [
    ...PRIORITIES.map((p) => ({ key: `success:${p}`, label: `${p} ok`, format: 'pct' as const })),
    { key: 'goodput', label: 'goodput', format: 'rps' },
    { key: 'p99', label: 'p99', format: 'ms' },
  ],
  charts: [
    {
      kind: 'bars',
      id: 'success-by-priority',
      title: 'Success rate by priority',
      metrics: PRIORITIES.map((p) => ({ key: `success:${p}`, label: p })),
      unit: '%',
    },
    {
      kind: 'line',
      id: 'success-over-time',
      title: 'Success rate over time (critical solid, standard dashed, low dotted)',
      series: PRIORITIES.map((p) => `success:${p}`),
      unit: '%',
    },
  ],
  targets: [],
  notes: [
    `Server: knee workers, service time normal(${String(SERVICE_MS)} ms, sd 4 ms), unbounded FIFO queue that serves requests whose caller already gave up. Offered load 2× capacity, open-loop; every request has a 1 s timeout.`,
    'PriorityBulkhead (default thresholds): low requests are admitted while fewer than half the slots are busy, standard ones below 80%, critical ones until every slot is busy. Critical work is served; the price is goodput, as the last fifth of the slots idles whenever no critical request is waiting. Raising the thresholds trades critical success for goodput.',
  ],
  params: ({ size }) => {
    const s = SIZES[size];
    return { ...s, serviceMs: SERVICE_MS, rate: (2 * s.knee * 1000) / SERVICE_MS, timeout: 1_000 };
  },
  phases: (p) => [{ from: p.duration / 1000, to: (p.duration + GRACE) / 1000, label: 'no new arrivals' }],
  run: async (params, { simulate }) => {
    const sim = await simulate({
      duration: params.duration,
      grace: GRACE,
      bucketMs: 1_000,
      rate: params.rate,
      mix: MIX,
      target: (clock, random) => new SimDependency({ clock, random, latency: normal(params.serviceMs, params.serviceMs / 10), workers: params.knee }),
    });
    const r = sim.recording;
    const metrics: Record<string, number | null> = {
      goodput: r.succeeded / (params.duration / 1000),
      p99: r.latency.p99,
    };
    for (const p of PRIORITIES) {
      const c = r.classes[p];
      metrics[`success:${p}`] = c === undefined || c.sent === 0 ? null : (100 * c.succeeded) / c.sent;
    }
    return { recording: r, metrics };
  },
};
