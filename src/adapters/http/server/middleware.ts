import type { IncomingMessage, ServerResponse } from 'node:http';
import { isThenable } from '../../../core/thenable.js';
import { checkFunction } from '../../../core/validate.js';
import { normalizeServerOptions, type DeadlineMiddlewareOptions } from './options.js';
import { answer, runInRequestScope } from './request-scope.js';

/** A connect/express-style middleware. */
export type Middleware<Req extends IncomingMessage = IncomingMessage, Res extends ServerResponse = ServerResponse> = (
  req: Req,
  res: Res,
  next: (error?: unknown) => void,
) => void;

/** A plain `node:http` request handler. */
export type RequestHandler<Req extends IncomingMessage = IncomingMessage, Res extends ServerResponse = ServerResponse> = (
  req: Req,
  res: Res,
) => unknown;

/**
 * Connect/express middleware that carries the caller's deadline and priority into everything the
 * rest of the chain does: `next()` runs inside `runWithContext`, so every `execute` and
 * `createFetch` call downstream inherits the remaining budget and a signal that aborts when the
 * client disconnects. A request whose budget is already spent is answered 504 at once.
 */
export function deadlineMiddleware<Req extends IncomingMessage = IncomingMessage, Res extends ServerResponse = ServerResponse>(
  options?: DeadlineMiddlewareOptions,
): Middleware<Req, Res> {
  const o = normalizeServerOptions('deadlineMiddleware', options);
  return (req, res, next) => {
    runInRequestScope(req, res, o, () => {
      next();
    });
  };
}

/**
 * Wraps a plain `node:http` handler like {@link deadlineMiddleware}. A handler that throws or
 * rejects gets a 504 (deadline exceeded) or 500 answer when nothing was sent yet; when the
 * response had started, or the client is gone, the connection is closed instead.
 */
export function withDeadline<Req extends IncomingMessage = IncomingMessage, Res extends ServerResponse = ServerResponse>(
  handler: RequestHandler<Req, Res>,
  options?: DeadlineMiddlewareOptions,
): (req: Req, res: Res) => void {
  const run = checkFunction<RequestHandler<Req, Res>>('withDeadline', 'handler', handler);
  const o = normalizeServerOptions('withDeadline', options);
  return (req, res) => {
    runInRequestScope(req, res, o, (signal) => {
      let result: unknown;
      try {
        result = run(req, res);
      } catch (error) {
        answerFailure(res, signal, error);
        return;
      }
      if (isThenable(result)) {
        result.then(undefined, (error: unknown) => {
          answerFailure(res, signal, error);
        });
      }
    });
  };
}

function isDeadlineError(error: unknown): boolean {
  return (error as { code?: unknown } | null)?.code === 'ERR_DEADLINE_EXCEEDED';
}

function answerFailure(res: ServerResponse, signal: AbortSignal, error: unknown): void {
  if (res.headersSent || res.destroyed || (signal.aborted && !isDeadlineError(signal.reason))) {
    res.destroy();
    return;
  }
  if (isDeadlineError(error) || isDeadlineError(signal.reason)) answer(res, 504, 'deadline exceeded');
  else answer(res, 500, 'internal server error');
}
