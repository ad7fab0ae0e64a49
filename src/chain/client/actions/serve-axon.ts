import type { KeyringPair } from '@polkadot/keyring/types';
import { buildCall } from '../calls';
import type { ChainClient } from '../client';
import type { ChainDispatchError, InvalidChainInputError, SubmissionTimeoutError, TransactionRejectedError } from '../errors';
import type { SubmitResult } from '../inclusion';
import { parseIp } from '../ip';
import { checkNetuid, checkUint, submitOptions, type OperationOptions } from './shared';

export interface ServeAxonParameters extends OperationOptions {
  /** The registered hotkey that serves. */
  readonly signer: KeyringPair;
  readonly netuid: number;
  /** IPv4 (`203.0.113.7`) or IPv6 (`2001:db8::7`); `0.0.0.0` announces no address. */
  readonly ip: string;
  readonly port: number;
  /** Axon protocol byte (Bittensor uses 4). */
  readonly protocol?: number;
  /** Axon software version (u32). */
  readonly version?: number;
}

export interface ServeAxonReturnType extends SubmitResult {
  readonly ip: bigint;
  readonly ipType: 4 | 6;
}

/**
 * `InvalidIpAddress` (e.g. 127.0.0.1), `InvalidIpType`, `InvalidPort`,
 * `HotKeyNotRegisteredInNetwork`, `ServingRateLimitExceeded` as ChainDispatchError; a string
 * that is not an IP address as InvalidChainInputError.
 */
export type ServeAxonErrorType = ChainDispatchError | InvalidChainInputError | TransactionRejectedError | SubmissionTimeoutError;

/**
 * `serve_axon(netuid, version, ip, port, ip_type, protocol, 0, 0)`, signed by the hotkey:
 * announces where the neuron's axon listens.
 *
 * @example await serveAxon(client, { signer: hotkey, netuid: 1, ip: '203.0.113.7', port: 8091 });
 */
export async function serveAxon(client: ChainClient, parameters: ServeAxonParameters): Promise<ServeAxonReturnType> {
  const netuid = checkNetuid(parameters.netuid);
  const { ip, ipType } = parseIp(parameters.ip);
  const port = checkUint('port', parameters.port, 0xffff);
  const protocol = checkUint('protocol', parameters.protocol ?? 4, 0xff);
  const version = checkUint('version', parameters.version ?? 0, 0xffffffff);
  const tx = buildCall(client.api, 'subtensorModule', 'serve_axon', {
    netuid,
    version,
    ip,
    port,
    ip_type: ipType,
    protocol,
    placeholder1: 0,
    placeholder2: 0,
  });
  const result = await client.submit(tx, parameters.signer, submitOptions(parameters));
  return { ...result, ip, ipType };
}
