/** resile/logger: structured logs of resile's events for pino and pino-compatible loggers. */
export { loggerInstrumenter, type LoggerInstrumenter } from './logger.js';
export type { LoggerInstrumenterOptions, LogRateLimit, StructuredLogger } from './options.js';
export type { LogLevel, LevelChoice } from './levels.js';
export type { EventName } from '../shared/vocabulary.js';
