import type { Clock, TimerHandle } from '../../../core/clock.js';
import { DeadlineExceededError } from '../../../core/errors/deadline-exceeded-error.js';
import type { AttemptRecord } from './attempts.js';

/** Copies what a `Response` constructor cannot set (url, redirected, type) onto `target`. */
function copyMeta(target: Response, source: Response): Response {
  Object.defineProperties(target, {
    url: { value: source.url },
    redirected: { value: source.redirected },
    type: { value: source.type },
    clone: { value: () => copyMeta(Response.prototype.clone.call(target), source) },
  });
  return target;
}

/**
 * Hands the returned response to the caller while keeping it cancellable. Once the call has
 * settled its attempt signal no longer listens to the caller, so the body read is guarded here:
 * the caller's signals and the deadline abort the response's fetch until the body is fully read,
 * errors or is cancelled, and then every listener and the timer are released.
 */
export function guardBody(
  response: Response,
  record: AttemptRecord,
  signals: readonly (AbortSignal | undefined)[],
  clock: Clock,
): Response {
  // The attempt is over; from now on only the caller and the deadline may stop the body.
  record.link.dispose();
  const body = response.body;
  const deadline = record.deadline;
  const watched = [...new Set(signals)].filter((s): s is AbortSignal => s !== undefined);
  if (body === null || (watched.length === 0 && deadline === undefined)) return response;
  const stop = (reason: unknown): void => {
    record.link.abort(reason);
  };
  for (const signal of watched) {
    if (signal.aborted) {
      stop(signal.reason);
      return response;
    }
  }
  if (deadline !== undefined && deadline <= clock.now()) {
    stop(new DeadlineExceededError(deadline));
    return response;
  }
  const reader = body.getReader();
  let timer: TimerHandle | undefined;
  const listeners = watched.map((signal) => {
    const onAbort = (): void => {
      stop(signal.reason);
    };
    signal.addEventListener('abort', onAbort);
    return () => {
      signal.removeEventListener('abort', onAbort);
    };
  });
  const release = (): void => {
    for (const remove of listeners.splice(0)) remove();
    timer?.cancel();
  };
  if (deadline !== undefined) {
    timer = clock.setTimer(deadline - clock.now(), () => {
      stop(new DeadlineExceededError(deadline));
    });
  }
  const stream = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const chunk = await reader.read();
        if (chunk.done) {
          release();
          controller.close();
        } else {
          controller.enqueue(chunk.value);
        }
      } catch (error) {
        release();
        controller.error(error);
      }
    },
    cancel(reason) {
      release();
      return reader.cancel(reason);
    },
  });
  return copyMeta(new Response(stream, { status: response.status, statusText: response.statusText, headers: response.headers }), response);
}
