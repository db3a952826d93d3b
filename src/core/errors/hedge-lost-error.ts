import { ResileError, defineErrorClass } from './resile-error.js';

/** The abort reason given to a hedged attempt that lost to a faster one. */
export class HedgeLostError extends ResileError {
  declare readonly code: 'ERR_HEDGE_LOST';
  /** The attempt number that won. */
  readonly winner: number | undefined;

  constructor(winner?: number) {
    super(
      winner === undefined
        ? 'attempt abandoned: the hedged call already settled'
        : `attempt abandoned: attempt ${String(winner)} won the hedge`,
    );
    this.winner = winner;
  }
}
defineErrorClass(HedgeLostError, 'HedgeLostError', 'ERR_HEDGE_LOST');
