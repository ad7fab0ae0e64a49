import { BaseError } from '../../base';
/**
 * Errors raised by the chain client. One class per failure mode a caller handles differently.
 * Messages name endpoints, addresses, extrinsic hashes and chain error names only: never a
 * secret, so an error can be printed or logged as it is.
 */
export class ChainError extends BaseError {
  constructor(message: string, details: Record<string, unknown> = {}, options: { cause?: unknown } = {}) {
    super(message, { details, cause: options.cause });
  }
}

/**
 * The endpoint as it may be printed: user info and query string (which can carry
 * credentials or an API key) replaced by `***`.
 */
export function printableEndpoint(endpoint: string): string {
  return endpoint.replace(/^([a-z]+:\/\/)[^/@?#]*@/i, '$1***@').replace(/\?.*$/, (q) => (q ? '?***' : ''));
}

/** An endpoint that is not a `ws://` / `wss://` URL. Raised at once, without retrying. */
export class InvalidEndpointError extends ChainError {
  readonly endpoint: string;
  constructor(endpoint: string, reason: string) {
    const printable = printableEndpoint(endpoint);
    super(`invalid chain endpoint "${printable}": ${reason} (expected ws://host:port or wss://host:port)`, { endpoint: printable });
    this.endpoint = printable;
  }
}

/** No connection to the endpoint after every attempt (or the connection did not come back in time). */
export class ChainUnreachableError extends ChainError {
  readonly endpoint: string;
  constructor(endpoint: string, readonly attempts: number, reason: string) {
    const printable = printableEndpoint(endpoint);
    super(`chain endpoint ${printable} is unreachable after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${reason}`, { endpoint: printable, attempts, reason });
    this.endpoint = printable;
  }
}

/**
 * An extrinsic that was included in a block and failed there. `name` is `section.Error`
 * (e.g. `subtensorModule.SettingWeightsTooFast`) for a module error, else the dispatch error's
 * kind (`BadOrigin`, `Token.FundsUnavailable`, …) with `section` null. `docs` is the error's
 * documentation line from the metadata. `viaSudo` marks an error of a call dispatched by sudo.
 */
export class ChainDispatchError extends ChainError {
  override readonly name: string;
  constructor(
    readonly section: string | null,
    readonly error: string,
    readonly docs: string,
    readonly call: string,
    readonly txHash: string,
    readonly blockHash: string,
    readonly blockNumber: number,
    readonly viaSudo = false,
  ) {
    const qualified = section ? `${section}.${error}` : error;
    super(`${call} failed in block #${blockNumber}${viaSudo ? ' (dispatched by sudo)' : ''}: ${qualified}${docs ? ` (${docs})` : ''}`, {
      section,
      error,
      call,
      txHash,
      blockHash,
      blockNumber,
    });
    this.name = qualified;
  }
}

/**
 * The node refused the transaction: a JSON-RPC rejection (1010 invalid, 1011 unknown, 1012
 * pool full, 1013 already imported, 1014 priority too low …) or an invalid / dropped /
 * usurped status while waiting. `reason` is the node's own text.
 */
export class TransactionRejectedError extends ChainError {
  constructor(readonly call: string, readonly code: number | null, readonly reason: string, readonly txHash: string | null = null) {
    super(`${call} was rejected by the node: ${code === null ? '' : `${code}: `}${reason}`, { call, code, reason, txHash });
  }
}

/** No inclusion (or finality) within the time limit. The transaction may still be included later. */
export class SubmissionTimeoutError extends ChainError {
  constructor(readonly call: string, readonly txHash: string | null, readonly waitFor: string, readonly timeoutMs: number) {
    super(`${call} was not ${waitFor === 'finalized' ? 'finalized' : 'in a block'} within ${timeoutMs} ms${txHash ? ` (extrinsic ${txHash}; it may still be included)` : ''}`, {
      call,
      txHash,
      waitFor,
      timeoutMs,
    });
  }
}

/** The client was closed while a call waited on it (e.g. for a lost connection to come back). */
export class ChainClientClosedError extends ChainError {
  constructor(readonly endpoint: string) {
    super(`the chain client for ${endpoint} was closed`, { endpoint });
  }
}

/** A parameter the client rejects before touching the chain (bad IP, amount, name …). */
export class InvalidChainInputError extends ChainError {}

/** The connected node has no such call, storage item or runtime API. */
export class UnsupportedByNodeError extends ChainError {}

/**
 * The client refused to submit because the chain would fail the call: `error` is the
 * subtensor error the chain would raise (`SettingWeightsTooFast`, `IncorrectWeightVersionKey`,
 * `HotKeyNotRegisteredInSubNet`, `RevealTooEarly`, …), so callers handle both the same way.
 */
export class OperationRefusedError extends ChainError {
  constructor(readonly call: string, readonly section: string, readonly error: string, reason: string) {
    super(`${call} refused before submitting: ${section}.${error}: ${reason}`, { call, section, error });
  }
}

/**
 * The subnet uses commit-reveal, the node only takes timelock-encrypted (drand) weight commits,
 * and the call used (v2 commit/reveal) is not one: use commitTimelockedWeights, or the node has
 * no `commit_timelocked_weights` + drand pallet this client writes to.
 */
export class TimelockRequiredError extends ChainError {}
