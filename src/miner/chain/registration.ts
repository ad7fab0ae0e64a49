import type { KeyringPair } from '@polkadot/keyring/types';
import { ChainDispatchError, loadMetagraph, serveAxon, TransactionRejectedError, type ChainClient, type Metagraph } from '../../chain';
import type { Logger } from '../../logging';
import { NotRegisteredError } from '../errors';

/** Bittensor's axon protocol byte. */
export const AXON_PROTOCOL = 4;

/** The miner's version as served on chain: major·100 + minor·10 + patch, as the Bittensor SDK does. */
export function versionAsInt(version: string): number {
  const [major = 0, minor = 0, patch = 0] = version.split('.').map((part) => Number.parseInt(part, 10) || 0);
  return 100 * major + 10 * minor + patch;
}

/**
 * The subnet's metagraph and this hotkey's uid in it. Throws NotRegisteredError (one line,
 * naming the command to run) when the hotkey has no uid, and InvalidChainInputError when the
 * subnet does not exist.
 */
export async function checkRegistration(client: ChainClient, netuid: number, hotkey: string, registerCommand: string): Promise<{ metagraph: Metagraph; uid: number }> {
  const metagraph = await loadMetagraph(client, netuid);
  const uid = metagraph.hotkeys.indexOf(hotkey);
  if (uid < 0) {
    throw new NotRegisteredError(`hotkey ${hotkey} is not registered on subnet ${netuid}; register it first: ${registerCommand}`, { hotkey, netuid });
  }
  return { metagraph, uid };
}

export interface ServeResult {
  /** 'served': a serve_axon was included; 'unchanged': the chain already had this endpoint; 'rate-limited': refused, the chain keeps the old one. */
  readonly outcome: 'served' | 'unchanged' | 'rate-limited';
  readonly blockNumber?: number;
  /** 'rate-limited': the endpoint validators still see (null when the hotkey never served one). */
  readonly onChain?: { readonly ip: string; readonly port: number } | null;
}

/** ServingRateLimitExceeded, whether the pool refused it (subtensor's Custom 12) or a block did. */
function isServingRateLimited(error: unknown): boolean {
  if (error instanceof ChainDispatchError) return error.error === 'ServingRateLimitExceeded';
  return error instanceof TransactionRejectedError && /ServingRateLimitExceeded/.test(error.reason);
}

/** The miner's start summary of its axon: what the chain holds now, not what was asked for. */
export function describeServe(axon: { readonly ip: string; readonly port: number; readonly serve: ServeResult }): string {
  const endpoint = `${axon.ip}:${axon.port}`;
  switch (axon.serve.outcome) {
    case 'served':
      return `axon on chain ${endpoint} (served in block #${axon.serve.blockNumber ?? '?'})`;
    case 'unchanged':
      return `axon on chain ${endpoint} (already there)`;
    case 'rate-limited': {
      const old = axon.serve.onChain;
      return `axon ${endpoint} NOT on chain: serve_axon was rate-limited (ServingRateLimit); validators see ${old ? `${old.ip}:${old.port}` : 'no axon'} until a later serve`;
    }
  }
}

/**
 * Announces ip:port with serve_axon unless the chain already holds exactly that endpoint (a
 * restart within ServingRateLimit would otherwise fail). A rate-limit refusal is logged and
 * tolerated; any other error is thrown.
 */
export async function ensureAxonServed(
  client: ChainClient,
  options: { signer: KeyringPair; netuid: number; ip: string; port: number; version: number; current?: Metagraph['axons'][number]; logger: Logger },
): Promise<ServeResult> {
  const { current } = options;
  if (current && current.ip === options.ip && current.port === options.port && current.protocol === AXON_PROTOCOL && current.version === options.version) {
    options.logger.info({ ip: options.ip, port: options.port, block: current.block }, 'axon already served on chain with this endpoint');
    return { outcome: 'unchanged' };
  }
  try {
    const result = await serveAxon(client, { signer: options.signer, netuid: options.netuid, ip: options.ip, port: options.port, protocol: AXON_PROTOCOL, version: options.version });
    options.logger.info({ ip: options.ip, port: options.port, block: result.blockNumber }, 'axon served on chain');
    return { outcome: 'served', blockNumber: result.blockNumber };
  } catch (error) {
    if (isServingRateLimited(error)) {
      options.logger.warn({ ip: options.ip, port: options.port, onChain: current }, 'serve_axon is rate-limited (ServingRateLimit); validators see the previous endpoint until a later restart');
      const onChain = current && current.port !== 0 ? { ip: current.ip, port: current.port } : null;
      return { outcome: 'rate-limited', onChain };
    }
    throw error;
  }
}
