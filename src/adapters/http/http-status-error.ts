import { ResileError, defineErrorClass } from '../../core/errors/resile-error.js';

/** Options of {@link HttpStatusError}. */
export interface HttpStatusErrorOptions {
  /** The server's `Retry-After` hint in ms; the retry loop waits this long instead of backing off. */
  retryAfter?: number | undefined;
  /** What ended the call (e.g. the `RetryExhaustedError` of every attempt). */
  cause?: unknown;
}

/**
 * An HTTP response whose status is a failure. `createFetch` throws it inside its attempts for
 * retryable statuses (so retries, circuit breakers and throttles see the failure) and, with
 * `throwOnStatus`, to the caller. `response` is the real `Response`; its body is still readable.
 */
export class HttpStatusError extends ResileError {
  declare readonly code: 'ERR_HTTP_STATUS';
  /** The HTTP status code. */
  readonly status: number;
  /** The response; read or cancel its body. */
  readonly response: Response;

  constructor(response: Response, options: HttpStatusErrorOptions = {}) {
    const text = response.statusText === '' ? '' : ` ${response.statusText}`;
    super(`HTTP ${String(response.status)}${text}`, {
      cause: options.cause,
      ...(options.retryAfter === undefined ? {} : { retryAfter: options.retryAfter }),
    });
    this.status = response.status;
    this.response = response;
  }
}
defineErrorClass(HttpStatusError, 'HttpStatusError', 'ERR_HTTP_STATUS');
