// One span per execute call and a child span per attempt, parented explicitly through the
// execution's context (no context manager needed). State lives in a WeakMap keyed by the
// call's ExecutionInfo and is dropped when the call ends, so nothing leaks.
import { context, SpanStatusCode, trace, type Context, type Exception, type Span, type Tracer } from '@opentelemetry/api';
import type * as E from '../../core/telemetry/events.js';
import type { ExecutionInfo } from '../../core/telemetry/events.js';
import type { EventOf, InstrumenterHook } from '../../core/telemetry/instrumenter.js';
import { attributesOf, type Attributes } from '../shared/attributes.js';
import { attemptKind, errorCode, errorMessage, errorType, EVENT_NAMES } from '../shared/vocabulary.js';

// Messages reach a span only through recordException, never as attributes.
const NO_MESSAGES = { errorMessages: false } as const;

interface Run {
  readonly span: Span;
  readonly parent: Context;
  readonly attempts: (Span | undefined)[];
}

/** Span bookkeeping for the executions one instrumenter has seen start. */
export class ExecutionSpans {
  private readonly runs = new WeakMap<ExecutionInfo, Run>();

  constructor(private readonly recordExceptions: boolean) {}

  start(tracer: Tracer, e: E.ExecutionStartEvent): void {
    const execution = e.execution;
    if (execution === undefined) return;
    const attributes: Attributes = { 'resile.priority': execution.priority };
    if (execution.name !== undefined) attributes['resile.name'] = execution.name;
    const name = execution.name === undefined ? 'resile.execute' : `resile.execute ${execution.name}`;
    const active = context.active();
    const span = tracer.startSpan(name, { startTime: execution.startedAt, attributes }, active);
    this.runs.set(execution, { span, parent: trace.setSpan(active, span), attempts: [] });
  }

  attempt(tracer: Tracer, e: E.AttemptEvent): void {
    const run = this.run(e);
    if (run === undefined) return;
    const attributes: Attributes = { 'resile.attempt': e.attempt, 'resile.attempt.kind': attemptKind(e.attempt, e.hedge), 'resile.hedge': e.hedge };
    if (e.name !== undefined) attributes['resile.name'] = e.name;
    run.attempts[e.attempt] = tracer.startSpan('resile.attempt', { startTime: e.at, attributes }, run.parent);
  }

  attemptEnd(e: E.AttemptEndEvent): void {
    const run = this.run(e);
    const span = run?.attempts[e.attempt];
    if (run === undefined || span === undefined) return;
    run.attempts[e.attempt] = undefined;
    span.setAttribute('resile.outcome', e.outcome);
    // Losing a hedge or being cancelled is not an error of the attempt: status stays unset.
    if (e.outcome === 'hedge-lost') span.setAttribute('resile.hedge.lost', true);
    else if (e.outcome === 'failure' || e.outcome === 'timeout') this.fail(span, e.error, e.at);
    span.end(e.at);
  }

  /** Adds the span event `resile.<event>` to the call's span, if this instrumenter tracks the call. */
  event<H extends InstrumenterHook>(hook: H, e: EventOf<H>): void {
    const run = this.run(e);
    if (run === undefined) return;
    const attributes = attributesOf(hook, e, NO_MESSAGES);
    delete attributes['resile.event'];
    run.span.addEvent(`resile.${EVENT_NAMES[hook]}`, attributes, e.at);
  }

  /** Sets attributes on the call's span. */
  annotate(e: E.EventBase, attributes: Attributes): void {
    this.run(e)?.span.setAttributes(attributes);
  }

  end(e: E.ExecutionEndEvent): void {
    const execution = e.execution;
    const run = execution === undefined ? undefined : this.runs.get(execution);
    if (execution === undefined || run === undefined) return;
    this.runs.delete(execution);
    for (const span of run.attempts) {
      // Attempts that never reported an end (abandoned by an outer layer) close with the call.
      if (span === undefined) continue;
      span.setAttribute('resile.outcome', 'cancelled');
      span.end(e.at);
    }
    run.span.setAttribute('resile.outcome', e.outcome);
    if (e.outcome === 'failure') this.fail(run.span, e.error, e.at);
    run.span.end(e.at);
  }

  private run(e: E.EventBase): Run | undefined {
    return e.execution === undefined ? undefined : this.runs.get(e.execution);
  }

  private fail(span: Span, error: unknown, at: number): void {
    span.setAttribute('error.type', errorType(error));
    const code = errorCode(error);
    if (code !== undefined) span.setAttribute('error.code', code);
    if (this.recordExceptions) span.recordException(toException(error), at);
    span.setStatus({ code: SpanStatusCode.ERROR });
  }
}

function toException(error: unknown): Exception {
  if (error instanceof Error) return error;
  if (typeof error !== 'object' || error === null) return String(error);
  const message = errorMessage(error);
  return message === undefined ? { name: errorType(error) } : { name: errorType(error), message };
}
