import { isIP } from 'node:net';
import { decodeAddress } from '@polkadot/util-crypto';
import { z } from 'zod';
import { chainEndpointSchema as endpoint, devUriSchema as devUri, logLevelSchema as logLevel } from './shared-schemas';
import { DEFAULT_CHAIN_ENDPOINT } from './chain-config';

const ss58 = z.string().refine((v) => {
  try {
    return decodeAddress(v).length === 32;
  } catch {
    return false;
  }
}, 'must be an ss58 hotkey address');

const ipAddress = z.string().refine((v) => isIP(v) !== 0, 'must be an IPv4 or IPv6 address (host names are not resolved)');
const port = z.number().int().min(0).max(65535);

/**
 * `pog miner` settings: a config file, then POG_CHAIN / POG_MINER_* env, then flags. Wallet
 * flags (`--wallet.*`, `BT_WALLET_*`) are resolved separately, as for every chain command.
 */
export const minerConfigSchema = z
  .object({
    netuid: z.number().int().min(0).max(65535).describe('subnet the hotkey is registered on'),
    chain: endpoint.default(DEFAULT_CHAIN_ENDPOINT).describe('subtensor node WebSocket endpoint'),
    connectAttempts: z.number().int().min(1).max(100).default(5).describe('attempts for the first connection, with exponential backoff'),
    hotkeyUri: devUri.optional().describe('dev chains only: use a dev key such as //Bob as the miner hotkey instead of the wallet hotkey'),
    device: z.enum(['cpu', 'cuda']).default('cpu').describe('execution provider challenges run on'),
    deviceId: z.number().int().min(0).max(63).default(0).describe('CUDA device ordinal'),
    threads: z.number().int().min(1).max(256).optional().describe('onnxruntime intra-op threads (default: all cores on cpu)'),
    axonHost: z.string().min(1).default('0.0.0.0').describe('interface the axon listens on'),
    axonPort: port.default(8091).describe('port the axon listens on (0: any free port)'),
    axonExternalIp: ipAddress.optional().describe('address announced on chain (default: a detected non-loopback IPv4)'),
    axonExternalPort: port.min(1).optional().describe('port announced on chain when it differs from axonPort (NAT)'),
    allow: z.array(ss58).max(1024).default([]).describe('hotkeys served besides validator-permit holders'),
    metagraphRefresh: z.number().int().min(1).max(86_400).default(60).describe('seconds between metagraph refreshes'),
    queueSize: z.number().int().min(0).max(1024).default(64).describe('challenges that may wait for the device, over all validators'),
    perValidator: z.number().int().min(1).max(64).default(4).describe('challenges one validator may have running and waiting together (a validator keeps at most 4 unopened); more are answered 503 busy'),
    axonMaxPerAddress: z.number().int().min(1).max(1024).default(8).describe('unauthenticated connections accepted from one address (an IPv6 /64)'),
    axonHeadersTimeout: z.number().positive().max(60).default(3).describe('seconds a connection has to send complete request headers'),
    axonBodyTimeout: z.number().positive().max(300).default(5).describe('seconds a request has to send its whole body once its headers are in'),
    auditTtl: z.number().int().min(1).max(86_400).default(300).describe('seconds a commitment stays auditable'),
    // 8 = pog's MIN_COMMITMENTS_RETAINED (config imports nothing from pog; a test holds them equal).
    auditPerValidator: z.number().int().min(8).max(64).default(8).describe('most recent challenges kept per validator for audits (at least 8: a validator keeps up to 4 unopened)'),
    auditMaxMib: z.number().int().min(1).max(1 << 20).default(1024).describe('MiB of committed outputs held for audits, over all validators'),
    maxChallengeSeconds: z.number().positive().max(3600).default(30).describe('challenges estimated to take longer on this device (measured at start) are refused'),
    memoryFraction: z.number().gt(0).max(1).default(0.75).describe('share of the device memory one challenge may be estimated to need'),
    maxSkew: z.number().int().min(1).max(600).default(10).describe('seconds of clock difference accepted on signed requests'),
    warmup: z.array(z.enum(['ci', 'demo', 'gpu'])).default([]).describe('presets run once at start so their sessions are warm'),
    stopGrace: z.number().int().min(0).max(3600).default(30).describe('seconds a running challenge may take to finish on SIGINT/SIGTERM'),
    logLevel: logLevel.default('info'),
  })
  .strict();

export type MinerConfig = z.infer<typeof minerConfigSchema>;

const numberOrUndefined = (v: string | undefined) => (v === undefined || v === '' ? undefined : Number(v));

/** POG_CHAIN and POG_MINER_* → config keys. POG_MINER_ALLOW is comma-separated. */
export function minerEnvironment(env: NodeJS.ProcessEnv): Partial<Record<keyof MinerConfig, unknown>> {
  return {
    chain: env.POG_CHAIN === '' ? undefined : env.POG_CHAIN,
    netuid: numberOrUndefined(env.POG_MINER_NETUID),
    device: env.POG_MINER_DEVICE === '' ? undefined : env.POG_MINER_DEVICE,
    axonPort: numberOrUndefined(env.POG_MINER_AXON_PORT),
    axonExternalIp: env.POG_MINER_EXTERNAL_IP === '' ? undefined : env.POG_MINER_EXTERNAL_IP,
    allow: env.POG_MINER_ALLOW ? env.POG_MINER_ALLOW.split(',').map((s) => s.trim()).filter(Boolean) : undefined,
  };
}
