/** resile/http: deadline propagation through Node HTTP servers, a resilient fetch, and health checks. */
export { createFetch, type ResilientFetch } from './fetch/create-fetch.js';
export type { CreateFetchOptions, FetchFunction } from './fetch/options.js';
export { HttpStatusError, type HttpStatusErrorOptions } from './http-status-error.js';
export { deadlineMiddleware, withDeadline, type Middleware, type RequestHandler } from './server/middleware.js';
export type { DeadlineMiddlewareOptions } from './server/options.js';
export { DEFAULT_PRIORITY_HEADER } from './priority-header.js';
export { HealthRegistry, type HealthReport } from './health/health-registry.js';
export type {
  BreakerCheckOptions,
  BreakerLike,
  HealthCheckContext,
  HealthCheckFn,
  HealthCheckOptions,
  HealthKind,
  HealthRegistryOptions,
} from './health/options.js';
export type { CheckResult } from './health/run-check.js';
