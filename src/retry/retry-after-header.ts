// Anything longer than a day is not a sensible retry hint; treat it as absent rather than obey it.
const MAX_SECONDS = 86_400;

/**
 * Parses an HTTP `Retry-After` value (delay-seconds or an HTTP date) into milliseconds from
 * `now` (epoch ms). Returns `undefined` for absent, malformed or absurd values; never throws.
 * A date in the past yields 0.
 */
export function retryAfterFromHeader(value: string | null | undefined, now: number): number | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text.length === 0 || text.length > 64) return undefined;
  if (/^\d+$/.test(text)) {
    const seconds = Number(text);
    return seconds <= MAX_SECONDS ? seconds * 1000 : undefined;
  }
  // Only accept something that looks like an HTTP date (it has a letter), not e.g. "1.5" or "-3".
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  const ms = at - now;
  if (ms > MAX_SECONDS * 1000) return undefined;
  return ms > 0 ? ms : 0;
}
