import type { KeyringPair } from '@polkadot/keyring/types';
import { ChainDispatchError, loadMetagraph, serveAxon, type ChainClient, type Metagraph } from '../../chain';
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
  /** 'served': a serve_axon was included; 'unchanged': the chain already had this endpoint; 'rate-limited': kept the old one. */
  readonly outcome: 'served' | 'unchanged' | 'rate-limited';
  readonly blockNumber?: number;
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
    if (error instanceof ChainDispatchError && error.error === 'ServingRateLimitExceeded') {
      options.logger.warn({ ip: options.ip, port: options.port, onChain: current }, 'serve_axon is rate-limited (ServingRateLimit); validators see the previous endpoint until a later restart');
      return { outcome: 'rate-limited' };
    }
    throw error;
  }
}
