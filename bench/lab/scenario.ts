// The shape of a lab scenario. A scenario owns the simulated world (dependency, load, timeline)
// and the measurements; a *variant* owns only the client: how one user request reaches the
// dependency (plain retries, hedging, a retry budget, a breaker, a limiter...). Adding a variant
// to a scenario's `variants` array is all it takes to compare another policy: the table, the
// JSON, the charts and the determinism test pick it up.
import type { Action } from '../../src/core/context.js';
import type { Priority } from '../../src/core/priority.js';
import type { SimClock } from '../sim/clock.js';
import type { Random } from '../sim/random.js';

/** How big a run is: `full` for the README numbers, `quick` for CI, `smoke` for unit tests. */
export type Size = 'full' | 'quick' | 'smoke';

/** Options of one scenario run. */
export interface RunOptions {
  seed: number;
  size: Size;
  /** Progress of the current variant, 0..1 of its simulated time. */
  onProgress?: (variant: string, fraction: number) => void;
}

/** What a variant builds its client from. */
export interface VariantEnv<P> {
  /** The run's clock: pass it to every resile call and block (`clock` option). */
  readonly clock: SimClock;
  /** A seeded stream private to this variant (pass it as `random` for jitter). */
  readonly random: Random;
  readonly size: Size;
  /** The scenario's parameters (e.g. the measured p95, the server's knee). */
  readonly params: P;
}

/** One user request, as the scenario describes it to the client. */
export interface UserRequest {
  readonly priority: Priority;
}

/**
 * Gauge names the report charts when a variant provides them. `limit`: a concurrency limit;
 * `breaker`: a circuit breaker state as {@link breakerStateCode} encodes it. Any other name is
 * recorded as a series too (and charted when a scenario declares a chart for it).
 */
export type GaugeName = 'limit' | 'breaker' | (string & {});

/** The client a variant builds: how user requests reach the dependency. */
export interface Client {
  /** Sends one user request; `call` is one attempt against the dependency (it honours `ctx.signal`). */
  send(call: Action<void>, request: UserRequest): Promise<unknown>;
  /** Read once per time bucket and charted over time. */
  readonly gauges?: Readonly<Partial<Record<GaugeName, () => number>>>;
}

/** One policy compared by a scenario. */
export interface Variant<P> {
  /** Stable id (JSON keys, chart series ids): lowercase words joined by dashes. */
  readonly id: string;
  /** Short label for tables and legends. */
  readonly label: string;
  /** One sentence: what the client does. */
  readonly description: string;
  build(env: VariantEnv<P>): Client;
}

/** Breaker state as a number for charts: closed 0, half-open 1, open 2, isolated 3. */
export function breakerStateCode(state: 'closed' | 'half-open' | 'open' | 'isolated'): number {
  return { closed: 0, 'half-open': 1, open: 2, isolated: 3 }[state];
}
