// Flat attributes of each event in the documented vocabulary: log line fields, span event
// attributes. User payloads never appear: only names, numbers, states and error type/code (and
// the error message when the caller opts in).
import type * as E from '../../core/telemetry/events.js';
import type { EventOf, InstrumenterHook } from '../../core/telemetry/instrumenter.js';
import { EVENT_NAMES, errorCode, errorMessage, errorType } from './vocabulary.js';

/** Attribute values: primitives only, as OpenTelemetry and structured loggers expect. */
export type Attributes = Record<string, string | number | boolean>;

/** What {@link attributesOf} may include beyond the always-safe fields. */
export interface AttributeOptions {
  /** Add `error.message`. */
  readonly errorMessages: boolean;
}

type Describe<H extends InstrumenterHook> = (a: Attributes, e: EventOf<H>, o: AttributeOptions) => void;

const DESCRIBE: { [H in InstrumenterHook]: Describe<H> } = {
  onExecutionStart: (a, e) => {
    if (e.execution !== undefined) a['resile.priority'] = e.execution.priority;
  },
  onExecutionEnd: (a, e, o) => {
    a['resile.outcome'] = e.outcome;
    a['resile.duration_ms'] = e.durationMs;
    if (e.outcome === 'failure') addError(a, e.error, o);
  },
  onAttempt: (a, e) => {
    a['resile.attempt'] = e.attempt;
    a['resile.hedge'] = e.hedge;
  },
  onAttemptEnd: (a, e, o) => {
    a['resile.attempt'] = e.attempt;
    a['resile.hedge'] = e.hedge;
    a['resile.outcome'] = e.outcome;
    a['resile.duration_ms'] = e.durationMs;
    if (e.error !== undefined) addError(a, e.error, o);
  },
  onRetry: (a, e, o) => {
    a['resile.attempt'] = e.attempt;
    a['resile.retry.delay_ms'] = e.delayMs;
    a['resile.retry.server_hint'] = e.serverHint;
    if (e.error !== undefined) addError(a, e.error, o);
  },
  onSuccess: (a, e) => {
    a['resile.attempts'] = e.attempts;
    a['resile.duration_ms'] = e.durationMs;
  },
  onGiveUp: (a, e, o) => {
    a['resile.attempts'] = e.attempts;
    a['resile.duration_ms'] = e.durationMs;
    a['resile.give_up.reason'] = e.reason;
    if (e.error !== undefined) addError(a, e.error, o);
  },
  onHedge: (a, e) => {
    a['resile.attempt'] = e.attempt;
    a['resile.hedge.trigger'] = e.trigger;
  },
  onFallback: (a, e, o) => {
    addError(a, e.error, o);
  },
  onDeadlineAbort: (a, e) => {
    a['resile.attempt'] = e.attempt;
    a['resile.deadline.remaining_ms'] = e.remainingMs;
    a['resile.deadline.threshold_ms'] = e.thresholdMs;
  },
  onCircuitStateChange: (a, e) => {
    a['resile.circuit.from_state'] = e.from;
    a['resile.circuit.to_state'] = e.to;
  },
  onBulkheadFull: (a, e) => {
    bulkhead(a, e);
    if (e.reason !== undefined) a['resile.bulkhead.reason'] = e.reason;
  },
  onBulkheadUsage: bulkhead,
  onShedLoad: (a, e) => {
    a['resile.priority'] = e.priority;
    a['resile.shed.reason'] = e.reason;
  },
  onRateLimitExceeded: (a, e) => {
    a['resile.rate_limit.retry_after_ms'] = e.retryAfter;
  },
  onRetryThrottled: (a, e) => {
    a['resile.attempt'] = e.attempt;
    a['resile.retry.throttled'] = true;
    if (e.budget !== undefined) a['resile.retry.budget'] = e.budget;
  },
  onChaos: (a, e) => {
    a['resile.chaos.kind'] = e.kind;
    if (e.latencyMs !== undefined) a['resile.chaos.latency_ms'] = e.latencyMs;
  },
  onLimitChange: (a, e) => {
    a['resile.limit.from'] = e.from;
    a['resile.limit.to'] = e.to;
  },
  onHealthChange: (a, e) => {
    a['resile.health.component'] = e.component;
    a['resile.health.state'] = e.state;
    a['resile.health.reason'] = e.reason;
  },
  onStoreUnavailable: (a, e, o) => {
    a['resile.store.mode'] = e.mode;
    addError(a, e.error, o);
  },
  onStoreRecovered: (a, e) => {
    a['resile.store.downtime_ms'] = e.downtimeMs;
  },
  onListenerError: (a, e, o) => {
    a['resile.listener.hook'] = e.hook;
    addError(a, e.error, o);
  },
};

function bulkhead(a: Attributes, e: E.BulkheadFullEvent | E.BulkheadUsageEvent): void {
  a['resile.bulkhead.active'] = e.active;
  a['resile.bulkhead.capacity'] = e.capacity;
  a['resile.bulkhead.queued'] = e.queued;
}

/** Adds `error.type`, `error.code` when there is one, and `error.message` when allowed. */
export function addError(a: Attributes, error: unknown, o: AttributeOptions): void {
  a['error.type'] = errorType(error);
  const code = errorCode(error);
  if (code !== undefined) a['error.code'] = code;
  if (!o.errorMessages) return;
  const message = errorMessage(error);
  if (message !== undefined) a['error.message'] = message;
}

/**
 * The attributes of one event: `resile.event`, `resile.name`, `resile.execution.name` (when a
 * block's event happened inside a differently named call) and the event's own fields.
 */
export function attributesOf<H extends InstrumenterHook>(hook: H, event: EventOf<H>, o: AttributeOptions): Attributes {
  const a: Attributes = { 'resile.event': EVENT_NAMES[hook] };
  const base: E.EventBase = event;
  if (base.name !== undefined) a['resile.name'] = base.name;
  const outer = base.execution?.name;
  if (outer !== undefined && outer !== base.name) a['resile.execution.name'] = outer;
  (DESCRIBE[hook] as Describe<H>)(a, event, o);
  return a;
}
