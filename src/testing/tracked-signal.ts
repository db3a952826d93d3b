/** An AbortController whose signal counts its abort listeners, to prove none is leaked. */
export interface TrackedController {
  readonly controller: AbortController;
  readonly signal: AbortSignal;
  /** Abort listeners currently registered on `signal`. */
  readonly listeners: number;
  abort(reason?: unknown): void;
}

/** Creates an AbortController whose signal counts `abort` listeners added and removed. */
export function trackedSignal(): TrackedController {
  const controller = new AbortController();
  const signal = controller.signal;
  const active = new Set<unknown>();
  const add = signal.addEventListener.bind(signal);
  const remove = signal.removeEventListener.bind(signal);
  signal.addEventListener = ((type: string, listener: unknown, options?: unknown) => {
    // `once` listeners count too: until the signal aborts they are as retained as any other.
    if (type === 'abort' && listener !== null) active.add(listener);
    add(type, listener as EventListener, options as AddEventListenerOptions);
  }) as AbortSignal['addEventListener'];
  signal.removeEventListener = ((type: string, listener: unknown, options?: unknown) => {
    if (type === 'abort') active.delete(listener);
    remove(type, listener as EventListener, options as EventListenerOptions);
  }) as AbortSignal['removeEventListener'];
  return {
    controller,
    signal,
    get listeners() {
      return active.size;
    },
    abort: (reason?: unknown) => {
      controller.abort(reason);
      active.clear();
    },
  };
}
