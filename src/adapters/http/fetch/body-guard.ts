import type { Clock, TimerHandle } from '../../../core/clock.js';
import { DeadlineExceededError } from '../../../core/errors/deadline-exceeded-error.js';

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

function ignore(): void {
  // The source body is being given up; how its cancellation ends does not matter.
}

/**
 * Hands the returned response to the caller while keeping it cancellable. Once the call has
 * settled its attempt signal no longer listens to the caller, so the body read is guarded here:
 * the caller's signals and the deadline cancel the body (closing its socket) and make the
 * caller's read fail with their reason, until the body is fully read, errors or is cancelled;
 * then every listener and the timer are released. Throws the reason when a signal has already
 * aborted or the deadline has already passed.
 */
export function guardBody(response: Response, deadline: number | undefined, signals: readonly (AbortSignal | undefined)[], clock: Clock): Response {
  const body = response.body;
  const watched = signals.filter((s, i): s is AbortSignal => s !== undefined && signals.indexOf(s) === i);
  if (body === null || (watched.length === 0 && deadline === undefined)) return response;
  const early = watched.find((s) => s.aborted);
  if (early !== undefined) {
    body.cancel(early.reason).catch(ignore);
    throw early.reason;
  }
  if (deadline !== undefined && deadline <= clock.now()) {
    const expired = new DeadlineExceededError(deadline);
    body.cancel(expired).catch(ignore);
    throw expired;
  }
  const reader = body.getReader();
  let stopped = false;
  let timer: TimerHandle | undefined;
  let controller!: ReadableStreamDefaultController<Uint8Array>;
  const removers = watched.map((signal) => {
    const onAbort = (): void => {
      stop(signal.reason);
    };
    signal.addEventListener('abort', onAbort);
    return () => {
      signal.removeEventListener('abort', onAbort);
    };
  });
  const release = (): void => {
    stopped = true;
    for (const remove of removers.splice(0)) remove();
    timer?.cancel();
  };
  const stop = (why: unknown): void => {
    if (stopped) return;
    release();
    controller.error(why);
    reader.cancel(why).catch(ignore);
  };
  if (deadline !== undefined) {
    timer = clock.setTimer(deadline - clock.now(), () => {
      stop(new DeadlineExceededError(deadline));
    });
  }
  const stream = new ReadableStream<Uint8Array>({
    start(c) {
      controller = c;
    },
    async pull(c) {
      try {
        const chunk = await reader.read();
        if (stopped) return;
        if (chunk.done) {
          release();
          c.close();
        } else {
          c.enqueue(chunk.value);
        }
      } catch (error) {
        if (stopped) return;
        release();
        c.error(error);
      }
    },
    cancel(why) {
      release();
      return reader.cancel(why);
    },
  });
  return copyMeta(new Response(stream, { status: response.status, statusText: response.statusText, headers: response.headers }), response);
}
