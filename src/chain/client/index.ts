/**
 * The chain client: a reconnecting connection to a subtensor node, nonce-serialised
 * submission with typed errors, one typed function per subtensor operation, and the
 * metagraph. See docs/chain-client.md.
 */
export { connectChain, describeConnectError, type ConnectChainOptions } from './connect';
export { ChainClient, type ChainClientEvent } from './client';
export type { ChainConnection } from './connection';
export { DEFAULT_RETRY, backoffDelay, type RetryOptions } from './backoff';
export { parseEndpoint, redactEndpoint } from './endpoint';
export {
  ChainError,
  InvalidEndpointError,
  ChainUnreachableError,
  ChainClientClosedError,
  ChainDispatchError,
  TransactionRejectedError,
  SubmissionTimeoutError,
  InvalidChainInputError,
  UnsupportedByNodeError,
  OperationRefusedError,
  TimelockRequiredError,
} from './errors';
export { submit, DEFAULT_SUBMIT_TIMEOUT_MS, type SubmitOptions, type SubmitResult, type ChainEvent, type WaitFor } from './submit';
export { eventsOf, findExtrinsic, extrinsicResult, type FoundExtrinsic } from './inclusion';
export { NonceQueue } from './nonce-queue';
export { decodeDispatchError, type DecodedDispatchError } from './dispatch-error';
export { rpcRejectionOf, isConnectionError, type RpcRejection } from './rpc-error';
export { customTransactionErrorName } from './custom-transaction-error';
export { buildCall, findCall, hasCall, callArgs } from './calls';
export { storage, findStorage, readMulti, atHead, type StorageRead, type StorageEntry } from './storage';
export { parseIp, formatIp, type ChainIp } from './ip';
export { RAO_PER_TAO, taoToRao, raoToTao } from './units';
export { epochIndex, blocksUntilNextEpoch, epochBlocks, revealWindow, type RevealWindow } from '../weights';
export { waitForBlock } from './wait-for-block';
export { readWeightsState, type SubnetWeightsState } from './weights-state';
export { needsTimelock, assertNoTimelock, canTimelock, weightsPath, TIMELOCK_ONLY_CR_VERSION, type WeightsPath } from './commit-reveal-mode';
export { readChainBeacon, readPulseSignature, type ChainBeacon } from './drand-beacon';
export { readChainClock, type ChainClock } from './chain-clock';
export { HYPERPARAMETERS, findHyperparameter, type HyperparameterSpec } from './hyperparameters';
export { loadMetagraph, hasNeuronsLite, type Metagraph, type AxonEndpoint, type LoadMetagraphOptions } from './metagraph';
export * from './actions';
export { ChainLedgerPort, type ChainLedgerPortOptions } from './ledger-port';
export { subnetOwner, subnetOwnerHotkey } from './subnet-owner';
