import type { ExecutionContext } from '../context.js';
import type { EventOf, InstrumenterHook } from './instrumenter.js';
import type { Telemetry } from './telemetry.js';

/**
 * Emits a block's event to the block's own instrumenter and, when it happened inside an
 * `execute` call, to that call's instrumenters too (each instrumenter once). Builds the event
 * only when someone listens.
 */
export function emitBlockEvent<H extends InstrumenterHook>(
  own: Telemetry | undefined,
  ctx: ExecutionContext | undefined,
  hook: H,
  build: () => EventOf<H>,
): void {
  const call = ctx?.telemetry;
  if (own === undefined && call === undefined) return;
  const event = build();
  own?.emit(hook, event);
  if (call === undefined || call === own) return;
  if (own === undefined) call.emit(hook, event);
  else call.emitExcept(hook, event, own);
}
