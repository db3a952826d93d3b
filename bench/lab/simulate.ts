// Runs one variant of a scenario: builds the variant's client on a fresh SimClock, drives an
// open-loop load through it against the scenario's dependency, and records what users saw and
// what the dependency received. The world's randomness (arrivals, priorities, service times)
// comes from streams named after the scenario, not the variant, so every variant faces exactly
// the same arrivals: differences between rows are the policy's doing.
import type { Action } from '../../src/core/context.js';
import { Priority } from '../../src/core/priority.js';
import { SimClock } from '../sim/clock.js';
import { openLoop } from '../sim/load.js';
import { stream, type Random } from '../sim/random.js';
import { Recorder, type Recording } from '../sim/recorder.js';
import type { ScheduleLike } from '../sim/schedule.js';
import type { Client, Size, Variant } from './scenario.js';

/** Anything requests can be sent to: a dependency or a cluster of them. */
export interface Target {
  call(signal?: AbortSignal): Promise<void>;
  /** Requests received so far (retries and hedges included). */
  readonly arrivals: number;
  /**
   * Whether the dependency reacts to a caller's abort (e.g. drops abandoned queued calls).
   * When it does not, attempts are sent without their signal: no `AbortSignal` is made per
   * attempt, which makes large runs much faster, and resile still abandons the attempt at once.
   */
  readonly needsSignal: boolean;
}

/** Everything {@link simulate} needs. */
export interface SimulationSpec<P> {
  scenario: string;
  variant: Variant<P>;
  params: P;
  seed: number;
  size: Size;
  /** Arrivals stop after this many ms. */
  duration: number;
  /** Extra simulated time for requests in flight to finish (they count as unfinished after). */
  grace: number;
  bucketMs: number;
  /** User requests per second. */
  rate: ScheduleLike;
  /** Builds the dependency on the run's clock with the world's random stream. */
  target: (clock: SimClock, random: Random) => Target;
  /** Share of each priority among user requests. @defaultValue all standard */
  mix?: readonly (readonly [Priority, number])[];
  /** One user request; default: `client.send(call, { priority })`. */
  request?: (r: UserCall) => Promise<unknown>;
  onProgress?: ((fraction: number) => void) | undefined;
}

/** What a scenario's custom user request gets. */
export interface UserCall {
  readonly client: Client;
  /** One attempt against the dependency. */
  readonly call: Action<void>;
  readonly priority: Priority;
  readonly clock: SimClock;
}

/** What one simulated variant produced. */
export interface Simulation {
  readonly recording: Recording;
  readonly recorder: Recorder;
  readonly target: Target;
}

function pickPriority(mix: readonly (readonly [Priority, number])[], random: Random): Priority {
  let total = 0;
  for (const [, w] of mix) total += w;
  let x = random() * total;
  for (const [p, w] of mix) {
    x -= w;
    if (x < 0) return p;
  }
  return (mix[mix.length - 1] as readonly [Priority, number])[0];
}

/** Runs one variant of a scenario to the end of its simulated time. */
export async function simulate<P>(spec: SimulationSpec<P>): Promise<Simulation> {
  const clock = new SimClock();
  const world = (name: string): Random => stream(spec.seed, `${spec.scenario}/${name}`);
  const target = spec.target(clock, world('dependency'));
  const client = spec.variant.build({
    clock,
    random: stream(spec.seed, `${spec.scenario}/client/${spec.variant.id}`),
    size: spec.size,
    params: spec.params,
  });
  const recorder = new Recorder({ clock, bucketMs: spec.bucketMs, duration: spec.duration + spec.grace });
  recorder.gauge('load', () => target.arrivals, 'counter');
  for (const [name, read] of Object.entries(client.gauges ?? {})) if (read !== undefined) recorder.gauge(name, read);
  recorder.startSampling();

  const call: Action<void> = target.needsSignal ? (ctx) => target.call(ctx.signal) : () => target.call();
  const send = spec.request ?? ((r: UserCall) => r.client.send(r.call, { priority: r.priority }));
  const mixRandom = world('mix');
  openLoop({
    clock,
    random: world('arrivals'),
    rate: spec.rate,
    duration: spec.duration,
    onArrival: () => {
      const priority = spec.mix === undefined ? Priority.Standard : pickPriority(spec.mix, mixRandom);
      const handle = recorder.begin(priority);
      send({ client, call, priority, clock }).then(
        () => {
          handle.succeed();
        },
        (error: unknown) => {
          handle.fail(error);
        },
      );
    },
  });

  const end = spec.duration + spec.grace;
  const steps = 20;
  for (let i = 1; i <= steps; i++) {
    await clock.run((end * i) / steps);
    spec.onProgress?.(i / steps);
  }
  return { recording: recorder.finish(), recorder, target };
}
