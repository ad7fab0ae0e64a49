import { MinerError } from '../errors';

/**
 * A request the miner refuses: answered with `status` and the JSON body
 * `{ "reason": reason, "message": message, ...fields }`, and counted under `reason` in
 * pog_miner_rejections_total.
 */
export class Rejection extends MinerError {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
    details: Record<string, unknown> = {},
    /** Extra machine-readable fields of the answer's body (e.g. the bound a challenge broke). */
    readonly fields: Record<string, unknown> = {},
  ) {
    super(message, { ...details, status, reason });
  }
}

/** The client closed its connection before the answer; nothing is sent, the work is discarded. */
export class ClientGoneError extends MinerError {}
