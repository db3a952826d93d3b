import type { IncomingMessage, ServerResponse } from 'node:http';
import { runWithContext } from '../../../core/ambient.js';
import { DeadlineExceededError } from '../../../core/errors/deadline-exceeded-error.js';
import { readDeadline } from '../../../deadline/propagation.js';
import { readPriority } from '../priority-header.js';
import type { NormalizedServerOptions } from './options.js';

/** The abort reason of a request whose client went away before the response was complete. */
export function clientDisconnected(): DOMException {
  return new DOMException('client disconnected', 'AbortError');
}

/** Ends `res` with a short plain-text answer. */
export function answer(res: ServerResponse, status: number, text: string): void {
  res.statusCode = status;
  res.setHeader('content-type', 'text/plain; charset=utf-8');
  res.setHeader('cache-control', 'no-store');
  res.end(text);
}

/**
 * Runs `run` inside the request's ambient context: the incoming deadline (clamped to `max`) and
 * priority, and a signal that aborts when the client disconnects before the response is complete
 * or when the deadline passes. A request whose budget is already spent gets 504 and `run` is not
 * called. The listener and the timer are released when the response closes.
 */
export function runInRequestScope<R>(
  req: IncomingMessage,
  res: ServerResponse,
  o: NormalizedServerOptions,
  run: (signal: AbortSignal) => R,
): R | undefined {
  const now = o.clock.now();
  let deadline = readDeadline(req.headers, o.header, o.max, now);
  if (deadline === undefined && o.defaultTimeout !== undefined) deadline = now + o.defaultTimeout;
  if (deadline !== undefined && deadline <= now) {
    answer(res, 504, 'deadline exceeded');
    return undefined;
  }
  const controller = new AbortController();
  const expiresAt = deadline;
  const timer =
    expiresAt === undefined
      ? undefined
      : o.clock.setTimer(expiresAt - now, () => {
          controller.abort(new DeadlineExceededError(expiresAt));
        });
  const onClose = (): void => {
    timer?.cancel();
    // 'close' follows 'finish' on a completed response; before it, the client went away.
    if (!res.writableFinished) controller.abort(clientDisconnected());
  };
  if (res.closed) onClose();
  else res.once('close', onClose);
  const priority = o.priorityHeader === undefined ? undefined : readPriority(req.headers, o.priorityHeader);
  return runWithContext(
    {
      signal: controller.signal,
      ...(deadline === undefined ? {} : { deadline }),
      ...(priority === undefined ? {} : { priority }),
    },
    () => run(controller.signal),
  );
}
