import type { EventOf, Instrumenter, InstrumenterHook } from '../../core/telemetry/instrumenter.js';
import { attributesOf } from '../shared/attributes.js';
import { EVENT_NAMES, type EventName } from '../shared/vocabulary.js';
import { RULES, type LevelChoice } from './levels.js';
import { normalizeLoggerOptions, type LoggerInstrumenterOptions, type NormalizedLoggerOptions, type StructuredLogger } from './options.js';
import { TokenBucket } from './token-bucket.js';

/** An instrumenter that logs; `suppressed` counts lines the rate limit dropped so far. */
export interface LoggerInstrumenter extends Instrumenter {
  readonly suppressed: number;
}

interface Limit {
  readonly bucket: TokenBucket;
  dropped: number;
}

/**
 * Writes resile's events as structured lines to a pino-compatible logger: `logger[level](fields,
 * message)` with the documented `resile.*` / `error.*` fields. Each event name has its own token
 * bucket, so a retry storm cannot flood the logs nor hide a breaker opening; the next line that
 * passes carries `resile.suppressed`, the count dropped since the previous one.
 */
export function loggerInstrumenter(logger: StructuredLogger, options?: LoggerInstrumenterOptions): LoggerInstrumenter {
  const o = normalizeLoggerOptions(logger, options);
  const limits = new Map<EventName, Limit>();
  let suppressed = 0;

  const admit = (event: EventName): number | undefined => {
    const rate = o.rateLimit;
    if (rate === undefined) return 0;
    let limit = limits.get(event);
    if (limit === undefined) limits.set(event, (limit = { bucket: new TokenBucket(rate.perSecond, rate.burst), dropped: 0 }));
    if (!limit.bucket.tryTake(o.clock.now())) {
      limit.dropped++;
      suppressed++;
      return undefined;
    }
    const dropped = limit.dropped;
    limit.dropped = 0;
    return dropped;
  };

  // Returns what the logger returned, so the core can observe a promise that rejects later.
  const log = <H extends InstrumenterHook>(hook: H, event: EventOf<H>): unknown => {
    const name: EventName = EVENT_NAMES[hook];
    const [computed, message] = RULES[hook](event);
    const level: LevelChoice = o.levels[name] ?? computed;
    if (level === 'off' || logger.isLevelEnabled?.(level) === false) return undefined;
    const dropped = admit(name);
    if (dropped === undefined) return undefined;
    const fields = attributesOf(hook, event, o);
    if (dropped > 0) fields['resile.suppressed'] = dropped;
    return logger[level](fields, message);
  };

  const instrumenter: Record<string, unknown> = {};
  for (const hook of Object.keys(EVENT_NAMES) as InstrumenterHook[]) {
    // Events switched off get no hook at all: the core then never calls us for them.
    if (!isOff(o, hook)) instrumenter[hook] = (event: EventOf<typeof hook>) => log(hook, event);
  }
  Object.defineProperty(instrumenter, 'suppressed', { get: () => suppressed, enumerable: true });
  return instrumenter as unknown as LoggerInstrumenter;
}

function isOff(o: NormalizedLoggerOptions, hook: InstrumenterHook): boolean {
  const level: LevelChoice | undefined = o.levels[EVENT_NAMES[hook]];
  return level === 'off' || (level === undefined && hook === 'onBulkheadUsage');
}
