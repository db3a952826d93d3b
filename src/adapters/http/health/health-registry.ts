import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Clock } from '../../../core/clock.js';
import { rangeError } from '../../../core/validate.js';
import {
  checkKind,
  HEALTH_KINDS,
  normalizeCheck,
  normalizeRegistryOptions,
  type BreakerCheckOptions,
  type HealthCheckOptions,
  type HealthKind,
  type HealthRegistryOptions,
  type NormalizedCheck,
} from './options.js';
import { runCheck, type CheckResult } from './run-check.js';

/** What a probe reports: `ok` when every required check passed. */
export interface HealthReport {
  readonly ok: boolean;
  readonly checks: Readonly<Record<string, CheckResult>>;
}

/**
 * Liveness, readiness and startup checks for a service, each answered by running its checks
 * concurrently under per-check timeouts. Liveness should only test the process itself (a stuck
 * event loop, a broken invariant): a failing liveness probe gets the process restarted, and
 * restarting every replica because a database is down turns an outage into a crash loop. So
 * dependency checks (and breaker checks) belong to readiness, which only takes the replica out of
 * the load balancer. Startup passes once and then stays passed, as orchestrators expect.
 */
export class HealthRegistry {
  private readonly timeout: number;
  private readonly clock: Clock;
  private readonly checks = new Map<HealthKind, NormalizedCheck[]>(HEALTH_KINDS.map((k) => [k, []]));
  private started: HealthReport | undefined = undefined;

  constructor(options?: HealthRegistryOptions) {
    ({ timeout: this.timeout, clock: this.clock } = normalizeRegistryOptions(options));
  }

  /** Adds a check of the process itself (no dependencies: see the class notes). */
  addLiveness(options: HealthCheckOptions): this {
    return this.add('liveness', 'HealthRegistry.addLiveness', options, false);
  }

  /** Adds a readiness check: a dependency, or a circuit breaker that must not be open. */
  addReadiness(options: HealthCheckOptions | BreakerCheckOptions): this {
    return this.add('readiness', 'HealthRegistry.addReadiness', options, true);
  }

  /** Adds a startup check (e.g. caches warmed, migrations applied). */
  addStartup(options: HealthCheckOptions | BreakerCheckOptions): this {
    this.started = undefined;
    return this.add('startup', 'HealthRegistry.addStartup', options, true);
  }

  /** Runs every check of `kind` concurrently and reports; never rejects (an invalid `kind` throws). */
  check(kind: HealthKind): Promise<HealthReport> {
    const k = checkKind('HealthRegistry.check', kind);
    if (k === 'startup' && this.started !== undefined) return Promise.resolve(this.started);
    return this.run(k);
  }

  private async run(k: HealthKind): Promise<HealthReport> {
    const list = this.checks.get(k) ?? [];
    const results = await Promise.all(list.map((c) => runCheck(c, this.clock)));
    const checks: Record<string, CheckResult> = {};
    list.forEach((c, i) => {
      checks[c.name] = results[i] as CheckResult;
    });
    const ok = list.every((c, i) => !c.required || (results[i] as CheckResult).ok);
    const report = Object.freeze({ ok, checks: Object.freeze(checks) });
    if (k === 'startup' && ok) this.started = report;
    return report;
  }

  /** A `node:http` (and express) handler answering 200 or 503 with the JSON report of `kind`. */
  handler(kind: HealthKind): (req: IncomingMessage, res: ServerResponse) => void {
    const k = checkKind('HealthRegistry.handler', kind);
    return (req, res) => {
      void this.check(k).then((report) => {
        res.statusCode = report.ok ? 200 : 503;
        res.setHeader('content-type', 'application/json; charset=utf-8');
        res.setHeader('cache-control', 'no-store');
        res.end(req.method === 'HEAD' ? undefined : JSON.stringify(report));
      });
    };
  }

  private add(kind: HealthKind, owner: string, options: unknown, allowBreaker: boolean): this {
    const check = normalizeCheck(owner, options, this.timeout, allowBreaker);
    const list = this.checks.get(kind) ?? [];
    if (list.some((c) => c.name === check.name)) rangeError(owner, 'name', `unique among ${kind} checks`, check.name);
    list.push(check);
    return this;
  }
}
