/**
 * The gateway's failures, one class per failure mode. `status` is the HTTP status the API
 * answers with; `code` is stable for clients; `details` is structured and holds no secret.
 */
export class GatewayError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The request is malformed: bad JSON, a schema violation, a value out of bounds. */
export class InvalidRequestError extends GatewayError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message, 'invalid_request', 400, details);
  }
}

/** A body larger than the route allows. */
export class PayloadTooLargeError extends GatewayError {
  constructor(limit: number, details: Record<string, unknown> = {}) {
    super(`the request body is over the ${limit}-byte limit`, 'payload_too_large', 413, { limit, ...details });
  }
}

/** No API key, an unknown or revoked key, or a wrong secret (deliberately one message for all). */
export class UnauthorizedError extends GatewayError {
  constructor() {
    super('a valid API key is required (Authorization: Bearer pog_…)', 'unauthorized', 401);
  }
}

/** A valid key without the scope the route needs. */
export class ForbiddenScopeError extends GatewayError {
  constructor(scope: string) {
    super(`this API key lacks the "${scope}" scope`, 'forbidden', 403, { scope });
  }
}

export class NotFoundError extends GatewayError {
  constructor(what: string, id: string) {
    super(`${what} ${id} does not exist`, 'not_found', 404, { what, id });
  }
}

/** The account's available credit is below what the operation needs. */
export class InsufficientCreditError extends GatewayError {
  constructor(accountId: string, needed: bigint, available: bigint) {
    super(`account ${accountId} has ${available} credit units available, ${needed} needed`, 'insufficient_credit', 402, {
      accountId,
      needed: needed.toString(),
      available: available.toString(),
    });
  }
}

/** A payment-processor webhook whose signature header is missing, malformed, stale or wrong. */
export class WebhookSignatureError extends GatewayError {
  constructor(reason: string) {
    super(`the webhook signature was refused: ${reason}`, 'bad_signature', 400, { reason });
  }
}

/** A model the gateway will not let any miner see (malformed, oversized, unsupported operator, …). */
export class ModelRejectedError extends GatewayError {
  constructor(reason: string, details: Record<string, unknown> = {}) {
    super(`the model was refused: ${reason}`, 'model_rejected', 422, details);
  }
}

/** The database is in a state the code does not expect (a migration newer than this build, …). */
export class DatabaseError extends GatewayError {
  constructor(message: string, details: Record<string, unknown> = {}) {
    super(message, 'database_error', 500, details);
  }
}

/** The quote is above the buyer's maximum price: nothing is held, no job is created. */
export class PriceAboveMaximumError extends GatewayError {
  constructor(price: bigint, maxPrice: bigint) {
    super(`the job would cost ${price} credit units, above the maximum ${maxPrice}`, 'price_above_max', 422, { price: price.toString(), maxPrice: maxPrice.toString() });
  }
}

/** A job state change that the job's current state does not allow (e.g. completing a failed job). */
export class JobStateError extends GatewayError {
  constructor(jobId: string, state: string, wanted: string) {
    super(`job ${jobId} is ${state}; it cannot become ${wanted}`, 'job_state', 409, { jobId, state, wanted });
  }
}

/**
 * A miner did not return a verified result for a job (src/gateway/dispatch/miner-job-client.ts).
 * `retryable`: whether the scheduler should try another miner (false when the job itself is at
 * fault, e.g. inputs no miner would take, or when the caller withdrew it).
 */
export class MinerJobError extends GatewayError {
  constructor(
    message: string,
    code: string,
    status: number,
    readonly retryable: boolean,
    details: Record<string, unknown> = {},
  ) {
    super(message, code, status, details);
  }
}

/** The miner refused the job with a reason code (`details.reason`): the job's fault or the miner's. */
export class MinerRefusedError extends MinerJobError {
  constructor(miner: string, reason: string, minerStatus: number, retryable: boolean, minerMessage?: string) {
    super(`miner ${miner} refused the job: ${reason}${minerMessage ? ` (${minerMessage})` : ''}`, 'miner_refused', 502, retryable, { miner, reason, minerStatus });
  }
}

/** The miner's device queue is full for us, or it is stopping, or its runner is down: another miner may be free. */
export class MinerBusyError extends MinerJobError {
  constructor(miner: string, reason: string) {
    super(`miner ${miner} is busy: ${reason}`, 'miner_busy', 503, true, { miner, reason });
  }
}

/** No answer within the job's time (the miner said so, or the request ran out). Another miner may be tried. */
export class MinerTimeoutError extends MinerJobError {
  constructor(miner: string, ms: number) {
    super(`miner ${miner} did not answer within ${ms} ms`, 'miner_timeout', 504, true, { miner, ms });
  }
}

/** The miner could not be reached (refused connection, reset, DNS, …). */
export class MinerTransportError extends MinerJobError {
  constructor(miner: string, detail: string) {
    super(`miner ${miner} could not be reached: ${detail}`, 'miner_unreachable', 502, true, { miner, detail });
  }
}

/**
 * The miner's answer does not verify: unsigned or signed by another key, malformed, too large,
 * or a receipt that does not match the job, the inputs, the outputs or its signature
 * (`details.problem`). Its outputs must not reach the buyer.
 */
export class MinerBadAnswerError extends MinerJobError {
  constructor(miner: string, problem: string) {
    super(`miner ${miner} sent an answer that does not verify: ${problem}`, 'miner_bad_answer', 502, true, { miner, problem });
  }
}

/** The caller withdrew the job (its AbortSignal) while a miner had it. */
export class JobWithdrawnError extends MinerJobError {
  constructor(miner: string) {
    super(`the job was withdrawn while miner ${miner} had it`, 'job_withdrawn', 499, false, { miner });
  }
}

/** A miner's answer that does not hold up (wrong job, model or input hash, outputs not as the model declares). Another miner may be tried. */
export class MinerAnswerError extends MinerJobError {
  constructor(miner: string, reason: string) {
    super(`miner ${miner} answered badly: ${reason}`, 'miner_answer', 502, true, { miner, reason });
  }
}

/** The job has no result yet (or failed): nothing to deliver. */
export class ResultNotReadyError extends GatewayError {
  constructor(jobId: string, state: string) {
    super(`job ${jobId} is ${state}; it has no result`, 'not_ready', 409, { jobId, state });
  }
}

/** The account already has as many open jobs as one account may (each holds its inputs in the gateway's database). */
export class TooManyOpenJobsError extends GatewayError {
  constructor(accountId: string, limit: number) {
    super(`account ${accountId} has ${limit} open jobs, the most one account may have; wait for some to settle`, 'too_many_open_jobs', 429, { accountId, limit });
  }
}
