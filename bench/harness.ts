// Micro-benchmark harness: every group runs its tasks and a bare `await fn()` baseline in the same
// process and run, so results are read as ratios, not absolute numbers. Each tinybench sample runs
// a batch of calls, which keeps timer overhead out of sub-microsecond measurements.
import { Bench } from 'tinybench';

/** One measured implementation. */
export interface BenchTask {
  /** Row label, e.g. `resile execute(fn)`. */
  name: string;
  /** One call of the thing measured. */
  fn: () => unknown;
  /** Name of the peer library when this row measures a peer. */
  peer?: string;
}

/** A target checked after the run and reported (never fails the build: speed is not a test). */
export interface BenchTarget {
  /** Human text, e.g. `execute(fn) ≤ 2× bare`. */
  label: string;
  task: string;
  /** Largest acceptable ratio to the bare call. */
  maxBareRatio?: number;
  /** The task must be at least `factor` times faster than `than`. */
  fasterThan?: { than: string; factor: number };
  /** Largest acceptable bytes allocated per call. */
  maxBytes?: number;
}

/** A set of rows measured together. */
export interface BenchGroup {
  title: string;
  tasks: BenchTask[];
  targets?: BenchTarget[];
}

/** Measured numbers of one row. */
export interface Row {
  group: string;
  name: string;
  peer: string | undefined;
  nsPerOp: number;
  bareRatio: number;
  bytesPerOp: number | undefined;
}

const BATCH = 100;

/** Baseline: what a call costs with no library at all. */
export const bareTask: BenchTask = { name: 'bare await fn()', fn: () => Promise.resolve(1) };

async function runBatch(fn: () => unknown): Promise<void> {
  for (let i = 0; i < BATCH; i++) await fn();
}

/** Bytes allocated per call, measured with a young generation big enough that no GC runs meanwhile. */
async function bytesPerCall(fn: () => unknown, calls = 20_000): Promise<number | undefined> {
  const gc = (globalThis as { gc?: () => void }).gc;
  if (gc === undefined) return undefined;
  for (let i = 0; i < 2_000; i++) await fn();
  gc();
  const before = process.memoryUsage().heapUsed;
  for (let i = 0; i < calls; i++) await fn();
  const after = process.memoryUsage().heapUsed;
  return Math.max(0, (after - before) / calls);
}

/** Runs one group; returns a row per task, baseline first. */
export async function runGroup(group: BenchGroup, timeMs: number): Promise<Row[]> {
  const tasks = [bareTask, ...group.tasks];
  const bench = new Bench({ time: timeMs, warmupTime: Math.min(200, timeMs / 2) });
  for (const task of tasks) bench.add(task.name, () => runBatch(task.fn));
  await bench.run();
  const nsOf = (name: string): number => {
    const result = bench.getTask(name)?.result;
    if (result === undefined || !('latency' in result)) throw new Error(`bench task ${name} did not run`);
    return (result.latency.mean * 1e6) / BATCH;
  };
  const bare = nsOf(bareTask.name);
  const rows: Row[] = [];
  for (const task of tasks) {
    const ns = nsOf(task.name);
    rows.push({ group: group.title, name: task.name, peer: task.peer, nsPerOp: ns, bareRatio: ns / bare, bytesPerOp: await bytesPerCall(task.fn) });
  }
  return rows;
}

/** Evaluates a group's targets against its rows. */
export function checkTargets(group: BenchGroup, rows: Row[]): { label: string; ok: boolean; detail: string }[] {
  const find = (name: string): Row => {
    const row = rows.find((r) => r.name === name);
    if (row === undefined) throw new Error(`target refers to unknown task ${name}`);
    return row;
  };
  return (group.targets ?? []).map((t) => {
    const row = find(t.task);
    const parts: string[] = [];
    let ok = true;
    if (t.maxBareRatio !== undefined) {
      ok &&= row.bareRatio <= t.maxBareRatio;
      parts.push(`${row.bareRatio.toFixed(2)}× bare`);
    }
    if (t.fasterThan !== undefined) {
      const speedup = find(t.fasterThan.than).nsPerOp / row.nsPerOp;
      ok &&= speedup >= t.fasterThan.factor;
      parts.push(`${speedup.toFixed(1)}× faster than ${t.fasterThan.than}`);
    }
    if (t.maxBytes !== undefined && row.bytesPerOp !== undefined) {
      ok &&= row.bytesPerOp <= t.maxBytes;
      parts.push(`${row.bytesPerOp.toFixed(0)} B/call`);
    }
    return { label: t.label, ok, detail: parts.join(', ') };
  });
}
