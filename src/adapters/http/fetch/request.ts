/** One logical request, prepared so that every attempt can send it again. */
export interface RequestPlan {
  readonly url: string | URL;
  readonly method: string;
  /** Headers of every attempt (each attempt adds its own deadline header to a copy). */
  readonly headers: Headers;
  readonly body: BodyInit | null;
  /** False when the body is a stream that can be sent only once. */
  readonly replayable: boolean;
  /** Everything else the caller gave (redirect, credentials, a dispatcher, ...). */
  readonly init: RequestInit;
  /** The caller's per-request signal. */
  readonly signal: AbortSignal | undefined;
}

// Body types fetch re-reads from scratch on every call; anything else (streams, async
// iterables) is consumed by the first attempt.
function isReplayable(body: unknown): boolean {
  return (
    body === undefined ||
    body === null ||
    typeof body === 'string' ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body) ||
    body instanceof Blob ||
    body instanceof FormData ||
    body instanceof URLSearchParams
  );
}

// The fields of a Request that fetch honours besides url, method, headers, body and signal.
function requestFields(request: Request): RequestInit {
  return {
    redirect: request.redirect,
    credentials: request.credentials,
    cache: request.cache,
    integrity: request.integrity,
    keepalive: request.keepalive,
    referrer: request.referrer,
    referrerPolicy: request.referrerPolicy,
  };
}

/**
 * Turns fetch's `(input, init)` into a plan every attempt can replay: `init` overrides a
 * `Request`'s fields as in `fetch`, and a `Request`'s body is read once into memory.
 */
export async function planRequest(input: RequestInfo | URL, init: RequestInit | undefined): Promise<RequestPlan> {
  const request = input instanceof Request ? input : undefined;
  const { headers, body, signal, method, ...rest } = init ?? {};
  let payload: BodyInit | null = body ?? null;
  if (body === undefined && request !== undefined && request.body !== null) payload = await request.arrayBuffer();
  return {
    url: request === undefined ? (input as string | URL) : request.url,
    method: (method ?? request?.method ?? 'GET').toUpperCase(),
    headers: new Headers(headers ?? request?.headers),
    body: payload,
    replayable: isReplayable(payload),
    init: request === undefined ? rest : { ...requestFields(request), ...rest },
    signal: signal === undefined ? request?.signal : (signal ?? undefined),
  };
}
