// A scenario definition and the loop that runs all its variants into a ScenarioResult.
import type { Recording } from '../sim/recorder.js';
import { standardSeries, type ChartDecl, type Column, type Phase, type ScenarioResult, type TargetResult, type VariantResult } from './result.js';
import type { RunOptions, Variant } from './scenario.js';
import { simulate, type Simulation, type SimulationSpec } from './simulate.js';

/** The world of one simulated run: everything in a {@link SimulationSpec} that the scenario chooses. */
export type WorldSpec<P> = Omit<SimulationSpec<P>, 'scenario' | 'variant' | 'params' | 'seed' | 'size' | 'onProgress'>;

/** What a scenario's `run` gets besides its parameters. */
export interface RunContext<P> {
  /** Simulates the variant in `world` (scenario, variant, seed, size and progress filled in). */
  simulate: (world: WorldSpec<P>) => Promise<Simulation>;
}

/** Numeric scenario parameters (written to the JSON as they are). */
export type Params = Readonly<Record<string, number>>;

/** What running one variant returns to the scenario runner. */
export interface VariantRun {
  readonly recording: Recording;
  /** The table's numbers for this variant (keys of the scenario's columns, and more). */
  readonly metrics: Readonly<Record<string, number | null>>;
  /** Extra series besides the standard ones. */
  readonly series?: Readonly<Record<string, readonly (number | null)[]>>;
}

/** A goal checked against one variant's metrics. */
export interface TargetDecl {
  readonly label: string;
  readonly variant: string;
  check: (metrics: Readonly<Record<string, number | null>>) => { measured: string; met: boolean };
}

/** Everything that makes a scenario. */
export interface ScenarioDef<P extends Params> {
  readonly id: string;
  readonly title: string;
  /** The question the scenario answers, in one sentence. */
  readonly question: string;
  /**
   * The policies compared, in table order. This is the extension point: push a variant (built
   * with resile's blocks) and it is simulated, tabulated, charted and determinism-tested.
   */
  readonly variants: Variant<P>[];
  readonly columns: readonly Column[];
  readonly charts: readonly ChartDecl[];
  readonly targets: readonly TargetDecl[];
  readonly notes: readonly string[];
  /** The world's parameters for a size (and seed, for measured ones). */
  params: (options: RunOptions) => P;
  /** Windows to shade on time charts. */
  phases: (params: P) => readonly Phase[];
  /**
   * Metrics of a variant relative to the baseline (the first variant), e.g. "p99 cut"; merged
   * into its metrics after all variants ran.
   */
  relative?: (metrics: Readonly<Record<string, number | null>>, baseline: Readonly<Record<string, number | null>>) => Record<string, number | null>;
  /** Simulates one variant: builds the world and calls `context.simulate`, then derives the metrics. */
  run: (params: P, context: RunContext<P>) => Promise<VariantRun>;
}

/** Runs every variant of `def` and assembles the result. */
export async function runScenario<P extends Params>(def: ScenarioDef<P>, options: RunOptions): Promise<ScenarioResult> {
  const params = def.params(options);
  const variants: VariantResult[] = [];
  let times: readonly number[] = [];
  for (const variant of def.variants) {
    const run = await def.run(params, {
      simulate: (world) =>
        simulate({
          ...world,
          scenario: def.id,
          variant,
          params,
          seed: options.seed,
          size: options.size,
          onProgress: (fraction) => options.onProgress?.(variant.id, fraction),
        }),
    });
    variants.push({
      id: variant.id,
      label: variant.label,
      description: variant.description,
      metrics: run.metrics,
      series: { ...standardSeries(run.recording), ...run.series },
    });
    times = run.recording.times;
  }
  const baseline = variants[0];
  const relative = def.relative;
  if (baseline !== undefined && relative !== undefined) {
    for (let i = 0; i < variants.length; i++) {
      const v = variants[i] as VariantResult;
      variants[i] = { ...v, metrics: { ...v.metrics, ...relative(v.metrics, baseline.metrics) } };
    }
  }
  const targets: TargetResult[] = def.targets.map((t) => {
    const v = variants.find((x) => x.id === t.variant);
    if (v === undefined) return { label: t.label, variant: t.variant, measured: `variant ${t.variant} is not part of this run`, met: null };
    return { label: t.label, variant: t.variant, ...t.check(v.metrics) };
  });
  return {
    scenario: def.id,
    title: def.title,
    question: def.question,
    seed: options.seed,
    size: options.size,
    params: { ...params },
    times,
    phases: def.phases(params),
    columns: def.columns,
    variants,
    targets,
    charts: def.charts,
    notes: def.notes,
  };
}

/** A scenario with its parameter type erased: what the demo and the tests run. */
export interface Scenario {
  readonly id: string;
  readonly title: string;
  run: (options: RunOptions) => Promise<ScenarioResult>;
}

/** Wraps a definition for the scenario list. */
export function scenario<P extends Params>(def: ScenarioDef<P>): Scenario {
  return { id: def.id, title: def.title, run: (options) => runScenario(def, options) };
}
