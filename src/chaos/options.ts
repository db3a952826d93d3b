import type { AttemptContext } from '../core/context.js';
import { ChaosError } from '../core/errors/chaos-error.js';
import type { Random } from '../core/random.js';
import { checkDelay, checkFunction, checkProbability, rangeError, typeError } from '../core/validate.js';

/** Faults to inject, for testing how the rest of a policy copes. */
export interface ChaosConfig {
  /** Chance in [0, 1] that an attempt fails with `error` instead of running. @defaultValue 0 */
  errorProbability?: number;
  /** The error to inject, or a function making one per injection. @defaultValue a new `ChaosError` */
  error?: unknown;
  /** Chance in [0, 1] that an attempt is delayed by `latency` ms first. @defaultValue 0 */
  latencyProbability?: number;
  /** Injected delay in ms (aborts with the attempt's signal; zero under the testing bypass). */
  latency?: number;
  /** Random source (seed it to replay a run). @defaultValue the call's random */
  random?: Random;
  /** Label for `onChaos` events. @defaultValue the call's name */
  name?: string;
}

/** Validated, frozen chaos settings. */
export interface NormalizedChaos {
  readonly errorProbability: number;
  readonly makeError: (ctx: AttemptContext) => unknown;
  readonly latencyProbability: number;
  readonly latency: number;
  readonly random: Random | undefined;
  readonly name: string | undefined;
}

const defaultError = (): unknown => new ChaosError();

/**
 * Validates a chaos config for `owner`; option names in messages get `prefix` (`chaos.` when the
 * config is the `chaos` option of `execute`). A probability without its fault, or a fault without
 * its probability, is refused: chaos that silently does nothing (or everything) is a trap.
 */
export function normalizeChaos(owner: string, config: unknown, prefix = ''): NormalizedChaos {
  if (config === undefined || config === null || typeof config !== 'object' || Array.isArray(config)) {
    typeError(owner, prefix === '' ? 'config' : prefix.slice(0, -1), 'a ChaosConfig object', config);
  }
  const c = config as ChaosConfig;
  const name = (option: string): string => `${prefix}${option}`;
  const errorProbability = c.errorProbability === undefined ? 0 : checkProbability(owner, name('errorProbability'), c.errorProbability);
  const latencyProbability = c.latencyProbability === undefined ? 0 : checkProbability(owner, name('latencyProbability'), c.latencyProbability);
  if (c.error !== undefined && c.errorProbability === undefined) {
    rangeError(owner, name('errorProbability'), `set when ${name('error')} is set`, c.errorProbability);
  }
  if (c.latency !== undefined && c.latencyProbability === undefined) {
    rangeError(owner, name('latencyProbability'), `set when ${name('latency')} is set`, c.latencyProbability);
  }
  if (c.latencyProbability !== undefined && c.latency === undefined) {
    rangeError(owner, name('latency'), `set when ${name('latencyProbability')} is set`, c.latency);
  }
  const latency = c.latency === undefined ? 0 : checkDelay(owner, name('latency'), c.latency);
  const error = c.error;
  const makeError = error === undefined ? defaultError : typeof error === 'function' ? (error as (ctx: AttemptContext) => unknown) : () => error;
  if (c.name !== undefined && typeof c.name !== 'string') typeError(owner, name('name'), 'a string', c.name);
  return Object.freeze({
    errorProbability,
    makeError,
    latencyProbability,
    latency,
    random: c.random === undefined ? undefined : checkFunction<Random>(owner, name('random'), c.random),
    name: c.name,
  });
}
