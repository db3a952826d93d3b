import { afterEach, beforeEach } from 'vitest';

/**
 * Records the unhandled rejections of each test of the calling file (register at file level).
 * `reasons` is emptied before every test.
 */
export function trackUnhandled(): { readonly reasons: unknown[] } {
  const tracked = { reasons: [] as unknown[] };
  const onUnhandled = (reason: unknown): void => {
    tracked.reasons.push(reason);
  };
  beforeEach(() => {
    tracked.reasons = [];
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
  });
  return tracked;
}
